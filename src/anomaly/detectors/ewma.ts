import { unit, type UnivariateDetector, type UnivariateSpec } from '../detector.js';

/**
 * EWMA with adaptive variance: exponentially weighted mean and variance (West's update), z = |x − μ|/σ
 * before the point is absorbed. The first 1/α points use plain running averages so the start is not
 * biased toward zero. Score z²/(z² + 16): 0.5 at z = 4.
 */
export class Ewma implements UnivariateDetector {
  private n = 0;
  private mean = 0;
  private var = 0;

  constructor(
    readonly alpha = 0.05,
    readonly half = 4,
  ) {}

  update(value: number): number {
    if (!Number.isFinite(value)) return 0;
    let score = 0;
    if (this.n >= 2) {
      const sd = Math.sqrt(this.var);
      const z = sd > 0 ? Math.abs(value - this.mean) / sd : value === this.mean ? 0 : Infinity;
      score = z === Infinity ? 1 : unit((z * z) / (z * z + this.half * this.half));
    }
    this.n++;
    const a = Math.max(this.alpha, 1 / this.n);
    const d = value - this.mean;
    this.mean += a * d;
    this.var = (1 - a) * (this.var + a * d * d);
    return score;
  }
}

export const ewma: UnivariateSpec = {
  kind: 'univariate',
  alertAt: 0.5,
  description: 'EWMA mean with adaptive (exponentially weighted) variance, α = 0.05',
  create: () => new Ewma(),
};
