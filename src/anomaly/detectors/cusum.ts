import { unit, type UnivariateDetector, type UnivariateSpec } from '../detector.js';

/**
 * Two-sided CUSUM (Page 1954) on residuals standardised by a slow EWMA mean and variance: S⁺ and S⁻
 * accumulate drift beyond `k` standard deviations; a sum past `h` is a change point, after which the sums
 * restart and the baseline re-learns quickly (a level shift is reported once, not for ever).
 * Score S/(S + h): 0.5 at the decision boundary.
 */
export class Cusum implements UnivariateDetector {
  private n = 0;
  private mean = 0;
  private var = 0;
  private pos = 0;
  private neg = 0;
  private relearn = 0;

  constructor(
    readonly k = 0.5,
    readonly h = 8,
    readonly alpha = 0.01,
  ) {}

  update(value: number): number {
    if (!Number.isFinite(value)) return 0;
    let score = 0;
    if (this.n >= 10) {
      const sd = Math.sqrt(this.var);
      const z = sd > 0 ? (value - this.mean) / sd : 0;
      this.pos = Math.max(0, this.pos + z - this.k);
      this.neg = Math.max(0, this.neg - z - this.k);
      const s = Math.max(this.pos, this.neg);
      score = unit(s / (s + this.h));
      if (s > this.h) {
        this.pos = 0;
        this.neg = 0;
        this.relearn = 20;
      }
    }
    this.n++;
    const a = this.relearn > 0 ? 0.2 : Math.max(this.alpha, 1 / this.n);
    if (this.relearn > 0) this.relearn--;
    const d = value - this.mean;
    this.mean += a * d;
    this.var = (1 - a) * (this.var + a * d * d);
    return score;
  }
}

export const cusum: UnivariateSpec = {
  kind: 'univariate',
  alertAt: 0.5,
  description: 'two-sided CUSUM change-point test on EWMA-standardised residuals (k = 0.5, h = 8)',
  create: () => new Cusum(),
};
