import { FEATURE_NAMES } from '../metrics/features.js';
import type { SampleRow } from '../store/store.js';

export interface FeatureStats {
  mean: Float64Array;
  std: Float64Array;
}

/**
 * Mean and population standard deviation (ddof 0, as scipy.stats.zscore) of each feature over the rows,
 * ignoring nulls; Welford's update so it can run over pages of a large range.
 */
export class ZStats {
  private readonly n = new Float64Array(FEATURE_NAMES.length);
  private readonly mean = new Float64Array(FEATURE_NAMES.length);
  private readonly m2 = new Float64Array(FEATURE_NAMES.length);

  add(row: SampleRow): void {
    for (let i = 0; i < FEATURE_NAMES.length; i++) {
      const v = row[FEATURE_NAMES[i]!];
      if (v === null || !Number.isFinite(v)) continue;
      const n = ++this.n[i]!;
      const d = v - this.mean[i]!;
      this.mean[i]! += d / n;
      this.m2[i]! += d * (v - this.mean[i]!);
    }
  }

  stats(): FeatureStats {
    const std = new Float64Array(FEATURE_NAMES.length);
    for (let i = 0; i < std.length; i++) std[i] = this.n[i]! > 0 ? Math.sqrt(this.m2[i]! / this.n[i]!) : 0;
    return { mean: this.mean.slice(), std };
  }
}

/** One row z-scored; a constant feature (std 0, or within rounding of it) gives 0, a null stays null. */
export function zRow(row: SampleRow, s: FeatureStats): SampleRow {
  const out = { ...row };
  for (let i = 0; i < FEATURE_NAMES.length; i++) {
    const f = FEATURE_NAMES[i]!;
    const v = row[f];
    if (v === null) continue;
    const sd = s.std[i]!;
    const mean = s.mean[i]!;
    out[f] = sd > 1e-12 * Math.max(1, Math.abs(mean)) ? (v - mean) / sd : 0;
  }
  return out;
}

export function zscoreRows(rows: readonly SampleRow[]): SampleRow[] {
  const z = new ZStats();
  for (const r of rows) z.add(r);
  const s = z.stats();
  return rows.map((r) => zRow(r, s));
}
