import type { UnivariateDetector } from '../detector.js';
import { ContextIndex, LevelHistory, timeBucket } from './context-index.js';
import { tailExcess, ValueRange } from './value-range.js';

export interface ContextualParams {
  /** Quantisation levels over the range seen so far. */
  bins: number;
  /** Longest context: the transitions (last k levels → this level) for k = 1..order. */
  order: number;
  /** Weight of a context of length k is k^−orderDecay: a new short context is more surprising. */
  orderDecay: number;
  /** Weight of the (time of day → level) context; 0 turns it off. */
  timeWeight: number;
  timeBuckets: number;
  /** Rate of the EW average of novelty that is subtracted from each point's novelty. */
  rateAlpha: number;
}

export const CONTEXTUAL_DEFAULTS: ContextualParams = {
  bins: 4,
  order: 3,
  orderDecay: 1.5,
  timeWeight: 1.5,
  timeBuckets: 12,
  rateAlpha: 0.01,
};

/**
 * Contextual novelty (in the spirit of CAD OSE): values are quantised into a few levels over the range
 * seen so far, and each point asks which of its contexts were never seen before — the sequences
 * (last k levels → this level) for k = 1..order, and (time of day → level). The raw score is the weighted
 * share of new contexts, minus the share expected from the recent novelty rate, so a series that is still
 * being learnt or is always noisy does not alert on routine novelty. A value outside the range seen so far
 * scores at least 0.5, rising with how far outside it is. Work per point: order + 1 array lookups; memory:
 * one byte per (context, level), fixed at creation.
 */
export class Contextual implements UnivariateDetector {
  private readonly range = new ValueRange();
  private readonly index: ContextIndex;
  private readonly seen: Uint8Array;
  private readonly weight: Float64Array;
  private readonly history: LevelHistory;
  private rate = 1;

  constructor(private readonly p: ContextualParams = CONTEXTUAL_DEFAULTS) {
    this.index = new ContextIndex(p.bins, p.order, p.timeWeight > 0 ? p.timeBuckets : 0);
    this.seen = new Uint8Array(this.index.size * p.bins);
    this.weight = Float64Array.from({ length: p.order + 1 }, (_, k) =>
      k === 0 ? 0 : Math.pow(k, -p.orderDecay),
    );
    this.history = new LevelHistory(this.index);
  }

  update(value: number, timestampMs: number): number {
    if (!Number.isFinite(value)) return 0;
    const p = this.p;
    const excess = this.range.excess(value);
    const q = this.range.push(value, p.bins);
    let novel = 0;
    let total = 0;
    const n = this.history.contexts();
    for (let k = 1; k <= n; k++) {
      const w = this.weight[k] ?? 0;
      total += w;
      if (this.remember((this.history.ids[k - 1] ?? 0) * p.bins + q)) novel += w;
    }
    const bucket = p.timeWeight > 0 ? timeBucket(timestampMs, p.timeBuckets) : -1;
    if (bucket >= 0) {
      total += p.timeWeight;
      if (this.remember(this.index.time(bucket) * p.bins + q)) novel += p.timeWeight;
    }
    this.history.push(q);
    const raw = total > 0 ? novel / total : 0;
    const score = Math.max(0, raw - this.rate);
    this.rate += p.rateAlpha * (raw - this.rate);
    return excess > 0 ? Math.max(score, tailExcess(excess)) : score;
  }

  /** True when the (context, level) pair is new; it is remembered from then on. */
  private remember(slot: number): boolean {
    if (this.seen[slot] === 1) return false;
    this.seen[slot] = 1;
    return true;
  }
}
