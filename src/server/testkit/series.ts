import { COUNTER_FEATURES, type NodeFeature } from '../../anomaly/features.js';
import { FEATURE_NAMES } from '../../metrics/features.js';
import type { SampleRow } from '../../store/store.js';
import { mulberry32 } from '../../anomaly/detectors/prng.js';

/** A deterministic PRNG (mulberry32) so synthetic series are the same every run. */
const rng = mulberry32;

export interface SeriesOptions {
  node: string;
  start: number;
  step: number;
  count: number;
  /** Relative noise on every feature (0 = perfectly flat). */
  noise?: number;
  /** Sample indexes where every feature jumps (counters' rates and gauges ×spikeFactor). */
  spikes?: readonly number[];
  spikeFactor?: number;
  seed?: number;
}

/** Node samples: counters grow at a steady rate, gauges sit at a level; both with optional noise and spikes. */
export function series(o: SeriesOptions): SampleRow[] {
  const r = rng(o.seed ?? 7);
  const noise = o.noise ?? 0;
  const spikes = new Set(o.spikes ?? []);
  const factor = o.spikeFactor ?? 50;
  const totals = new Map<string, number>();
  const out: SampleRow[] = [];
  for (let i = 0; i < o.count; i++) {
    const row = { node: o.node, ts: o.start + i * o.step, attack: spikes.has(i) ? 1 : 0 } as SampleRow;
    FEATURE_NAMES.forEach((f, k) => {
      const base = 100 + 10 * k;
      let v = base * (1 + noise * (r() - 0.5));
      if (spikes.has(i)) v *= factor;
      if (COUNTER_FEATURES.has(f as NodeFeature)) {
        const t = (totals.get(f) ?? 0) + v * o.step;
        totals.set(f, t);
        row[f] = t;
      } else row[f] = v;
    });
    out.push(row);
  }
  return out;
}
