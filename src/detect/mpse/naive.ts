import { LOWER } from '../../core/bytes.js';
import type { Mpse, MpseBuilder } from './mpse.js';
import { PatternSet } from './pattern-set.js';

/**
 * Reference matcher: searches each pattern on its own, byte by byte. Obviously correct and slow; the
 * automaton is tested against it, and detect/'s reference evaluator uses it.
 */
export class NaiveBuilder implements MpseBuilder {
  private readonly set = new PatternSet();

  add(pattern: Uint8Array, nocase: boolean, id: number): void {
    this.set.add(pattern, nocase, id);
  }

  build(): NaiveMpse {
    return new NaiveMpse(this.set);
  }
}

export class NaiveMpse implements Mpse {
  readonly patternCount: number;
  readonly idCapacity: number;
  private readonly set: PatternSet;

  constructor(set: PatternSet) {
    this.set = set;
    this.patternCount = set.idCount;
    this.idCapacity = set.idCount;
  }

  scan(data: Uint8Array, start: number, end: number, out: Int32Array): number {
    if (start < 0) start = 0;
    if (end > data.length) end = data.length;
    const seen = new Uint8Array(this.set.idCount);
    let n = 0;
    for (let p = 0; p < this.set.size; p++) {
      const d = this.set.dense[p]!;
      if (seen[d] === 1) continue;
      if (
        occurs(
          data,
          start,
          end,
          this.set.nocase[p]! ? this.set.lowered[p]! : this.set.original[p]!,
          this.set.nocase[p]!,
        )
      ) {
        seen[d] = 1;
        out[n++] = this.set.ids[d]!;
      }
    }
    return n;
  }
}

/** Whether pat occurs inside data[start, end); with nocase, pat is lowercased and data is folded. */
export function occurs(
  data: Uint8Array,
  start: number,
  end: number,
  pat: Uint8Array,
  nocase: boolean,
): boolean {
  const last = end - pat.length;
  for (let o = start; o <= last; o++) {
    let x = 0;
    while (x < pat.length && (nocase ? LOWER[data[o + x]!] : data[o + x]) === pat[x]) x++;
    if (x === pat.length) return true;
  }
  return false;
}
