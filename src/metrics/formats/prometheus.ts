import { formatExposition } from '../exposition.js';
import type { MetricsFormat } from './registry.js';

/** node_exporter-compatible text exposition; a `--watch` stream separates samples with a blank line. */
export const prometheusFormat: MetricsFormat = {
  header: () => '',
  record: (_sample, sampler, stream) =>
    formatExposition(sampler.state, sampler.pageSize) + (stream ? '\n' : ''),
};
