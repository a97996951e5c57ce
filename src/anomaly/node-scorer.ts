import type { MultivariateDetector, UnivariateDetector } from './detector.js';
import { FeatureRates, NODE_FEATURES } from './features.js';
import {
  DEFAULT_MULTIVARIATE,
  DEFAULT_UNIVARIATE,
  multivariateSpec,
  univariateSpec,
  type DetectorName,
} from './registry.js';

/** What one node sample scores: overall, per feature, multivariate, and the features that drove it. */
export interface NodeScore {
  /** max(multivariate, every per-feature score), in [0,1]. */
  score: number;
  multivariate: number;
  /** Per-feature univariate scores, in `names` order (reused between calls). */
  perFeature: Float64Array;
  /** Features that drove the score, strongest first (at most 3). */
  drivers: { feature: string; share: number }[];
}

export interface NodeScorerOptions {
  univariate?: DetectorName;
  multivariate?: DetectorName;
  seed?: number;
}

/** Heavy-tailed rates (bytes/s next to socket counts) are compared on a log scale. */
function signedLog(v: number): number {
  return v >= 0 ? Math.log1p(v) : -Math.log1p(-v);
}

/**
 * Scores one node's samples as they arrive: counters become rates, each feature gets its own univariate
 * detector, and the whole sample goes to one multivariate detector. A server keeps one NodeScorer per node
 * (they are independent and small) and calls `update` on ingest; a score above its alert threshold becomes
 * an alert naming `drivers`.
 */
export class NodeScorer {
  private readonly rates: FeatureRates;
  private readonly uni: UnivariateDetector[];
  private readonly multi: MultivariateDetector;
  private readonly logged: Float64Array;
  private readonly result: NodeScore;

  constructor(
    readonly names: readonly string[] = NODE_FEATURES,
    opts: NodeScorerOptions = {},
  ) {
    const seed = opts.seed ?? 1;
    const u = univariateSpec(opts.univariate ?? DEFAULT_UNIVARIATE);
    const m = multivariateSpec(opts.multivariate ?? DEFAULT_MULTIVARIATE);
    if (u === null || m === null)
      throw new Error('NodeScorer needs a univariate and a multivariate detector');
    this.rates = new FeatureRates(names);
    this.uni = names.map((_, i) => u.create({ seed: seed + i }));
    this.multi = m.create(names.length, { seed });
    this.logged = new Float64Array(names.length);
    this.result = { score: 0, multivariate: 0, perFeature: new Float64Array(names.length), drivers: [] };
  }

  /** Score one raw sample (features in `names` order, counters raw) taken at `tsMs`. */
  update(raw: ArrayLike<number>, tsMs: number): NodeScore {
    const r = this.result;
    const x = this.rates.update(raw, tsMs);
    if (x === null) {
      r.perFeature.fill(0);
      r.score = r.multivariate = 0;
      r.drivers = [];
      return r;
    }
    let best = 0;
    let bestIdx = -1;
    for (let i = 0; i < this.uni.length; i++) {
      const v = x[i] ?? NaN;
      const s = this.uni[i]?.update(v, tsMs) ?? 0;
      r.perFeature[i] = s;
      if (s > best) {
        best = s;
        bestIdx = i;
      }
      this.logged[i] = signedLog(v);
    }
    const m = this.multi.update(this.logged);
    r.multivariate = m.score;
    r.score = Math.max(best, m.score);
    r.drivers =
      m.score >= best
        ? this.topShares(m.contributions)
        : bestIdx >= 0
          ? [{ feature: this.names[bestIdx] ?? '', share: 1 }]
          : [];
    return r;
  }

  private topShares(c: Float64Array): { feature: string; share: number }[] {
    const idx = Array.from(c.keys())
      .filter((i) => (c[i] ?? 0) >= 0.1)
      .sort((a, b) => (c[b] ?? 0) - (c[a] ?? 0))
      .slice(0, 3);
    return idx.map((i) => ({ feature: this.names[i] ?? '', share: c[i] ?? 0 }));
  }
}
