/**
 * The detector interface. Every detector is streaming: `update` takes one point, does constant (or
 * logarithmic) work, and returns that point's anomaly score in [0,1] using only the past. A detector is
 * deterministic given its seed; its parameters are fixed when it is created, never tuned per series.
 */
export interface UnivariateDetector {
  /** Score one value (timestamp in ms since the epoch, for detectors that use time of day). */
  update(value: number, timestampMs: number): number;
}

/** A multivariate score with each feature's share of it, so an alert can name what drove it. */
export interface MultivariateScore {
  score: number;
  /** Per-feature contributions, non-negative, summing to about 1 when score > 0 (reused between calls). */
  contributions: Float64Array;
}

export interface MultivariateDetector {
  readonly dims: number;
  /** Score one sample of `dims` features (already turned into rates where they are counters). */
  update(x: ArrayLike<number>): MultivariateScore;
}

export interface DetectorOptions {
  seed: number;
}

export interface UnivariateSpec {
  kind: 'univariate';
  description: string;
  /** Score at or above which a point is an alert (chosen once, globally). */
  alertAt: number;
  create(opts: DetectorOptions): UnivariateDetector;
}

export interface MultivariateSpec {
  kind: 'multivariate';
  description: string;
  /** Score at or above which a sample is an alert (chosen once, globally). */
  alertAt: number;
  create(dims: number, opts: DetectorOptions): MultivariateDetector;
}

export type DetectorSpec = UnivariateSpec | MultivariateSpec;

/** Clamp to [0,1], mapping NaN to 0 so a bad input never yields an out-of-contract score. */
export function unit(x: number): number {
  return x > 0 ? (x < 1 ? x : 1) : 0;
}
