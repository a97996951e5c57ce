import { LOWER } from '../../core/bytes.js';

/** Largest id a pattern may carry (ids are non-negative int32 so they fit an Int32Array `out`). */
export const MAX_PATTERN_ID = 0x7fffffff;

/**
 * The patterns added to a builder, shared by every Mpse implementation. Ids are mapped to dense indexes
 * (0 .. idCount-1) in first-seen order so per-id scan state is a small typed array, whatever the ids are.
 */
export class PatternSet {
  /** Pattern bytes as added (copied: callers may reuse their buffers). */
  readonly original: Uint8Array[] = [];
  /** Pattern bytes ASCII-lowercased. */
  readonly lowered: Uint8Array[] = [];
  readonly nocase: boolean[] = [];
  /** Dense id index of each pattern. */
  readonly dense: number[] = [];
  /** Caller id of each dense index. */
  readonly ids: number[] = [];
  private readonly denseOf = new Map<number, number>();
  /** Dedupe key → pattern index, so the same (bytes, nocase, id) added twice costs nothing at scan time. */
  private readonly seen = new Set<string>();

  /** Empty patterns and ids outside 0 .. 2^31-1 are programming errors, not untrusted data: they throw. */
  add(pattern: Uint8Array, nocase: boolean, id: number): void {
    if (pattern.length === 0) throw new RangeError('mpse: empty pattern');
    if (!Number.isInteger(id) || id < 0 || id > MAX_PATTERN_ID) {
      throw new RangeError(`mpse: pattern id ${id} is not an integer in 0..${MAX_PATTERN_ID}`);
    }
    const original = pattern.slice();
    const lowered = new Uint8Array(original.length);
    let hasLetter = false;
    for (let i = 0; i < original.length; i++) {
      const b = original[i]!;
      const l = LOWER[b]!;
      lowered[i] = l;
      if (l !== b || (l >= 0x61 && l <= 0x7a)) hasLetter = true;
    }
    // A case-sensitive pattern without ASCII letters matches exactly like a nocase one.
    const folded = nocase || !hasLetter;
    const keyBytes = folded ? lowered : original;
    const key = `${folded ? 1 : 0}:${id}:${Buffer.from(keyBytes.buffer, keyBytes.byteOffset, keyBytes.length).toString('latin1')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    let d = this.denseOf.get(id);
    if (d === undefined) {
      d = this.ids.length;
      this.ids.push(id);
      this.denseOf.set(id, d);
    }
    this.original.push(original);
    this.lowered.push(lowered);
    this.nocase.push(folded);
    this.dense.push(d);
  }

  get size(): number {
    return this.original.length;
  }

  get idCount(): number {
    return this.ids.length;
  }
}
