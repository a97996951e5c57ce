/**
 * Snort 3 `event_filter` (rate limits on generated events): per gen_id:sig_id (sig_id 0 = every rule of
 * the generator), `limit` logs the first `count` events per `seconds`, `threshold` every `count`-th,
 * `both` once per interval after `count` events. Tracked by source or destination address.
 */
export interface EventFilterConfig {
  gen_id: number;
  sig_id: number;
  type: 'limit' | 'threshold' | 'both';
  track: 'by_src' | 'by_dst';
  count: number;
  seconds: number;
}

interface Window {
  start: number;
  n: number;
}

const MAX_ENTRIES = 65536;

export class EventFilter {
  private readonly bySig = new Map<number, EventFilterConfig>();
  private readonly byGen = new Map<number, EventFilterConfig>();
  private readonly windows = new Map<string, Window>();

  constructor(configs: readonly EventFilterConfig[] = []) {
    for (const c of configs) {
      if (c.sig_id === 0) this.byGen.set(c.gen_id, c);
      else this.bySig.set(c.gen_id * 4294967296 + c.sig_id, c);
    }
  }

  get size(): number {
    return this.bySig.size + this.byGen.size;
  }

  /** True when the event passes (is logged). `srcKey`/`dstKey` hash the addresses. */
  pass(gid: number, sid: number, srcKey: number, dstKey: number, nowSec: number): boolean {
    if (this.bySig.size === 0 && this.byGen.size === 0) return true;
    const c = this.bySig.get(gid * 4294967296 + sid) ?? this.byGen.get(gid);
    if (c === undefined) return true;
    // Events are rare next to packets: a string key here costs nothing on the per-packet path.
    const key = `${gid}:${sid}:${c.track === 'by_src' ? srcKey : dstKey}`;
    let w = this.windows.get(key);
    if (w === undefined || nowSec - w.start >= c.seconds) {
      if (this.windows.size >= MAX_ENTRIES) this.windows.clear();
      w = { start: nowSec, n: 0 };
      this.windows.set(key, w);
    }
    w.n++;
    switch (c.type) {
      case 'limit':
        return w.n <= c.count;
      case 'threshold':
        return w.n % c.count === 0;
      default:
        return w.n === c.count;
    }
  }
}
