import {
  unit,
  type MultivariateDetector,
  type MultivariateScore,
  type MultivariateSpec,
} from '../detector.js';
import { chiSquareNegLog10Tail } from './chi-square.js';

/**
 * Streaming Mahalanobis distance with shrinkage. An exponentially weighted mean and covariance track the
 * node's normal behaviour; every `refresh` samples the covariance is shrunk toward its diagonal
 * (Σ' = (1−λ)Σ + λ·diag Σ, which keeps it invertible when features are collinear or constant) and
 * Cholesky-factorised. Each sample then costs two triangular solves, O(d²).
 * D² is read against χ²(d): score = L/(L + 8) with L = −log10 p, so p = 1e-8 scores 0.5.
 * Contributions: feature i's share of D² = Σ r_i (Σ⁻¹r)_i, negative terms dropped.
 * A sample far outside (p < 1e-6) is absorbed at a tenth of the rate, so an attack does not become normal.
 */
export class Mahalanobis implements MultivariateDetector {
  private readonly mean: Float64Array;
  private readonly cov: Float64Array;
  private readonly chol: Float64Array;
  private readonly r: Float64Array;
  private readonly y: Float64Array;
  private readonly result: MultivariateScore;
  private n = 0;
  private ready = false;

  constructor(
    readonly dims: number,
    readonly alpha = 0.01,
    readonly shrink = 0.2,
    readonly refresh = 16,
    readonly warmup = 30,
  ) {
    this.mean = new Float64Array(dims);
    this.cov = new Float64Array(dims * dims);
    this.chol = new Float64Array(dims * dims);
    this.r = new Float64Array(dims);
    this.y = new Float64Array(dims);
    this.result = { score: 0, contributions: new Float64Array(dims) };
  }

  update(x: ArrayLike<number>): MultivariateScore {
    const d = this.dims;
    const r = this.r;
    for (let i = 0; i < d; i++) {
      const v = x[i] ?? 0;
      r[i] = (Number.isFinite(v) ? v : (this.mean[i] ?? 0)) - (this.mean[i] ?? 0);
    }
    const c = this.result.contributions;
    c.fill(0);
    let nlp = 0;
    if (this.ready && this.n >= this.warmup) {
      this.solve();
      let d2 = 0;
      for (let i = 0; i < d; i++) {
        const t = (r[i] ?? 0) * (this.y[i] ?? 0);
        d2 += t;
        c[i] = t > 0 ? t : 0;
      }
      if (d2 > 0) for (let i = 0; i < d; i++) c[i] = (c[i] ?? 0) / d2;
      nlp = chiSquareNegLog10Tail(d2, d);
    }
    this.result.score = unit(nlp / (nlp + 8));
    this.absorb(nlp > 6 ? this.alpha / 10 : this.alpha);
    if (this.n % this.refresh === 0 || !this.ready) this.factor();
    return this.result;
  }

  private absorb(rate: number): void {
    const d = this.dims;
    this.n++;
    const a = Math.max(rate, 1 / this.n);
    const r = this.r;
    for (let i = 0; i < d; i++) this.mean[i] = (this.mean[i] ?? 0) + a * (r[i] ?? 0);
    for (let i = 0; i < d; i++) {
      const ri = r[i] ?? 0;
      for (let j = 0; j <= i; j++) {
        const k = i * d + j;
        this.cov[k] = (1 - a) * ((this.cov[k] ?? 0) + a * ri * (r[j] ?? 0));
      }
    }
  }

  /** Cholesky of the shrunk covariance (lower triangle); variances get a floor relative to the level. */
  private factor(): void {
    const d = this.dims;
    const L = this.chol;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        let s = (this.cov[i * d + j] ?? 0) * (i === j ? 1 : 1 - this.shrink);
        if (i === j) {
          const m = this.mean[i] ?? 0;
          s += 1e-6 * m * m + 1e-9;
        }
        for (let k = 0; k < j; k++) s -= (L[i * d + k] ?? 0) * (L[j * d + k] ?? 0);
        if (i === j) L[i * d + i] = Math.sqrt(Math.max(s, 1e-12));
        else L[i * d + j] = s / (L[j * d + j] ?? 1);
      }
    }
    this.ready = true;
  }

  /** y = Σ⁻¹ r by forward then backward substitution. */
  private solve(): void {
    const d = this.dims;
    const L = this.chol;
    const y = this.y;
    for (let i = 0; i < d; i++) {
      let s = this.r[i] ?? 0;
      for (let k = 0; k < i; k++) s -= (L[i * d + k] ?? 0) * (y[k] ?? 0);
      y[i] = s / (L[i * d + i] ?? 1);
    }
    for (let i = d - 1; i >= 0; i--) {
      let s = y[i] ?? 0;
      for (let k = i + 1; k < d; k++) s -= (L[k * d + i] ?? 0) * (y[k] ?? 0);
      y[i] = s / (L[i * d + i] ?? 1);
    }
  }
}

export const mahalanobis: MultivariateSpec = {
  kind: 'multivariate',
  alertAt: 0.5,
  description: 'streaming Mahalanobis distance, EW covariance shrunk toward its diagonal (λ = 0.2)',
  create: (dims) => new Mahalanobis(dims),
};
