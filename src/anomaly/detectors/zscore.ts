import { unit, type UnivariateDetector, type UnivariateSpec } from '../detector.js';

/**
 * The seed's baseline: z-score against the mean and standard deviation of the previous `window` points,
 * alerting at |z| >= 2. The score is 0.5 exactly at |z| = threshold and rises linearly to 1 at twice
 * it, so thresholding the score at 0.5 is the seed's ±2 rule. Running sums make each point O(1).
 */
export class ZScore implements UnivariateDetector {
  private readonly ring: Float64Array;
  private n = 0;
  private sum = 0;
  private sumSq = 0;

  constructor(
    readonly window = 30,
    readonly threshold = 2,
  ) {
    this.ring = new Float64Array(window);
  }

  update(value: number): number {
    if (!Number.isFinite(value)) return 0;
    const k = Math.min(this.n, this.window);
    let score = 0;
    if (k >= 2) {
      const mean = this.sum / k;
      const sd = Math.sqrt(Math.max(0, this.sumSq / k - mean * mean));
      const z = sd > 0 ? Math.abs(value - mean) / sd : value === mean ? 0 : Infinity;
      score = unit((0.5 * z) / this.threshold);
    }
    const slot = this.n % this.window;
    if (this.n >= this.window) {
      const old = this.ring[slot] ?? 0;
      this.sum -= old;
      this.sumSq -= old * old;
    }
    this.ring[slot] = value;
    this.sum += value;
    this.sumSq += value * value;
    this.n++;
    return score;
  }
}

export const zscore: UnivariateSpec = {
  kind: 'univariate',
  alertAt: 0.5,
  description: "the seed's rolling z-score: 30-point window, alert at |z| >= 2 (score 0.5)",
  create: () => new ZScore(),
};
