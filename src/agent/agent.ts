import type { DetectionEngine } from '../detect/engine.js';
import type { MetricsSampler } from '../metrics/sampler.js';
import type { IdsConfig } from '../pipeline/ids-config.js';
import { forEachRecord } from '../pipeline/capture-loop.js';
import { Batcher, BATCH_KINDS, type BatcherOptions } from './batcher.js';
import { CaptureSet, type CaptureSetOptions, type CaptureStatus } from './capture-set.js';
import { LiveEngine } from './engine.js';
import type { IdentitySource } from './identity-source.js';
import { Shipper, type ShipperOptions, type ShipperStats } from './shipper.js';
import type { Spool, SpoolStats } from './spool.js';

export interface AgentOptions {
  node: string;
  /** Sampling and shipping period. */
  intervalMs: number;
  spool: Spool;
  ship: Omit<ShipperOptions, 'log'>;
  /** Compiled rules, or null to only write logs. */
  engine: DetectionEngine | null;
  ids: IdsConfig;
  ruleText: (gid: number, sid: number) => string | null;
  identity: IdentitySource;
  /** null: no metrics (tests). */
  sampler: MetricsSampler | null;
  /** Live capture, or null (no permission, or replaying a file). */
  capture: Omit<CaptureSetOptions, never> | null;
  /** Replay this capture file through the same engine instead of capturing. */
  pcap: string | null;
  log: (msg: string) => void;
  batch?: BatcherOptions;
  /** Wall-clock flow expiry period in live mode (default 1 s). */
  tickMs?: number;
  /** Status line on the log every so often (default 5 min; 0 = never). */
  statusMs?: number;
}

export interface AgentStatus {
  node: string;
  packets: number;
  alerts: number;
  samples: number;
  capture: CaptureStatus | null;
  spool: SpoolStats;
  shipping: ShipperStats;
  droppedInMemory: Record<string, number>;
  replay: 'none' | 'running' | 'done' | 'failed';
}

/**
 * The node agent: capture (tcpdump helpers) or replay → one packet engine → alerts and logs; metrics every
 * interval; everything batched into the spool and shipped in order. `stop` drains: capture stops, the
 * engine flushes, every pending item is spooled, and delivery is tried for a few seconds.
 */
export class Agent {
  readonly batcher: Batcher;
  readonly shipper: Shipper;
  readonly engine: LiveEngine;
  readonly capture: CaptureSet | null;
  replayDone: Promise<void> = Promise.resolve();
  private replayState: AgentStatus['replay'] = 'none';
  private timers: NodeJS.Timeout[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private flushQueued = false;
  private samples = 0;
  private spoolFull = false;
  private droppedLogged = 0;
  private stopped = false;

  constructor(private readonly o: AgentOptions) {
    this.batcher = new Batcher(o.node, o.batch ?? {});
    this.shipper = new Shipper(o.spool, { ...o.ship, log: o.log });
    this.engine = new LiveEngine(
      o.engine,
      o.ids,
      {
        alert: (a, rule) => {
          this.batcher.addAlert(a, rule);
          this.maybeFlush();
        },
        log: (kind, rec) => {
          this.batcher.addLog(kind, rec);
          this.maybeFlush();
        },
      },
      { node: o.node, identity: o.identity.current, ruleText: o.ruleText },
    );
    this.capture =
      o.capture === null ? null : new CaptureSet(o.capture, (rec) => this.engine.push(rec), o.log);
  }

  start(): void {
    this.shipper.start();
    if (this.o.spool.size > 0)
      this.o.log(`spool: ${this.o.spool.size} batches from an earlier run, resending`);
    if (this.capture !== null) {
      this.capture.start();
      const tick = setInterval(() => this.engine.tick(Date.now() / 1000), this.o.tickMs ?? 1000);
      this.timers.push(tick);
    }
    if (this.o.pcap !== null) this.replayDone = this.replay(this.o.pcap);
    const statusMs = this.o.statusMs ?? 300_000;
    if (statusMs > 0) this.timers.push(setInterval(() => this.o.log(statusLine(this.status())), statusMs));
    for (const t of this.timers) t.unref();
    this.sample();
    // The one timer that keeps the process alive: the agent runs until `stop`, with or without capture.
    this.timers.push(setInterval(() => this.periodic(), this.o.intervalMs));
  }

  private async replay(path: string): Promise<void> {
    this.replayState = 'running';
    try {
      const err = await forEachRecord(path, (rec) => this.engine.push(rec));
      if (err !== null) this.o.log(`replay ${path}: ${err.message} (records before it were inspected)`);
      this.engine.finish();
      this.replayState = err === null ? 'done' : 'failed';
      const c = this.engine.pipeline.counters;
      this.o.log(`replay ${path}: ${c.packets} packets, ${c.alerts} alerts`);
    } catch (e) {
      this.replayState = 'failed';
      this.engine.finish();
      this.o.log(`replay ${path}: ${(e as Error).message}`);
    }
    await this.flush();
  }

  private periodic(): void {
    this.sample();
    void this.flush();
  }

  private sample(): void {
    const s = this.o.sampler;
    if (s === null) return;
    const { ts, features } = s.sample();
    this.batcher.addSample({ node: this.o.node, ts: ts / 1000, ...features });
    this.samples++;
  }

  /** A kind reached its batch size: spool it now rather than at the next interval. */
  private maybeFlush(): void {
    if (this.flushQueued || !this.batcher.wantsFlush()) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      void this.flush();
    });
  }

  /** Move pending items into the spool (serialized: one flush at a time). */
  flush(): Promise<void> {
    this.flushing = this.flushing
      .then(() => this.spoolPending())
      .catch((e: unknown) => {
        this.o.log(`spool: ${(e as Error).message}`);
      });
    return this.flushing;
  }

  private async spoolPending(): Promise<void> {
    let wrote = false;
    for (const kind of BATCH_KINDS) {
      for (let b = this.batcher.peek(kind); b !== null; b = this.batcher.peek(kind)) {
        const entry = await this.o.spool.put(b.kind, b.body);
        if (entry === null) {
          this.setFull(true);
          this.reportDropped();
          return;
        }
        this.setFull(false);
        this.batcher.commit(b);
        wrote = true;
      }
    }
    this.reportDropped();
    if (wrote) this.shipper.kick();
  }

  /** Logged on the change, not per refused batch (the spool counts every refusal). */
  private setFull(full: boolean): void {
    if (full === this.spoolFull) return;
    this.spoolFull = full;
    const st = this.o.spool.stats;
    this.o.log(
      full
        ? `spool: full (${st.bytes} of ${st.maxBytes} bytes in ${st.entries} batches): new batches are refused and ` +
            `wait in memory until the server takes some (refused so far: ${st.refused})`
        : `spool: room again; batches waiting in memory are being spooled`,
    );
  }

  private reportDropped(): void {
    const d = this.batcher.dropped;
    const total = d.samples + d.alerts + d.logs;
    if (total === this.droppedLogged) return;
    this.droppedLogged = total;
    this.o.log(
      `agent: memory bound reached while the spool is full: dropped ${d.samples} samples, ${d.alerts} alerts, ` +
        `${d.logs} log records so far`,
    );
  }

  status(): AgentStatus {
    const c = this.engine.pipeline.counters;
    return {
      node: this.o.node,
      packets: c.packets,
      alerts: c.alerts,
      samples: this.samples,
      capture: this.capture?.status() ?? null,
      spool: { ...this.o.spool.stats },
      shipping: { ...this.shipper.stats },
      droppedInMemory: { ...this.batcher.dropped },
      replay: this.replayState,
    };
  }

  /** Stop capture, flush the engine, spool everything, try delivery for `drainMs`, stop shipping. */
  async stop(drainMs = 5000): Promise<AgentStatus> {
    if (this.stopped) return this.status();
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    if (this.capture !== null) await this.capture.stop();
    await this.replayDone;
    this.engine.finish();
    await this.flush();
    await this.shipper.drain(drainMs);
    await this.shipper.stop();
    const st = this.status();
    this.o.log(statusLine(st));
    return st;
  }
}

export function statusLine(s: AgentStatus): string {
  const cap =
    s.capture === null
      ? 'no live capture'
      : `capture on ${s.capture.interfaces.join(',') || '(none)'}: ${s.capture.totals.captured} captured, ` +
        `${s.capture.totals.received} received by filter, ${s.capture.totals.droppedKernel} dropped by kernel`;
  return (
    `agent ${s.node}: ${s.packets} packets, ${s.alerts} alerts, ${s.samples} samples; ${cap}; ` +
    `spool ${s.spool.entries} batches/${s.spool.bytes} bytes (refused ${s.spool.refused}, rejected ${s.spool.rejected}); ` +
    `delivered ${s.shipping.delivered} (${s.shipping.duplicates} duplicates)` +
    (s.shipping.lastError !== null ? `; last error: ${s.shipping.lastError}` : '')
  );
}
