import { classifyDisk } from './disk-class.js';
import { DeviceTable } from './device-table.js';

/** /proc/diskstats columns kept: sectors read and written. */
export const DISK_READ = 0;
export const DISK_WRITTEN = 1;
/** /proc/net/dev columns kept. */
export const NET_RX_BYTES = 0;
export const NET_RX_ERRS = 1;
export const NET_RX_DROP = 2;
export const NET_TX_PACKETS = 3;

/**
 * Everything one sample reads, per CPU and per device, before it is folded into the 24 features. Reused
 * from sample to sample; NaN means "not read this sample". The Prometheus exposition is written from here.
 */
export class NodeState {
  /** Per-CPU idle time in USER_HZ ticks, rows named by CPU number. */
  readonly cpus = new DeviceTable(1);
  readonly disks = new DeviceTable(2, classifyDisk);
  readonly net = new DeviceTable(4);
  intr = NaN;
  forks = NaN;
  pgmajfault = NaN;
  memTotalKb = NaN;
  memAvailableKb = NaN;
  load1 = NaN;
  load5 = NaN;
  load15 = NaN;
  socketsUsed = NaN;
  tcpInuse = NaN;
  tcpAlloc = NaN;
  tcpMem = NaN;
  udpInuse = NaN;
  udpMem = NaN;
  currEstab = NaN;
  /** LISTEN sockets in /proc/net/tcp + tcp6 (NaN when neither table was readable). */
  tcpListen = NaN;
  fdAllocated = NaN;
  fdMaximum = NaN;
  fsAvailBytes = NaN;
  fsSizeBytes = NaN;

  begin(): void {
    this.cpus.begin();
    this.disks.begin();
    this.net.begin();
    this.intr = this.forks = this.pgmajfault = this.memTotalKb = this.memAvailableKb = NaN;
    this.load1 = this.load5 = this.load15 = NaN;
    this.socketsUsed = this.tcpInuse = this.tcpAlloc = this.tcpMem = this.udpInuse = this.udpMem = NaN;
    this.currEstab = this.tcpListen = NaN;
    this.fdAllocated = this.fdMaximum = this.fsAvailBytes = this.fsSizeBytes = NaN;
  }
}
