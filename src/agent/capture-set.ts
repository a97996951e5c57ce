import type { CaptureRecord } from '../packet/packet.js';
import { expandPatterns, defaultInterfaces, type NetInterface } from './ifaces.js';
import { TcpdumpCapture } from './tcpdump.js';
import { zeroStats, type CaptureStats } from './tcpdump-stats.js';

export interface CaptureSetOptions {
  /** Interface patterns (`-i`); null = every interface that is up and not loopback. */
  patterns: RegExp[] | null;
  filter?: string;
  user: string | null;
  netns?: string;
  tcpdump?: string;
  /** Lists the interfaces (sysfs, or `ip -n NS link` for a namespace). */
  list: () => NetInterface[];
  /** How often the patterns are expanded again (new pod veths appear, old ones go). Default 10 s. */
  rescanMs?: number;
  /** How often tcpdump is asked for its counters (SIGUSR1). Default 10 s. */
  statsMs?: number;
}

export interface CaptureStatus {
  interfaces: string[];
  /** Sums over every helper, running and ended. */
  totals: CaptureStats;
  perInterface: Record<string, CaptureStats>;
  /** Current helper errors by interface (a helper that exited on its own). */
  errors: Record<string, string>;
}

/** One tcpdump per matching interface, kept in step with the interfaces that exist. */
export class CaptureSet {
  private readonly running = new Map<string, TcpdumpCapture>();
  private readonly ended = zeroStats();
  private readonly errors = new Map<string, string>();
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  /** The interfaces captured when `stop` was called (the final status names them). */
  private lastInterfaces: string[] = [];
  private warnedEmpty = false;

  constructor(
    private readonly opts: CaptureSetOptions,
    private readonly onRecord: (rec: CaptureRecord, iface: string) => void,
    private readonly log: (msg: string) => void,
  ) {}

  start(): void {
    this.reconcile();
    this.timers.push(setInterval(() => this.reconcile(), this.opts.rescanMs ?? 10_000));
    this.timers.push(setInterval(() => this.requestStats(), this.opts.statsMs ?? 10_000));
    for (const t of this.timers) t.unref();
  }

  /** Start helpers for new matching interfaces, stop those whose interface is gone. */
  reconcile(): void {
    if (this.stopped) return;
    let ifaces: NetInterface[];
    try {
      ifaces = this.opts.list();
    } catch (e) {
      this.log(`capture: ${(e as Error).message}`);
      return;
    }
    const want = new Set(
      this.opts.patterns === null ? defaultInterfaces(ifaces) : expandPatterns(this.opts.patterns, ifaces),
    );
    for (const [name, cap] of this.running) {
      if (want.has(name)) continue;
      this.running.delete(name);
      this.errors.delete(name);
      void cap.stop().then(() => this.retire(cap));
      this.log(`capture: ${name} is gone, stopped its capture`);
    }
    const started: string[] = [];
    for (const name of want)
      if (!this.running.has(name)) {
        this.launch(name);
        // Said once per interface, not again each time a failing one is retried.
        if (!this.errors.has(name)) started.push(name);
      }
    if (started.length > 0) this.log(`capture: started on ${started.join(', ')}`);
    if (want.size === 0 && !this.warnedEmpty) {
      const which =
        this.opts.patterns === null
          ? 'is up (loopback aside)'
          : `matches ${this.opts.patterns.map(patternText).join(',')}`;
      this.log(
        `capture: no interface ${which} yet; looking again every ${(this.opts.rescanMs ?? 10_000) / 1000} s`,
      );
    }
    this.warnedEmpty = want.size === 0;
  }

  private launch(iface: string): void {
    const o = this.opts;
    const cap = new TcpdumpCapture(
      {
        iface,
        user: o.user,
        ...(o.filter !== undefined ? { filter: o.filter } : {}),
        ...(o.netns !== undefined ? { netns: o.netns } : {}),
        ...(o.tcpdump !== undefined ? { tcpdump: o.tcpdump } : {}),
      },
      {
        onRecord: this.onRecord,
        onExit: (name, error) => {
          if (this.running.get(name) !== cap) return;
          this.running.delete(name);
          this.retire(cap);
          if (error === null) return;
          // Logged when it changes; the next rescan tries again (an interface can come back).
          if (this.errors.get(name) !== error) this.log(`capture: ${error}`);
          this.errors.set(name, error);
        },
      },
    );
    this.running.set(iface, cap);
    cap.start();
  }

  private retire(cap: TcpdumpCapture): void {
    const s = cap.stats;
    this.ended.captured += s.captured;
    this.ended.received += s.received;
    this.ended.droppedKernel += s.droppedKernel;
    this.ended.droppedIface += s.droppedIface;
  }

  requestStats(): void {
    for (const cap of this.running.values()) cap.requestStats();
  }

  status(): CaptureStatus {
    const totals = { ...this.ended };
    const perInterface: Record<string, CaptureStats> = {};
    for (const [name, cap] of this.running) {
      const s = cap.stats;
      perInterface[name] = { ...s };
      totals.captured += s.captured;
      totals.received += s.received;
      totals.droppedKernel += s.droppedKernel;
      totals.droppedIface += s.droppedIface;
    }
    return {
      interfaces: this.stopped ? this.lastInterfaces : [...this.running.keys()].sort(),
      totals,
      perInterface,
      errors: Object.fromEntries(this.errors),
    };
  }

  /** Stop every helper; their last packets are delivered and their final counters counted. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    const caps = [...this.running.values()];
    this.lastInterfaces = [...this.running.keys()].sort();
    this.running.clear();
    await Promise.all(caps.map((c) => c.stop()));
    for (const c of caps) this.retire(c);
  }
}

/** `^cali.*$` back to `cali*` for messages. */
function patternText(re: RegExp): string {
  return re.source.slice(1, -1).replace(/\.\*/g, '*').replace(/\\(.)/g, '$1');
}
