/**
 * The 24 node features, in the column order of the Darwesh et al. (2023) dataset CSVs. Values are raw
 * counters or gauges as read (rates and z-scores are derived downstream); null means the source was absent
 * or unreadable, never zero.
 */
export const FEATURE_NAMES = [
  'cpu_sec_idle',
  'disk_av_per',
  'disk_read',
  'disk_write',
  'net_receive',
  'mem_pressure',
  'mem_av_per',
  'forks_total',
  'intr',
  'load1',
  'load5',
  'load15',
  'receive_drop',
  'receive_errs',
  'transmit_packets',
  'tcp_sock_alloc',
  'tcp_sock_inuse',
  'tcp_sock_mem',
  'udp_sock_inuse',
  'udp_sock_mem',
  'ipv4_sock_inuse',
  'est_conn',
  'lis_conn',
  'open_fds',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

export type Features = Record<FeatureName, number | null>;

export interface MetricsSample {
  /** Milliseconds since the epoch when the sample was taken. */
  ts: number;
  features: Features;
}

export function isFeatureName(s: string): s is FeatureName {
  return (FEATURE_NAMES as readonly string[]).includes(s);
}
