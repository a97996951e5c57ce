import { unit, type UnivariateDetector, type UnivariateSpec } from '../detector.js';
import { SortedWindow } from './rolling-window.js';

/**
 * Robust z-score: distance from the rolling median in units of 1.4826·MAD (the MAD's Gaussian consistency
 * factor), so a burst of outliers shifts neither centre nor scale much. Score z²/(z² + 36): 0.5 at z = 6.
 */
export class MedianMad implements UnivariateDetector {
  private readonly win: SortedWindow;
  private scaleFloor = 0;
  private mad = 0;
  private n = 0;

  constructor(
    window = 64,
    private readonly half = 6,
  ) {
    this.win = new SortedWindow(window);
  }

  update(value: number): number {
    if (!Number.isFinite(value)) return 0;
    let score = 0;
    if (this.win.length >= 8) {
      const med = this.win.median();
      // The scale moves slowly; re-estimating it every 8 points keeps the work per point near O(log W).
      if (this.n++ % 8 === 0) this.mad = this.win.mad(med);
      // A window of identical values has MAD 0; fall back to a small share of the level seen so far.
      const scale = Math.max(1.4826 * this.mad, this.scaleFloor);
      const z = scale > 0 ? Math.abs(value - med) / scale : value === med ? 0 : Infinity;
      score = z === Infinity ? 1 : unit((z * z) / (z * z + this.half * this.half));
    }
    this.scaleFloor = Math.max(this.scaleFloor * 0.999, 1e-6 * Math.abs(value));
    this.win.push(value);
    return score;
  }
}

export const medianMad: UnivariateSpec = {
  kind: 'univariate',
  alertAt: 0.5,
  description: 'rolling median / MAD robust z-score over 64 points',
  create: () => new MedianMad(),
};
