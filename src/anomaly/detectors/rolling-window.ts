/**
 * The last `size` values, kept both in arrival order (ring) and sorted, so order statistics (median, MAD
 * via a second pass) are read in O(1) and each update costs one binary search and one bounded move.
 */
export class SortedWindow {
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private n = 0;
  private head = 0;

  constructor(readonly size: number) {
    this.ring = new Float64Array(size);
    this.sorted = new Float64Array(size);
  }

  get length(): number {
    return this.n;
  }

  push(v: number): void {
    if (this.n === this.size) {
      const old = this.ring[this.head] ?? 0;
      const i = this.lowerBound(old);
      this.sorted.copyWithin(i, i + 1, this.n);
      this.n--;
    }
    this.ring[this.head] = v;
    this.head = (this.head + 1) % this.size;
    const j = this.lowerBound(v);
    this.sorted.copyWithin(j + 1, j, this.n);
    this.sorted[j] = v;
    this.n++;
  }

  /** The q-quantile (0..1) by nearest rank. */
  quantile(q: number): number {
    if (this.n === 0) return NaN;
    return this.sorted[Math.min(this.n - 1, Math.max(0, Math.round(q * (this.n - 1))))] ?? NaN;
  }

  median(): number {
    const n = this.n;
    if (n === 0) return NaN;
    const m = n >> 1;
    return n % 2 === 1 ? (this.sorted[m] ?? NaN) : ((this.sorted[m - 1] ?? 0) + (this.sorted[m] ?? 0)) / 2;
  }

  /** Median absolute deviation from `center`, by merging outward from the center (O(n), n = window). */
  mad(center: number): number {
    const n = this.n;
    if (n === 0) return NaN;
    let lo = this.lowerBound(center) - 1;
    let hi = lo + 1;
    let prev = 0;
    let d = 0;
    // The deviations in increasing order are read off by walking outward; stop at the middle one(s).
    for (let k = 0; k <= n >> 1; k++) {
      const a = lo >= 0 ? center - (this.sorted[lo] ?? 0) : Infinity;
      const b = hi < n ? (this.sorted[hi] ?? 0) - center : Infinity;
      prev = d;
      if (a <= b) {
        d = a;
        lo--;
      } else {
        d = b;
        hi++;
      }
    }
    return n % 2 === 1 ? d : (prev + d) / 2;
  }

  private lowerBound(v: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.sorted[mid] ?? 0) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
