import type { FlowKey } from './flow-key.js';
import type { FlowRecord } from './flow-record.js';

/**
 * Chained hash table of flow records keyed by the symmetric flow hash. Buckets are a plain array that
 * doubles when the load passes 1, so lookups cost one array read plus a short chain walk; records carry
 * their own chain link (no per-insert allocation).
 */
export class FlowTable {
  private buckets: (FlowRecord | null)[];
  private mask: number;
  size = 0;
  /** Direction found by the last successful `find`. */
  dir = 0;

  constructor(initialBuckets = 4096) {
    let n = 16;
    while (n < initialBuckets) n <<= 1;
    this.buckets = new Array<FlowRecord | null>(n).fill(null);
    this.mask = n - 1;
  }

  find(k: FlowKey): FlowRecord | null {
    let f = this.buckets[k.hash & this.mask] ?? null;
    while (f !== null) {
      if (f.hash === k.hash) {
        const d = f.match(k);
        if (d >= 0) {
          this.dir = d;
          return f;
        }
      }
      f = f.chainNext;
    }
    return null;
  }

  insert(f: FlowRecord): void {
    if (this.size >= this.buckets.length) this.grow();
    const i = f.hash & this.mask;
    f.chainNext = this.buckets[i] ?? null;
    this.buckets[i] = f;
    this.size++;
  }

  remove(f: FlowRecord): void {
    const i = f.hash & this.mask;
    let p = this.buckets[i] ?? null;
    if (p === f) {
      this.buckets[i] = f.chainNext;
    } else {
      while (p !== null && p.chainNext !== f) p = p.chainNext;
      if (p === null) return;
      p.chainNext = f.chainNext;
    }
    f.chainNext = null;
    this.size--;
  }

  /** Visit every record (order unspecified); `fn` must not insert or remove. */
  forEach(fn: (f: FlowRecord) => void): void {
    for (const head of this.buckets) {
      for (let f = head; f !== null; f = f.chainNext) fn(f);
    }
  }

  private grow(): void {
    const old = this.buckets;
    const n = old.length << 1;
    this.buckets = new Array<FlowRecord | null>(n).fill(null);
    this.mask = n - 1;
    for (const head of old) {
      let f = head;
      while (f !== null) {
        const next = f.chainNext;
        const i = f.hash & this.mask;
        f.chainNext = this.buckets[i] ?? null;
        this.buckets[i] = f;
        f = next;
      }
    }
  }
}

/**
 * Intrusive doubly linked list, most recently used at the head. One list per timeout class: all its
 * records share one timeout, so the tail is always the first to expire.
 */
export class LruList {
  head: FlowRecord | null = null;
  tail: FlowRecord | null = null;
  size = 0;

  pushFront(f: FlowRecord, cls: number): void {
    f.lruClass = cls;
    f.lruPrev = null;
    f.lruNext = this.head;
    if (this.head !== null) this.head.lruPrev = f;
    else this.tail = f;
    this.head = f;
    this.size++;
  }

  unlink(f: FlowRecord): void {
    if (f.lruPrev !== null) f.lruPrev.lruNext = f.lruNext;
    else this.head = f.lruNext;
    if (f.lruNext !== null) f.lruNext.lruPrev = f.lruPrev;
    else this.tail = f.lruPrev;
    f.lruPrev = f.lruNext = null;
    f.lruClass = -1;
    this.size--;
  }
}
