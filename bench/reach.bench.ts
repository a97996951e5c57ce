import { buildIndex } from '../src/audit/reach/analyze.js';
import { generateCluster } from '../src/audit/reach/generate.js';
import { summarize } from '../src/audit/reach/summary.js';

export interface ReachBenchResult {
  pods: number;
  namespaces: number;
  policies: number;
  seconds: number;
  peakRssMB: number;
}

/** Full connectivity summary of a generated cluster: 10k pods in 1k namespaces, 10k policies. */
export function benchReach(namespaces = 1000, podsPerNs = 10, policiesPerNs = 10): ReachBenchResult {
  const objects = generateCluster(namespaces, podsPerNs, policiesPerNs);
  const t0 = performance.now();
  const index = buildIndex(objects, []);
  const s = summarize(index);
  const seconds = (performance.now() - t0) / 1000;
  return {
    pods: s.workloads,
    namespaces,
    policies: index.policies.length,
    seconds,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}
