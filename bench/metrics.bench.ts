import { EventCounts } from '../src/core/counters.js';
import { NodeState } from '../src/metrics/node-state.js';
import { ProcFiles } from '../src/metrics/proc-files.js';
import { tcp6Reader, tcpReader } from '../src/metrics/readers/tcp-table.js';
import { MetricsSampler } from '../src/metrics/sampler.js';
import { Scanner } from '../src/metrics/scanner.js';

export interface MetricsBenchResult {
  /** CPU time (user + system) per sample of the 24 features from the live /proc, in milliseconds. */
  cpuMsPerSample: number;
  /** Where lis_conn came from in that figure (the sock_diag helper, or the TCP tables and why). */
  listenerSource: string;
  /** The same sample with lis_conn from /proc/net/tcp{,6} (no helper). */
  procfsCpuMsPerSample: number;
  /**
   * Of which the listener count from /proc/net/tcp and tcp6: kernel time spent walking the established
   * hash to find the end of the listeners (see src/metrics/NOTES.md), measured alone the same way.
   */
  tcpTablesMsPerSample: number;
  samples: number;
}

const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

/**
 * `vigil metrics` cost: process.cpuUsage over many samples of this machine's /proc (after a warm-up so the
 * descriptors are open and the code is optimized). node_exporter spends 8–10 ms of CPU per scrape of the
 * same collectors here.
 */
export function benchMetrics(samples = 2000): MetricsBenchResult {
  const sampler = new MetricsSampler();
  const procfs = new MetricsSampler({ listeners: 'procfs' });
  const r = {
    cpuMsPerSample: samplerCpu(sampler, samples),
    listenerSource: sampler.listenerSource,
    procfsCpuMsPerSample: samplerCpu(procfs, samples),
    tcpTablesMsPerSample: tcpTablesCpu(samples),
    samples,
  };
  sampler.close();
  procfs.close();
  return r;
}

function samplerCpu(sampler: MetricsSampler, samples: number): number {
  for (let i = 0; i < 100; i++) sampler.sample();
  const before = process.cpuUsage();
  let sink = 0;
  for (let i = 0; i < samples; i++) sink += sampler.sample().features.intr ?? 0;
  const used = process.cpuUsage(before);
  if (sink < 0) throw new Error('unreachable');
  return cpuMs(used) / samples;
}

function tcpTablesCpu(samples: number): number {
  const files = new ProcFiles();
  const s = new Scanner();
  const st = new NodeState();
  const ev = new EventCounts();
  const read = (): void => {
    st.begin();
    tcpReader.readPart!(files, `/proc/${tcpReader.path}`, s, st, ev);
    tcp6Reader.readPart!(files, `/proc/${tcp6Reader.path}`, s, st, ev);
  };
  for (let i = 0; i < 100; i++) read();
  const before = process.cpuUsage();
  for (let i = 0; i < samples; i++) read();
  const used = process.cpuUsage(before);
  files.close();
  return cpuMs(used) / samples;
}
