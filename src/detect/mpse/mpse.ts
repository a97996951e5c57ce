/**
 * Multi-pattern search engine interface (the fast-pattern prefilter). Patterns are byte strings, each
 * either case-sensitive or ASCII case-insensitive, identified by a caller-chosen id (0 .. 2^31-1; several
 * patterns may share an id). A scan reports each matched id once, however often it occurs.
 */
export interface Mpse {
  /** Number of distinct ids added. */
  readonly patternCount: number;
  /**
   * Scan data[start, end) and append every id that occurs at least once to `out`, starting at out[0].
   * Returns how many ids were written. `out` must have room for every id (size it with `idCapacity`).
   * Ids appear in no particular order, each once per call.
   */
  scan(data: Uint8Array, start: number, end: number, out: Int32Array): number;
  /** Smallest `out` length that can hold every distinct id. */
  readonly idCapacity: number;
}

export interface MpseBuilder {
  add(pattern: Uint8Array, nocase: boolean, id: number): void;
  build(): Mpse;
}
