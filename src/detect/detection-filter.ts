import type { DetectionFilterState } from './options/detection_filter.js';

const MAX_ENTRIES = 65536;

/**
 * detection_filter counting: per (rule, tracked address) the hits within `seconds` of the first hit;
 * the rule fires only from hit count+1 on (Snort semantics). Bounded: the table is cleared when full.
 */
export class DetectionFilterTable {
  private readonly start = new Map<number, number>();
  private readonly hits = new Map<number, number>();

  /** True when the event may be generated. `addrKey` hashes the tracked address. */
  check(ruleIndex: number, f: DetectionFilterState, addrKey: number, nowSec: number): boolean {
    const key = ruleIndex * 4294967296 + addrKey;
    const t0 = this.start.get(key);
    if (t0 === undefined || nowSec - t0 >= f.seconds) {
      if (this.start.size >= MAX_ENTRIES) {
        this.start.clear();
        this.hits.clear();
      }
      this.start.set(key, nowSec);
      this.hits.set(key, 1);
      return f.count < 1;
    }
    const n = (this.hits.get(key) ?? 0) + 1;
    this.hits.set(key, n);
    return n > f.count;
  }
}

/** 32-bit hash of an address (IPv4 is its own value). */
export function addrKey(ipVer: number, a4: number, a: Uint8Array): number {
  if (ipVer === 4) return a4 >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < 16; i++) h = Math.imul(h ^ a[i]!, 0x01000193);
  return h >>> 0;
}
