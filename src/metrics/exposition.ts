import { DISK_EXPORTED } from './disk-class.js';
import type { DeviceTable } from './device-table.js';
import { goFloat } from './go-float.js';
import {
  DISK_READ,
  DISK_WRITTEN,
  NET_RX_BYTES,
  NET_RX_DROP,
  NET_RX_ERRS,
  NET_TX_PACKETS,
  type NodeState,
} from './node-state.js';

type MetricType = 'counter' | 'gauge' | 'untyped';

/**
 * Prometheus text exposition of one sample with node_exporter's metric names, HELP and TYPE lines, label
 * names and per-CPU / per-device series (sorted by label value, as its Go client does), so dashboards and
 * recording rules written for node_exporter work unchanged. Series whose source was not read are left out.
 */
export function formatExposition(st: NodeState, pageSize: number): string {
  const out: string[] = [];
  const one = (name: string, type: MetricType, help: string, v: number) =>
    metric(out, name, type, help, [['', v]]);
  metric(
    out,
    'node_cpu_seconds_total',
    'counter',
    'Seconds the CPUs spent in each mode.',
    rows(st.cpus, 0, 0, 'cpu', (l) => `${l},mode="idle"`, 100),
  );
  metric(
    out,
    'node_disk_read_bytes_total',
    'counter',
    'The total number of bytes read successfully.',
    rows(st.disks, DISK_READ, DISK_EXPORTED, 'device', null, 1 / 512),
  );
  metric(
    out,
    'node_disk_written_bytes_total',
    'counter',
    'The total number of bytes written successfully.',
    rows(st.disks, DISK_WRITTEN, DISK_EXPORTED, 'device', null, 1 / 512),
  );
  one('node_filefd_allocated', 'gauge', 'File descriptor statistics: allocated.', st.fdAllocated);
  one('node_filefd_maximum', 'gauge', 'File descriptor statistics: maximum.', st.fdMaximum);
  metric(
    out,
    'node_filesystem_avail_bytes',
    'gauge',
    'Filesystem space available to non-root users in bytes.',
    [['mountpoint="/"', st.fsAvailBytes]],
  );
  metric(out, 'node_filesystem_size_bytes', 'gauge', 'Filesystem size in bytes.', [
    ['mountpoint="/"', st.fsSizeBytes],
  ]);
  one('node_forks_total', 'counter', 'Total number of forks.', st.forks);
  one('node_intr_total', 'counter', 'Total number of interrupts serviced.', st.intr);
  one('node_load1', 'gauge', '1m load average.', st.load1);
  one('node_load15', 'gauge', '15m load average.', st.load15);
  one('node_load5', 'gauge', '5m load average.', st.load5);
  one(
    'node_memory_MemAvailable_bytes',
    'gauge',
    'Memory information field MemAvailable_bytes.',
    st.memAvailableKb * 1024,
  );
  one(
    'node_memory_MemTotal_bytes',
    'gauge',
    'Memory information field MemTotal_bytes.',
    st.memTotalKb * 1024,
  );
  one('node_netstat_Tcp_CurrEstab', 'untyped', 'Statistic TcpCurrEstab.', st.currEstab);
  const net = (col: number, stat: string) =>
    metric(
      out,
      `node_network_${stat}_total`,
      'counter',
      `Network device statistic ${stat}.`,
      rows(st.net, col, 0, 'device', null, 1),
    );
  net(NET_RX_BYTES, 'receive_bytes');
  net(NET_RX_DROP, 'receive_drop');
  net(NET_RX_ERRS, 'receive_errs');
  net(NET_TX_PACKETS, 'transmit_packets');
  const sock = (key: string, v: number) =>
    one(`node_sockstat_${key}`, 'gauge', `Number of ${key.replace('_', ' sockets in state ')}.`, v);
  sock('TCP_alloc', st.tcpAlloc);
  sock('TCP_inuse', st.tcpInuse);
  sock('TCP_mem', st.tcpMem);
  sock('TCP_mem_bytes', st.tcpMem * pageSize);
  sock('UDP_inuse', st.udpInuse);
  sock('UDP_mem', st.udpMem);
  sock('UDP_mem_bytes', st.udpMem * pageSize);
  one('node_sockstat_sockets_used', 'gauge', 'Number of IPv4 sockets in use.', st.socketsUsed);
  metric(out, 'node_tcp_connection_states', 'gauge', 'Number of connection states.', [
    ['state="listen"', st.tcpListen],
  ]);
  one('node_vmstat_pgmajfault', 'untyped', '/proc/vmstat information field pgmajfault.', st.pgmajfault);
  return out.join('\n') + '\n';
}

function metric(
  out: string[],
  name: string,
  type: MetricType,
  help: string,
  series: [string, number][],
): void {
  const present = series.filter(([, v]) => v === v);
  if (present.length === 0) return;
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  for (const [labels, v] of present) out.push(`${name}${labels ? `{${labels}}` : ''} ${goFloat(v)}`);
}

/** One series per table row whose flags include `mask`; values divided by `divisor` (ticks, sectors). */
function rows(
  t: DeviceTable,
  col: number,
  mask: number,
  label: string,
  extra: ((labels: string) => string) | null,
  divisor: number,
): [string, number][] {
  const series: [string, number, string][] = [];
  for (let r = 0; r < t.count; r++) {
    if ((t.flags[r]! & mask) !== mask) continue;
    const name = t.names[r]!;
    const base = `${label}="${escapeLabel(name)}"`;
    series.push([extra ? extra(base) : base, t.get(r, col) / divisor, name]);
  }
  series.sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  return series.map(([l, v]) => [l, v]);
}

function escapeLabel(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
