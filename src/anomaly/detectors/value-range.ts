/** The range of values seen so far, and the level (0..bins−1) of a value within it. */
export class ValueRange {
  min = Infinity;
  max = -Infinity;
  private n = 0;

  /** How far outside the range seen so far `v` lies, as a fraction of that range (0 inside). */
  excess(v: number): number {
    if (this.n < 2) return 0;
    const range = this.max - this.min;
    const e = Math.max(v - this.max, this.min - v, 0) / (range > 0 ? range : 1);
    return Number.isFinite(e) ? e : 1;
  }

  /** Widen the range to include `v` and return its level among `bins` equal slices. */
  push(v: number, bins: number): number {
    this.n++;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    const range = this.max - this.min;
    const q = Math.min(bins - 1, Math.floor(((v - this.min) / range) * bins));
    // A range that overflows (values near ±1e308) or is empty puts everything in level 0.
    return q >= 0 ? q : 0;
  }
}

/** Score of a new extreme: 0.5 for the slightest step outside, 0.75 at 0.1% of the range, → 1. */
export function tailExcess(excess: number): number {
  return 0.5 + 0.5 * (excess / (excess + 0.001));
}
