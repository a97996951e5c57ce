import type { UnivariateDetector } from '../detector.js';

/**
 * Alert shaping: after a score above `level`, the next `rest` points report 0 unless they beat the score
 * that raised the alert (a bigger event still gets through). One event should raise one alert — NAB counts
 * every later detection outside a window as a false positive, and so does an operator.
 */
export class Quiet implements UnivariateDetector {
  private left = 0;
  private bar = 0;

  constructor(
    private readonly inner: UnivariateDetector,
    private readonly rest: number,
    private readonly level: number,
    private readonly margin = 0,
  ) {}

  update(value: number, timestampMs: number): number {
    return this.shape(this.inner.update(value, timestampMs));
  }

  shape(s: number): number {
    if (this.left > 0) {
      this.left--;
      if (s <= this.bar + this.margin) return 0;
    }
    if (s > this.level) {
      this.left = this.rest;
      this.bar = s;
    }
    return s;
  }
}
