import type { MetricsSample } from '../features.js';
import type { MetricsSampler } from '../sampler.js';
import { csvFormat } from './csv.js';
import { jsonFormat } from './json.js';
import { prometheusFormat } from './prometheus.js';

/** How one sample is written. `stream` is true for `--watch`: records then carry their timestamp. */
export interface MetricsFormat {
  /** Written once before the first record (CSV header), if any. */
  header(stream: boolean): string;
  record(sample: MetricsSample, sampler: MetricsSampler, stream: boolean): string;
}

export const MetricsFormats = {
  json: jsonFormat,
  csv: csvFormat,
  prometheus: prometheusFormat,
} satisfies Record<string, MetricsFormat>;

export type MetricsFormatName = keyof typeof MetricsFormats;

export function isMetricsFormatName(s: string): s is MetricsFormatName {
  return Object.hasOwn(MetricsFormats, s);
}
