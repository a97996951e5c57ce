import { openSync, readSync, closeSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EventCounts } from '../core/counters.js';
import type { MetricsSample } from './features.js';
import { foldFeatures } from './fold.js';
import { NodeState } from './node-state.js';
import { ProcFiles } from './proc-files.js';
import { ProcReaders } from './readers/registry.js';
import { Scanner } from './scanner.js';
import { loadSockDiag, type SockDiag } from './sock-diag.js';

export interface MetricsSamplerOptions {
  /** procfs root (node_exporter's --path.procfs); default /proc. */
  procfs?: string;
  /** sysfs root (--path.sysfs); default /sys. None of the 24 features reads it today. */
  sysfs?: string;
  /**
   * Directory whose filesystem gives disk_av_per (the host's `/` seen from a container, like --path.rootfs).
   * Default: `/` when procfs is the live /proc, else none (disk_av_per null): a /proc snapshot from another
   * machine must not be paired with this machine's disk.
   */
  rootfs?: string | null;
  /**
   * Where lis_conn comes from. `auto` (default): the netlink sock_diag helper when procfs is the live /proc
   * and the helper is built (native/), else the /proc/net/tcp{,6} tables; `procfs`: always the tables.
   */
  listeners?: 'auto' | 'procfs';
  events?: EventCounts;
}

/**
 * Samples the 24 node features. One instance keeps its file descriptors, buffer and per-device tables, so a
 * sample is a few reads and byte scans. Never throws on odd /proc text: unreadable or malformed sources are
 * counted in `events` and their features are null.
 */
export class MetricsSampler {
  readonly procfs: string;
  readonly sysfs: string;
  readonly rootfs: string | null;
  readonly events: EventCounts;
  readonly state = new NodeState();
  /** Page size for sockstat's *_mem_bytes, as node_exporter's os.Getpagesize(). */
  readonly pageSize: number;
  private readonly files = new ProcFiles();
  private readonly scanner = new Scanner();
  private readonly paths: string[];
  /** The sock_diag helper while it works; null: the TCP tables are read instead. */
  private sockDiag: SockDiag | null;
  /** Why lis_conn comes from where it does (`vigil metrics --explain`-style diagnostics, the agent's log). */
  readonly listenerSource: string;

  constructor(opts: MetricsSamplerOptions = {}) {
    this.procfs = opts.procfs ?? '/proc';
    this.sysfs = opts.sysfs ?? '/sys';
    this.rootfs = opts.rootfs !== undefined ? opts.rootfs : this.procfs === '/proc' ? '/' : null;
    this.events = opts.events ?? new EventCounts();
    this.paths = ProcReaders.map((r) => join(this.procfs, r.path));
    this.pageSize = livePageSize();
    const diag =
      opts.listeners === 'procfs'
        ? { helper: null, why: 'procfs chosen' }
        : !sameNetns(this.procfs)
          ? { helper: null, why: `procfs root ${this.procfs} is not a live procfs of this network namespace` }
          : loadSockDiag();
    this.sockDiag = diag.helper;
    this.listenerSource = diag.helper !== null ? 'netlink sock_diag' : `/proc/net/tcp{,6} (${diag.why})`;
  }

  sample(): MetricsSample {
    const ts = Date.now();
    this.read();
    return { ts, features: foldFeatures(this.state) };
  }

  /** Refreshes `state` only (the Prometheus exposition reads it). */
  read(): void {
    const st = this.state;
    st.begin();
    const netlink = this.sockDiag !== null && this.listenersByNetlink(st);
    for (let i = 0; i < ProcReaders.length; i++) {
      const reader = ProcReaders[i]!;
      if (netlink && reader.listenerTable === true) continue;
      if (reader.readPart) {
        if (!reader.readPart(this.files, this.paths[i]!, this.scanner, st, this.events))
          this.events.add(`${reader.id}_unreadable`);
        continue;
      }
      const n = this.files.read(this.paths[i]!);
      if (n < 0) {
        this.events.add(`${reader.id}_unreadable`);
        continue;
      }
      this.scanner.reset(this.files.buf, n);
      reader.parse(this.scanner, st, this.events);
    }
    if (this.rootfs !== null) this.readRootfs(this.rootfs);
  }

  /** lis_conn from sock_diag; on failure counts `sock_diag_failed` and uses the TCP tables from now on. */
  private listenersByNetlink(st: NodeState): boolean {
    try {
      st.tcpListen = this.sockDiag!.tcpListeners();
      return true;
    } catch {
      this.events.add('sock_diag_failed');
      this.sockDiag = null;
      return false;
    }
  }

  private readRootfs(dir: string): void {
    try {
      const s = statfsSync(dir);
      // node_exporter: avail = Bavail × Bsize, size = Blocks × Bsize.
      this.state.fsAvailBytes = s.bavail * s.bsize;
      this.state.fsSizeBytes = s.blocks * s.bsize;
    } catch {
      this.events.add('rootfs_statfs_failed');
    }
  }

  close(): void {
    this.files.close();
  }
}

/**
 * True when `procfs` is a live procfs whose /net is this process's network namespace (the live /proc, or
 * the host's procfs mounted into a hostNetwork container as HOST_PROC): then sock_diag answers for the same
 * sockets its /net/tcp lists. A snapshot directory has no `self/ns/net`.
 */
function sameNetns(procfs: string): boolean {
  if (procfs === '/proc') return true;
  try {
    const a = statSync(join(procfs, 'self', 'ns', 'net'));
    const b = statSync('/proc/self/ns/net');
    return a.ino === b.ino && a.dev === b.dev;
  } catch {
    return false;
  }
}

/** KernelPageSize of this process's first mapping (4096 if it cannot be read); read once. */
function livePageSize(): number {
  let fd = -1;
  try {
    fd = openSync('/proc/self/smaps', 'r');
    const buf = Buffer.allocUnsafe(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const s = new Scanner();
    s.reset(buf, n);
    const key = Buffer.from('KernelPageSize:');
    while (!s.atEnd()) {
      if (s.startsWith(key)) {
        s.pos += key.length;
        const kb = s.uint();
        return kb > 0 ? kb * 1024 : 4096;
      }
      s.nextLine();
    }
  } catch {
    // not Linux, or no procfs: fall through
  } finally {
    if (fd >= 0) closeSync(fd);
  }
  return 4096;
}
