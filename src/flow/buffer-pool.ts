/** Smallest buffer handed out (most streams hold less than one segment at a time). */
const MIN_SHIFT = 11;

/**
 * Reassembly buffers of power-of-two sizes, reused across streams. A stream takes one when it first holds
 * bytes or outgrows its buffer and gives it back when it grows again or its flow ends: creating a buffer
 * (an ArrayBuffer, zero-filled) costs microseconds, and on a busy link streams start and end thousands of
 * times a second. Buffers above `maxSize`, or beyond `maxBytes` kept in all, are left to the GC.
 */
export class BufferPool {
  private readonly free: Uint8Array[][] = [];
  private kept = 0;

  constructor(
    private readonly maxBytes = 32 << 20,
    private readonly maxSize = 1 << 20,
  ) {}

  /** Bytes currently kept for reuse. */
  get keptBytes(): number {
    return this.kept;
  }

  /** A buffer of at least `min` bytes (a power of two, at least 2 KiB); its contents are undefined. */
  take(min: number): Uint8Array {
    let shift = MIN_SHIFT;
    while (1 << shift < min && shift < 30) shift++;
    const size = 2 ** shift;
    if (size < min) return new Uint8Array(min);
    const list = this.free[shift - MIN_SHIFT];
    const b = list?.pop();
    if (b !== undefined) {
      this.kept -= b.length;
      return b;
    }
    return new Uint8Array(size);
  }

  /**
   * A buffer no longer used by anyone (its bytes may be overwritten from now on). One the pool would not
   * hand out (under 2 KiB, the shared empty buffer included, or not a power of two) is ignored.
   */
  give(b: Uint8Array): void {
    const size = b.length;
    if (size < 1 << MIN_SHIFT || size > this.maxSize || (size & (size - 1)) !== 0) return;
    if (this.kept + size > this.maxBytes) return;
    const k = Math.log2(size) - MIN_SHIFT;
    (this.free[k] ??= []).push(b);
    this.kept += size;
  }
}
