import { openSync, readSync, closeSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { EventCounts } from '../core/counters.js';
import type { MetricsSample } from './features.js';
import { foldFeatures } from './fold.js';
import { NodeState } from './node-state.js';
import { ProcFiles } from './proc-files.js';
import { ProcReaders } from './readers/registry.js';
import { Scanner } from './scanner.js';

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

  constructor(opts: MetricsSamplerOptions = {}) {
    this.procfs = opts.procfs ?? '/proc';
    this.sysfs = opts.sysfs ?? '/sys';
    this.rootfs = opts.rootfs !== undefined ? opts.rootfs : this.procfs === '/proc' ? '/' : null;
    this.events = opts.events ?? new EventCounts();
    this.paths = ProcReaders.map((r) => join(this.procfs, r.path));
    this.pageSize = livePageSize();
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
    for (let i = 0; i < ProcReaders.length; i++) {
      const reader = ProcReaders[i]!;
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
