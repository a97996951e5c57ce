import type { UnivariateDetector } from '../detector.js';
import { ContextIndex, LevelHistory, timeBucket } from './context-index.js';
import { tailExcess, ValueRange } from './value-range.js';

export interface SurpriseParams {
  bins: number;
  order: number;
  timeBuckets: number;
  /** Additive (Laplace-style) smoothing of the counts. */
  alpha: number;
  /** Surprise in bits that scores 0.5. */
  half: number;
}

export const SURPRISE_DEFAULTS: SurpriseParams = { bins: 5, order: 3, timeBuckets: 12, alpha: 0.5, half: 2 };

/**
 * Predictive surprise, as a context-model compressor measures it: for each context (the last k levels,
 * k = 1..order, and the time of day) the level's probability is estimated from counts with additive
 * smoothing, and the surprise is −log2 P(level | context) − log2(bins), in bits beyond a uniform guess.
 * The point's surprise is the largest over its contexts: a level never seen after a context that has been
 * seen many times is very surprising; one after a context seen rarely is not. Unlike plain novelty this is
 * graded and calibrates itself to noisy series (their contexts have spread-out counts).
 * Score s/(s + half); a new extreme scores at least 0.5 as in the contextual detector.
 * Counts live in flat arrays sized when the detector is created.
 */
export class Surprise implements UnivariateDetector {
  private readonly range = new ValueRange();
  private readonly index: ContextIndex;
  private readonly total: Uint32Array;
  private readonly hits: Uint32Array;
  private readonly history: LevelHistory;
  private readonly uniform: number;

  constructor(private readonly p: SurpriseParams = SURPRISE_DEFAULTS) {
    this.index = new ContextIndex(p.bins, p.order, p.timeBuckets);
    this.total = new Uint32Array(this.index.size);
    this.hits = new Uint32Array(this.index.size * p.bins);
    this.history = new LevelHistory(this.index);
    this.uniform = Math.log2(p.bins);
  }

  update(value: number, timestampMs: number): number {
    if (!Number.isFinite(value)) return 0;
    const p = this.p;
    const excess = this.range.excess(value);
    const q = this.range.push(value, p.bins);
    // −log2 is decreasing, so the largest surprise is the smallest smoothed probability: one log per point.
    let least = 1;
    const n = this.history.contexts();
    for (let k = 0; k < n; k++) least = Math.min(least, this.observe(this.history.ids[k] ?? 0, q));
    const bucket = timeBucket(timestampMs, p.timeBuckets);
    if (bucket >= 0) least = Math.min(least, this.observe(this.index.time(bucket), q));
    this.history.push(q);
    const best = -Math.log2(least) - this.uniform;
    const score = best > 0 ? best / (best + p.half) : 0;
    return excess > 0 ? Math.max(score, tailExcess(excess)) : score;
  }

  /** Smoothed probability of level q after context `id`; then count the observation. */
  private observe(id: number, q: number): number {
    const p = this.p;
    const slot = id * p.bins + q;
    const total = this.total[id] ?? 0;
    const hit = this.hits[slot] ?? 0;
    this.total[id] = total + 1;
    this.hits[slot] = hit + 1;
    return (hit + p.alpha) / (total + p.alpha * p.bins);
  }
}
