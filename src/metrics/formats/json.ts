import type { MetricsFormat } from './registry.js';

/**
 * One JSON object per sample, keyed by the 24 feature names (the contract of `vigil metrics --format json`);
 * a `--watch` stream puts `ts` (epoch milliseconds) first, one object per line.
 */
export const jsonFormat: MetricsFormat = {
  header: () => '',
  record: (sample, _sampler, stream) =>
    JSON.stringify(stream ? { ts: sample.ts, ...sample.features } : sample.features) + '\n',
};
