import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISK_WHOLE, classifyDisk } from './disk-class.js';
import { formatExposition } from './exposition.js';
import { FEATURE_NAMES, type FeatureName, type Features } from './features.js';
import { MetricsSampler } from './sampler.js';
import { freePort } from '../../test/support/net.js';

/**
 * Live comparison with Debian's prometheus-node-exporter on this machine: node_exporter is scraped between
 * two of our samples, and each feature it implies must lie between our two readings, widened only by what
 * the scrape itself changes (its own TCP connection, the files it opens, its memory).
 */
const BIN = ['/usr/bin/prometheus-node-exporter', '/usr/local/bin/node_exporter'].find((p) => existsSync(p));
if (BIN === undefined)
  console.warn(
    'node-exporter.live.test: skipped, no prometheus-node-exporter binary (apt-get install prometheus-node-exporter)',
  );

const FLAGS = [
  '--collector.disable-defaults',
  ...[
    'cpu',
    'diskstats',
    'filesystem',
    'netdev',
    'vmstat',
    'meminfo',
    'stat',
    'loadavg',
    'sockstat',
    'netstat',
    'tcpstat',
    'filefd',
  ].map((c) => `--collector.${c}`),
  // Read /proc/net/dev as we do, and keep lo (Debian's build excludes it by default).
  '--no-collector.netdev.netlink',
  '--collector.netdev.device-exclude=^$',
  // Keep `/` whatever its filesystem type (an overlay root is excluded by default).
  '--collector.filesystem.mount-points-exclude=^$',
  '--collector.filesystem.fs-types-exclude=^$',
];

/** How far node_exporter may stray outside our two readings, because its scrape is running. */
const SLACK: Partial<Record<FeatureName, number>> = {
  tcp_sock_alloc: 4,
  tcp_sock_inuse: 4,
  est_conn: 4,
  lis_conn: 2,
  ipv4_sock_inuse: 16,
  udp_sock_inuse: 2,
  tcp_sock_mem: 64,
  udp_sock_mem: 16,
  open_fds: 128,
  mem_av_per: 0.5,
  disk_av_per: 0.01,
};

let child: ChildProcess | undefined;
let url = '';

async function scrape(): Promise<Map<string, number>> {
  const text = await (await fetch(url)).text();
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const sp = line.lastIndexOf(' ');
    m.set(line.slice(0, sp), Number(line.slice(sp + 1)));
  }
  return m;
}

function sumOf(
  m: Map<string, number>,
  prefix: string,
  keep: (labels: string) => boolean = () => true,
): number {
  let s = 0;
  let seen = false;
  for (const [k, v] of m) {
    if (!k.startsWith(prefix) || !keep(k.slice(prefix.length))) continue;
    s += v;
    seen = true;
  }
  return seen ? s : NaN;
}

const device = (labels: string) => /device="([^"]*)"/.exec(labels)?.[1] ?? '';

/** The 24 features as node_exporter's series give them, folded the way MetricsSampler folds its own. */
function featuresFrom(m: Map<string, number>): Record<FeatureName, number> {
  const g = (k: string) => m.get(k) ?? NaN;
  const whole = (l: string) => (classifyDisk(device(l)) & DISK_WHOLE) !== 0;
  const root = (name: string) => sumOf(m, name, (l) => l.includes('mountpoint="/"'));
  return {
    cpu_sec_idle: sumOf(m, 'node_cpu_seconds_total{', (l) => l.includes('mode="idle"')),
    disk_av_per: (100 * root('node_filesystem_avail_bytes{')) / root('node_filesystem_size_bytes{'),
    disk_read: sumOf(m, 'node_disk_read_bytes_total{', whole),
    disk_write: sumOf(m, 'node_disk_written_bytes_total{', whole),
    net_receive: sumOf(m, 'node_network_receive_bytes_total{'),
    mem_pressure: g('node_vmstat_pgmajfault'),
    mem_av_per: (100 * g('node_memory_MemAvailable_bytes')) / g('node_memory_MemTotal_bytes'),
    forks_total: g('node_forks_total'),
    intr: g('node_intr_total'),
    load1: g('node_load1'),
    load5: g('node_load5'),
    load15: g('node_load15'),
    receive_drop: sumOf(m, 'node_network_receive_drop_total{'),
    receive_errs: sumOf(m, 'node_network_receive_errs_total{'),
    transmit_packets: sumOf(m, 'node_network_transmit_packets_total{'),
    tcp_sock_alloc: g('node_sockstat_TCP_alloc'),
    tcp_sock_inuse: g('node_sockstat_TCP_inuse'),
    tcp_sock_mem: g('node_sockstat_TCP_mem'),
    udp_sock_inuse: g('node_sockstat_UDP_inuse'),
    udp_sock_mem: g('node_sockstat_UDP_mem'),
    ipv4_sock_inuse: g('node_sockstat_sockets_used'),
    est_conn: g('node_netstat_Tcp_CurrEstab'),
    lis_conn: g('node_tcp_connection_states{state="listen"}'),
    open_fds: g('node_filefd_allocated'),
  };
}

function within(name: FeatureName, ne: number, a: Features, b: Features): boolean {
  const x = a[name];
  const y = b[name];
  if (x === null || y === null) return false;
  // Sums of per-CPU float seconds differ from our one division by a few ulps.
  const slack = (SLACK[name] ?? 0) + 1e-9 * Math.max(Math.abs(x), Math.abs(y));
  return ne >= Math.min(x, y) - slack && ne <= Math.max(x, y) + slack;
}

describe.skipIf(BIN === undefined)('live comparison with prometheus-node-exporter', () => {
  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/metrics`;
    child = spawn(BIN!, [`--web.listen-address=127.0.0.1:${port}`, ...FLAGS], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(url)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`node_exporter did not start on ${url}`);
  });
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('agrees on all 24 features within what changes between two reads', async () => {
    const sampler = new MetricsSampler();
    const pending = new Set<FeatureName>(FEATURE_NAMES);
    const last: Record<string, string> = {};
    for (let round = 0; round < 5 && pending.size > 0; round++) {
      const a = sampler.sample().features;
      const ne = featuresFrom(await scrape());
      const b = sampler.sample().features;
      for (const name of [...pending]) {
        if (within(name, ne[name], a, b)) pending.delete(name);
        else last[name] = `node_exporter ${ne[name]}, ours ${a[name]} .. ${b[name]}`;
      }
    }
    sampler.close();
    expect(Object.fromEntries([...pending].map((n) => [n, last[n]]))).toEqual({});
  });

  it("uses node_exporter's HELP and TYPE lines for every metric it shares", async () => {
    const text = await (await fetch(url)).text();
    const theirs = new Set(text.split('\n').filter((l) => l.startsWith('# ')));
    const sampler = new MetricsSampler();
    sampler.read();
    const ours = formatExposition(sampler.state, sampler.pageSize)
      .split('\n')
      .filter((l) => l.startsWith('# '));
    sampler.close();
    expect(ours.length).toBeGreaterThan(50);
    expect(ours.filter((l) => !theirs.has(l))).toEqual([]);
  });
});
