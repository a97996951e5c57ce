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
