import type { Spool, SpoolEntry } from './spool.js';

export interface ShipperOptions {
  /** Server base URL (`http://vigil:7700`). */
  server: string;
  token: string;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** First retry delay; doubles per failure up to backoffMaxMs (defaults 500 ms, 30 s). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Retry period while the token is rejected (default 60 s). */
  authRetryMs?: number;
  log: (msg: string) => void;
  /** For tests. */
  random?: () => number;
}

export interface ShipperStats {
  delivered: number;
  duplicates: number;
  rejected: number;
  /** Failed attempts (network errors, timeouts, 5xx, other 4xx). */
  failures: number;
  /** The token was rejected on the last attempt. */
  unauthorized: boolean;
  lastError: string | null;
  lastDeliveryMs: number | null;
}

/** What to do with a batch after one attempt. */
export type Outcome =
  | { kind: 'delivered'; duplicate: boolean }
  | { kind: 'rejected'; reason: string }
  | { kind: 'unauthorized'; reason: string }
  | { kind: 'retry'; reason: string; retryAfterMs?: number };

/** The server's answer → outcome (docs/api.md): 2xx delivered, 400/413/422 malformed, 401/403 token, else retry. */
export function classify(status: number, body: string): Outcome {
  if (status >= 200 && status < 300) {
    let duplicate = false;
    try {
      duplicate = (JSON.parse(body) as { duplicate?: unknown }).duplicate === true;
    } catch {
      // a 2xx is delivered whatever its body says
    }
    return { kind: 'delivered', duplicate };
  }
  const reason = `HTTP ${status}: ${body.slice(0, 2000)}`;
  if (status === 400 || status === 413 || status === 422) return { kind: 'rejected', reason };
  if (status === 401 || status === 403) return { kind: 'unauthorized', reason };
  return { kind: 'retry', reason };
}

/**
 * Delivers the spool to the server, oldest first, one batch at a time: a batch that cannot be delivered
 * holds back the ones behind it, so the server sees them in order. Failures back off exponentially with
 * jitter (capped); a rejected token retries slowly and says so once; a batch the server calls malformed
 * moves to rejected/ and delivery goes on.
 */
export class Shipper {
  readonly stats: ShipperStats = {
    delivered: 0,
    duplicates: 0,
    rejected: 0,
    failures: 0,
    unauthorized: false,
    lastError: null,
    lastDeliveryMs: null,
  };
  private running = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private failStreak = 0;
  private draining = false;
  private readonly base: string;

  constructor(
    private readonly spool: Spool,
    private readonly o: ShipperOptions,
  ) {
    this.base = o.server.replace(/\/+$/, '');
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** New batches are on disk: deliver now unless waiting out a back-off. */
  kick(): void {
    if (this.failStreak === 0) this.wakeUp();
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const t = setTimeout(done, ms);
      t.unref?.();
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const e = this.spool.first();
      if (e === undefined) {
        await this.sleep(this.draining ? 50 : 60_000);
        continue;
      }
      const delay = await this.attempt(e);
      if (delay > 0 && !this.stopped) await this.sleep(this.draining ? Math.min(delay, 250) : delay);
    }
  }

  /** One delivery attempt of the head batch; returns how long to wait before the next one. */
  private async attempt(e: SpoolEntry): Promise<number> {
    let outcome: Outcome;
    let body: string;
    try {
      body = await this.spool.read(e);
    } catch (err) {
      // Deleted by hand (or the disk failed): nothing to send; never block the batches behind it.
      this.o.log(`shipping: cannot read spooled batch ${e.name} (${(err as Error).message}); skipping it`);
      await this.spool.remove(e).catch(() => undefined);
      return 0;
    }
    try {
      outcome = await this.post(e, body);
    } catch (err) {
      outcome = { kind: 'retry', reason: describeFetchError(err) };
    }
    switch (outcome.kind) {
      case 'delivered':
        await this.spool.remove(e);
        this.stats.delivered++;
        if (outcome.duplicate) this.stats.duplicates++;
        this.stats.lastDeliveryMs = Date.now();
        if (this.stats.unauthorized || this.failStreak > 0)
          this.o.log(`shipping: delivering again to ${this.base}`);
        this.stats.unauthorized = false;
        this.stats.lastError = null;
        this.failStreak = 0;
        return 0;
      case 'rejected': {
        const to = await this.spool.reject(e, outcome.reason);
        this.stats.rejected++;
        this.o.log(
          `shipping: server rejected batch ${e.name} as malformed (${outcome.reason}); moved to ${to}`,
        );
        return 0;
      }
      case 'unauthorized':
        if (!this.stats.unauthorized)
          this.o.log(
            `shipping: token rejected by ${this.base} (${outcome.reason}); keeping the spool, retrying`,
          );
        this.stats.unauthorized = true;
        this.stats.lastError = `token rejected: ${outcome.reason}`;
        this.failStreak++;
        return this.o.authRetryMs ?? 60_000;
      case 'retry': {
        this.stats.failures++;
        if (this.failStreak === 0 || this.stats.lastError !== outcome.reason)
          this.o.log(
            `shipping: ${outcome.reason}; ${this.spool.size} batches spooled, retrying with back-off`,
          );
        this.stats.lastError = outcome.reason;
        this.failStreak++;
        return outcome.retryAfterMs ?? this.backoff();
      }
    }
  }

  /** Exponential back-off with "equal jitter": half the step fixed, half random, so agents spread out. */
  backoff(): number {
    const base = this.o.backoffBaseMs ?? 500;
    const max = this.o.backoffMaxMs ?? 30_000;
    const step = Math.min(max, base * 2 ** Math.min(30, this.failStreak - 1));
    return step / 2 + (this.o.random ?? Math.random)() * (step / 2);
  }

  private async post(e: SpoolEntry, body: string): Promise<Outcome> {
    const res = await fetch(`${this.base}/api/v1/ingest/${e.kind}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.o.token}`, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    const out = classify(res.status, text);
    if (out.kind === 'retry' && res.status === 429) {
      const ra = Number(res.headers.get('retry-after'));
      if (Number.isFinite(ra) && ra > 0)
        out.retryAfterMs = Math.min(ra * 1000, this.o.backoffMaxMs ?? 30_000);
    }
    return out;
  }

  /**
   * Try to deliver everything spooled within `ms` (shutdown), retrying quickly; what is left stays on disk
   * for the next start. Resolves true when the spool is empty.
   */
  async drain(ms: number): Promise<boolean> {
    this.draining = true;
    this.start();
    const end = Date.now() + ms;
    this.failStreak = 0;
    this.wakeUp();
    while (this.spool.size > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    return this.spool.size === 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp();
    await this.loop;
    this.running = false;
  }
}

function describeFetchError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === 'TimeoutError') return 'request timed out';
  // undici wraps the reason: a socket error with a code, or an error of its own ("bad port").
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code !== undefined)
    return `cannot reach server: ${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  if (cause?.message !== undefined) return `cannot reach server: ${cause.message}`;
  return err.message;
}
