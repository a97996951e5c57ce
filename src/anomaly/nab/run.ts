import type { UnivariateSpec } from '../detector.js';
import { NAB_PROFILE_NAMES, NabProfiles, type NabProfileName } from './profiles.js';
import type { NabFile } from './corpus.js';
import { nabScore, type NabResult } from './sweep.js';

/** A detector's scores for one series, each point scored before the detector sees the next. */
export function scoreSeries(
  spec: UnivariateSpec,
  values: ArrayLike<number>,
  timesMs: ArrayLike<number>,
  seed: number,
): Float64Array {
  const d = spec.create({ seed });
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = d.update(values[i] ?? NaN, timesMs[i] ?? 0);
  return out;
}

/**
 * NAB scores what its results files hold, and those were written with Python 2's str(): 12 significant
 * digits. The rounding matters only at the very top (0.99999999999977 is stored as 1.0), which is where the
 * windowed Gaussian's published corpus-wide threshold of 1.0 sits.
 */
export function asStored(scores: Float64Array): Float64Array {
  for (let i = 0; i < scores.length; i++) scores[i] = Number((scores[i] ?? 0).toPrecision(12));
  return scores;
}

export type NabReport = Record<NabProfileName, NabResult>;

/** Run a fresh detector over each file and score all three profiles (swept, or at a fixed threshold). */
export function runNab(
  spec: UnivariateSpec,
  files: readonly NabFile[],
  seed: number,
  threshold?: number,
): NabReport {
  const scored = files.map((f) => ({
    rows: f.rows,
    scores: asStored(scoreSeries(spec, f.values, f.timesMs, seed)),
  }));
  const report = {} as NabReport;
  for (const p of NAB_PROFILE_NAMES) report[p] = nabScore(scored, NabProfiles[p], threshold);
  return report;
}
