import { DISK_WHOLE } from './disk-class.js';
import type { Features } from './features.js';
import {
  DISK_READ,
  DISK_WRITTEN,
  NET_RX_BYTES,
  NET_RX_DROP,
  NET_RX_ERRS,
  NET_TX_PACKETS,
  type NodeState,
} from './node-state.js';

/** Kernel USER_HZ: /proc/stat times are in 1/100 s on every architecture Linux exports them for. */
const USER_HZ = 100;
const SECTOR = 512;

// NaN (not read) and ±Infinity (a zero denominator in odd text) are both "no value".
const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Folds one sample's per-CPU and per-device readings into the 24 features. Sums are over what a node-level
 * feature means: CPU idle over all CPUs (ticks summed before the one division, so the result is exact),
 * disks over whole physical disks, network over every interface in /proc/net/dev, lo included.
 */
export function foldFeatures(st: NodeState): Features {
  const cpuTicks = st.cpus.count > 0 ? st.cpus.sum(0) : NaN;
  return {
    cpu_sec_idle: orNull(cpuTicks / USER_HZ),
    disk_av_per: orNull((100 * st.fsAvailBytes) / st.fsSizeBytes),
    disk_read: orNull(st.disks.sum(DISK_READ, DISK_WHOLE) * SECTOR),
    disk_write: orNull(st.disks.sum(DISK_WRITTEN, DISK_WHOLE) * SECTOR),
    net_receive: orNull(st.net.sum(NET_RX_BYTES)),
    mem_pressure: orNull(st.pgmajfault),
    mem_av_per: orNull((100 * st.memAvailableKb) / st.memTotalKb),
    forks_total: orNull(st.forks),
    intr: orNull(st.intr),
    load1: orNull(st.load1),
    load5: orNull(st.load5),
    load15: orNull(st.load15),
    receive_drop: orNull(st.net.sum(NET_RX_DROP)),
    receive_errs: orNull(st.net.sum(NET_RX_ERRS)),
    transmit_packets: orNull(st.net.sum(NET_TX_PACKETS)),
    tcp_sock_alloc: orNull(st.tcpAlloc),
    tcp_sock_inuse: orNull(st.tcpInuse),
    tcp_sock_mem: orNull(st.tcpMem),
    udp_sock_inuse: orNull(st.udpInuse),
    udp_sock_mem: orNull(st.udpMem),
    ipv4_sock_inuse: orNull(st.socketsUsed),
    est_conn: orNull(st.currEstab),
    lis_conn: orNull(st.tcpListen),
    open_fds: orNull(st.fdAllocated),
  };
}
