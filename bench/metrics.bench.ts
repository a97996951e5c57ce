import { MetricsSampler } from '../src/metrics/sampler.js';

export interface MetricsBenchResult {
  /** CPU time (user + system) per sample of the 24 features from the live /proc, in milliseconds. */
  cpuMsPerSample: number;
  samples: number;
}

/**
 * `vigil metrics` cost: process.cpuUsage over many samples of this machine's /proc (after a warm-up so the
 * descriptors are open and the code is optimized). node_exporter spends 8–10 ms of CPU per scrape of the
 * same collectors here.
 */
export function benchMetrics(samples = 2000): MetricsBenchResult {
  const sampler = new MetricsSampler();
  for (let i = 0; i < 100; i++) sampler.sample();
  const before = process.cpuUsage();
  let sink = 0;
  for (let i = 0; i < samples; i++) sink += sampler.sample().features.intr ?? 0;
  const used = process.cpuUsage(before);
  sampler.close();
  if (sink < 0) throw new Error('unreachable');
  return { cpuMsPerSample: (used.user + used.system) / 1000 / samples, samples };
}
