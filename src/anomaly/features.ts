import { FEATURE_NAMES } from '../metrics/features.js';

/** The 24 node features, in the order of the samples schema: one list, owned by metrics/. */
export const NODE_FEATURES = FEATURE_NAMES;

export type NodeFeature = (typeof NODE_FEATURES)[number];

/** Features stored as raw monotonic counters (node_exporter `_total`s); detectors see their rate. */
export const COUNTER_FEATURES: ReadonlySet<NodeFeature> = new Set<NodeFeature>([
  'cpu_sec_idle',
  'disk_read',
  'disk_write',
  'net_receive',
  'mem_pressure',
  'forks_total',
  'intr',
  'receive_drop',
  'receive_errs',
  'transmit_packets',
]);

/**
 * Turns raw samples into what detectors score: counters become per-second rates over the gap since the
 * previous sample (a counter that went down was reset, so its rate is taken as 0), gauges pass through.
 * The first sample has no rate yet and yields null.
 */
export class FeatureRates {
  private readonly prev: Float64Array;
  private prevTs = NaN;
  private readonly out: Float64Array;
  private readonly counter: boolean[];

  constructor(readonly names: readonly string[] = NODE_FEATURES) {
    this.prev = new Float64Array(names.length);
    this.out = new Float64Array(names.length);
    this.counter = names.map((n) => COUNTER_FEATURES.has(n as NodeFeature));
  }

  /** Derived features for one sample (the returned array is reused), or null for the first. */
  update(raw: ArrayLike<number>, tsMs: number): Float64Array | null {
    const first = Number.isNaN(this.prevTs);
    const dt = first ? 0 : (tsMs - this.prevTs) / 1000;
    for (let i = 0; i < this.names.length; i++) {
      const v = raw[i] ?? NaN;
      if (this.counter[i]) {
        const d = v - (this.prev[i] ?? 0);
        this.out[i] = dt > 0 && d >= 0 ? d / dt : 0;
        this.prev[i] = v;
      } else this.out[i] = v;
    }
    this.prevTs = tsMs;
    return first ? null : this.out;
  }
}
