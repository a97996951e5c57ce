import { unit, type UnivariateDetector, type UnivariateSpec } from '../detector.js';
import { normalTail } from './erfc.js';

/**
 * NAB's windowedGaussian reference (nab/detectors/gaussian/windowedGaussian_detector.py), reproduced
 * exactly: mean and population std of a window of up to 6400 values, refreshed every 100 values once full;
 * the score is 1 − Q(|z|), the two-sided form NAB uses, so it lies in [0.5, 1] after the first point.
 */
export class WindowedGaussian implements UnivariateDetector {
  private readonly window: Float64Array;
  private readonly step: Float64Array;
  private head = 0;
  private filled = 0;
  private stepped = 0;
  private mean = 0;
  private std = 1;
  private runMean = 0;
  private m2 = 0;

  constructor(
    readonly windowSize = 6400,
    readonly stepSize = 100,
  ) {
    this.window = new Float64Array(windowSize);
    this.step = new Float64Array(stepSize);
  }

  update(value: number): number {
    // NAB's data has no gaps; a missing value is skipped rather than poisoning the window.
    if (!Number.isFinite(value)) return 0;
    const score = this.filled > 0 ? 1 - normalTail(Math.abs(value - this.mean) / this.std) : 0;
    if (this.filled < this.windowSize) {
      this.window[this.filled++] = value;
      // Welford's update while the window fills (O(1)); numerically it agrees with numpy to ~1e-15.
      const d = value - this.runMean;
      this.runMean += d / this.filled;
      this.m2 += d * (value - this.runMean);
      this.mean = this.runMean;
      this.std = Math.sqrt(this.m2 / this.filled);
      if (this.std === 0) this.std = 0.000001;
    } else {
      this.step[this.stepped++] = value;
      if (this.stepped === this.stepSize) {
        for (let i = 0; i < this.stepSize; i++) {
          this.window[this.head] = this.step[i] ?? 0;
          this.head = (this.head + 1) % this.windowSize;
        }
        this.stepped = 0;
        this.refresh();
      }
    }
    return unit(score);
  }

  // numpy.mean / numpy.std (ddof=0) over the full window, two-pass, once per step: amortised
  // 2·windowSize/stepSize operations per point.
  private refresh(): void {
    const n = this.filled;
    let s = 0;
    for (let i = 0; i < n; i++) s += this.window[i] ?? 0;
    const mean = s / n;
    let v = 0;
    for (let i = 0; i < n; i++) {
      const d = (this.window[i] ?? 0) - mean;
      v += d * d;
    }
    this.mean = mean;
    this.std = Math.sqrt(v / n);
    if (this.std === 0) this.std = 0.000001;
  }
}

export const windowedGaussian: UnivariateSpec = {
  kind: 'univariate',
  alertAt: 0.99999,
  description: "NAB's windowed Gaussian reference: 6400-point window, 100-point step, score 1 − Q(|z|)",
  create: () => new WindowedGaussian(),
};
