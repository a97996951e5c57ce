/**
 * Dense numbering of the contexts the sequence detectors use: every (length k, last k levels) pair for
 * k = 1..order, then every time-of-day bucket, gets one small integer, so per-context state lives in
 * flat typed arrays (no hashing, memory fixed when the detector is created).
 */
export class ContextIndex {
  /** First id of contexts of length k (index k), and of time buckets (index order + 1). */
  private readonly offset: Int32Array;
  readonly size: number;

  constructor(
    readonly bins: number,
    readonly order: number,
    readonly timeBuckets: number,
  ) {
    this.offset = new Int32Array(order + 2);
    let n = 0;
    for (let k = 1; k <= order; k++) {
      this.offset[k] = n;
      n += bins ** k;
    }
    this.offset[order + 1] = n;
    n += timeBuckets;
    if (n * bins > 1 << 24) throw new RangeError(`too many contexts: ${bins} levels, order ${order}`);
    this.size = n;
  }

  /** Id of the context of length k whose levels, most recent first, encode as `ctx` in base `bins`. */
  sequence(k: number, ctx: number): number {
    return (this.offset[k] ?? 0) + ctx;
  }

  time(bucket: number): number {
    return (this.offset[this.order + 1] ?? 0) + bucket;
  }
}

/** Time-of-day bucket of a timestamp (UTC), or −1 when there is no usable time. */
export function timeBucket(timestampMs: number, buckets: number): number {
  if (buckets <= 0 || timestampMs === 0 || !Number.isFinite(timestampMs)) return -1;
  const day = 86_400_000;
  const t = ((timestampMs % day) + day) % day;
  return Math.min(buckets - 1, Math.floor(t / (day / buckets)));
}

/**
 * The last `order` levels of a series, and the ids of the sequence contexts they form (length 1..order,
 * as many as have been seen): what both sequence detectors look up before learning the new level.
 */
export class LevelHistory {
  private readonly recent: Int32Array;
  /** Context ids of the current point, lengths 1..count (index k − 1). */
  readonly ids: Int32Array;
  private t = 0;

  constructor(private readonly index: ContextIndex) {
    this.recent = new Int32Array(index.order);
    this.ids = new Int32Array(index.order);
  }

  /** Fill `ids` with the contexts preceding the next level; returns how many there are. */
  contexts(): number {
    const { order, bins } = this.index;
    const n = Math.min(order, this.t);
    let ctx = 0;
    let scale = 1;
    for (let k = 1; k <= n; k++) {
      ctx += (this.recent[(this.t - k) % order] ?? 0) * scale;
      scale *= bins;
      this.ids[k - 1] = this.index.sequence(k, ctx);
    }
    return n;
  }

  push(level: number): void {
    this.recent[this.t % this.index.order] = level;
    this.t++;
  }
}
