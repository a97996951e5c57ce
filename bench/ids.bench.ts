import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './root.js';

export interface IdsBenchResult {
  threads: number;
  seconds: number;
  mbps: number;
  pps: number;
  packets: number;
  alerts: number;
  peakRssMB: number;
  startupSeconds: number;
}

/** The arguments of one `vigil ids` run whose figures go to `stats`. */
function idsArgs(pcap: string, rules: string, threads: number, stats: string, extra: string[]): string[] {
  return [
    join(ROOT, 'bin', 'vigil.js'),
    'ids',
    '-q',
    '-r',
    pcap,
    '-R',
    rules,
    '-A',
    'none',
    '-z',
    String(threads),
    '--stats-json',
    stats,
    ...extra,
  ];
}

/** Figures of a finished run, from its --stats-json (start-up excluded) and its wall time. */
function idsResult(threads: number, stats: string, wall: number): IdsBenchResult {
  const s = JSON.parse(readFileSync(stats, 'utf8')) as {
    seconds: number;
    counters: { packets: number; wireBytes: number; alerts: number };
    peakRssKB: number;
  };
  return {
    threads,
    seconds: s.seconds,
    mbps: (s.counters.wireBytes * 8) / s.seconds / 1e6,
    pps: s.counters.packets / s.seconds,
    packets: s.counters.packets,
    alerts: s.counters.alerts,
    peakRssMB: s.peakRssKB / 1024,
    startupSeconds: wall - s.seconds,
  };
}

/** One `vigil ids` run in a fresh process; figures come from its --stats-json (start-up excluded). */
export function benchIds(pcap: string, rules: string, threads: number, extra: string[] = []): IdsBenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const stats = join(dir, 'stats.json');
  try {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, idsArgs(pcap, rules, threads, stats, extra), {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const wall = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`vigil ids failed (${r.status}): ${r.stderr.slice(-2000)}`);
    return idsResult(threads, stats, wall);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same run as benchIds, in a child process that runs while the caller goes on. */
async function benchIdsAsync(pcap: string, rules: string, threads: number): Promise<IdsBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const stats = join(dir, 'stats.json');
  try {
    const t0 = performance.now();
    const child = spawn(process.execPath, idsArgs(pcap, rules, threads, stats, []), {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    const wall = (performance.now() - t0) / 1000;
    if (code !== 0) throw new Error(`vigil ids failed (${code}): ${stderr}`);
    return idsResult(threads, stats, wall);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What two cores give to two engines that share nothing: two one-thread runs of the same capture started
 * together. Their throughput added up, over one run's alone, is the most any split of the packets over two
 * threads could reach on this machine (the same work, with no dispatching, no shared state, no ordering).
 */
export async function benchSideBySide(
  pcap: string,
  rules: string,
): Promise<{ a: IdsBenchResult; b: IdsBenchResult }> {
  const [a, b] = await Promise.all([benchIdsAsync(pcap, rules, 1), benchIdsAsync(pcap, rules, 1)]);
  return { a, b };
}

/** One `vigil logs` run (no rules) in a fresh process: Mbit/s from its --stats-json. */
export function benchLogs(pcap: string): { seconds: number; mbps: number; peakRssMB: number } {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-logs-'));
  const stats = join(dir, 'stats.json');
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'vigil.js'), 'logs', '-q', '-r', pcap, '-d', join(dir, 'logs'), '--stats-json', stats],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`vigil logs failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const s = JSON.parse(readFileSync(stats, 'utf8')) as {
    seconds: number;
    counters: { wireBytes: number };
    peakRssKB: number;
  };
  rmSync(dir, { recursive: true, force: true });
  return {
    seconds: s.seconds,
    mbps: (s.counters.wireBytes * 8) / s.seconds / 1e6,
    peakRssMB: s.peakRssKB / 1024,
  };
}
