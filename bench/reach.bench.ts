import { buildIndex } from '../src/audit/reach/analyze.js';
import { generateCluster } from '../src/audit/reach/generate.js';
import { summarize } from '../src/audit/reach/summary.js';

export interface ReachBenchResult {
  pods: number;
  namespaces: number;
  policies: number;
  /** Wall time of compile + summary. */
  seconds: number;
  /** CPU time of the same (less noisy on a shared machine). */
  cpuSeconds: number;
  connectedPairs: number;
  peakRssMB: number;
}

/** Full port-aware connectivity summary of a generated cluster: 10k pods in 1k namespaces, 10k policies. */
export function benchReach(namespaces = 1000, podsPerNs = 10, policiesPerNs = 10): ReachBenchResult {
  const objects = generateCluster(namespaces, podsPerNs, policiesPerNs);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const index = buildIndex(objects, []);
  const s = summarize(index);
  const cpu = process.cpuUsage(c0);
  const seconds = (performance.now() - t0) / 1000;
  return {
    pods: s.workloads,
    namespaces,
    policies: index.policies.length,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    connectedPairs: s.connectedPairs,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}
