import type { ShippedLog } from './engine.js';

export type BatchKind = 'samples' | 'alerts' | 'logs';
export const BATCH_KINDS: readonly BatchKind[] = ['samples', 'alerts', 'logs'];

export interface RuleText {
  gid: number;
  sid: number;
  rev: number;
  text: string;
}

/** An ingest body without its batch_id (the spool assigns it when the batch is written). */
export interface PendingBatch {
  kind: BatchKind;
  body: Record<string, unknown>;
  /** Items taken from the pending queue if this batch is committed. */
  items: number;
}

export interface BatcherOptions {
  /** Items per batch; reaching it asks for an early flush (`wantsFlush`). Default 2000. */
  maxItems?: number;
  /** Items held in memory per kind while the spool cannot take them; beyond it the oldest are dropped. */
  maxPending?: number;
}

const LOG_KINDS: readonly ShippedLog[] = ['conn', 'dns', 'http', 'ssl'];

/**
 * What the agent has produced and not yet spooled: samples, alerts (with rule texts the server has not been
 * sent) and log records. `peek` builds the next batch of a kind without removing anything; `commit` removes
 * it once the spool has it on disk, so a full spool leaves the data here (bounded) until space frees.
 */
export class Batcher {
  readonly maxItems: number;
  readonly maxPending: number;
  /** Items dropped because memory was full while the spool refused batches. */
  readonly dropped: Record<BatchKind, number> = { samples: 0, alerts: 0, logs: 0 };
  private samples: Record<string, unknown>[] = [];
  private alerts: Record<string, unknown>[] = [];
  private alertRules: (RuleText | null)[] = [];
  /** Logs in arrival order, tagged with their stream. */
  private logs: { kind: ShippedLog; rec: Record<string, unknown> }[] = [];
  /** Rules (gid:sid) already on disk in some batch: never sent twice. */
  private readonly rulesSpooled = new Set<string>();

  constructor(
    readonly node: string,
    opts: BatcherOptions = {},
  ) {
    this.maxItems = Math.max(1, opts.maxItems ?? 2000);
    this.maxPending = Math.max(this.maxItems, opts.maxPending ?? 100_000);
  }

  addSample(row: Record<string, unknown>): void {
    const n = this.overflow(this.samples.length, 'samples');
    if (n > 0) this.samples.splice(0, n);
    this.samples.push(row);
  }

  addAlert(alert: Record<string, unknown>, rule: RuleText | null): void {
    const n = this.overflow(this.alerts.length, 'alerts');
    if (n > 0) {
      this.alerts.splice(0, n);
      this.alertRules.splice(0, n);
    }
    this.alerts.push(alert);
    this.alertRules.push(rule);
  }

  addLog(kind: ShippedLog, rec: Record<string, unknown>): void {
    const n = this.overflow(this.logs.length, 'logs');
    if (n > 0) this.logs.splice(0, n);
    this.logs.push({ kind, rec });
  }

  /** How many of the oldest items to drop before adding one: a tenth of the bound at once, so memory stays
   * bounded without an O(n) shift per item while the spool is full. Counted, and logged by the agent. */
  private overflow(length: number, kind: BatchKind): number {
    if (length < this.maxPending) return 0;
    const n = Math.max(1, Math.ceil(this.maxPending / 10));
    this.dropped[kind] += n;
    return n;
  }

  pending(kind: BatchKind): number {
    return kind === 'samples'
      ? this.samples.length
      : kind === 'alerts'
        ? this.alerts.length
        : this.logs.length;
  }

  /** Some kind has a full batch waiting. */
  wantsFlush(): boolean {
    return BATCH_KINDS.some((k) => this.pending(k) >= this.maxItems);
  }

  /** The next batch of `kind` (at most maxItems items), or null when nothing is pending. Removes nothing. */
  peek(kind: BatchKind, extra: Record<string, unknown> = {}): PendingBatch | null {
    const n = Math.min(this.pending(kind), this.maxItems);
    if (n === 0) return null;
    if (kind === 'samples') return { kind, items: n, body: { ...extra, samples: this.samples.slice(0, n) } };
    if (kind === 'alerts') {
      const rules: RuleText[] = [];
      const seen = new Set<string>();
      for (let i = 0; i < n; i++) {
        const r = this.alertRules[i];
        if (r === null || r === undefined) continue;
        const key = `${r.gid}:${r.sid}`;
        if (this.rulesSpooled.has(key) || seen.has(key)) continue;
        seen.add(key);
        rules.push(r);
      }
      return { kind, items: n, body: { ...extra, node: this.node, alerts: this.alerts.slice(0, n), rules } };
    }
    const logs: Partial<Record<ShippedLog, Record<string, unknown>[]>> = {};
    for (let i = 0; i < n; i++) {
      const l = this.logs[i]!;
      (logs[l.kind] ??= []).push(l.rec);
    }
    const ordered: Partial<Record<ShippedLog, Record<string, unknown>[]>> = {};
    for (const k of LOG_KINDS) if (logs[k] !== undefined) ordered[k] = logs[k];
    return { kind, items: n, body: { ...extra, node: this.node, logs: ordered } };
  }

  /** The batch `peek` returned is on disk: drop its items (and remember its rules as sent). */
  commit(b: PendingBatch): void {
    if (b.kind === 'samples') this.samples.splice(0, b.items);
    else if (b.kind === 'logs') this.logs.splice(0, b.items);
    else {
      for (const r of (b.body['rules'] as RuleText[] | undefined) ?? [])
        this.rulesSpooled.add(`${r.gid}:${r.sid}`);
      this.alerts.splice(0, b.items);
      this.alertRules.splice(0, b.items);
    }
  }
}
