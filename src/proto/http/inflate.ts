import { constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { EventCounts } from '../../core/counters.js';
import { HttpWeird } from './weirds.js';

export type Coding = 'gzip' | 'deflate';

/** Compressed bytes kept per message for decompression; beyond it the body is inspected as is. */
export const MAX_COMPRESSED = 1 << 20;

function looksZlib(b: Uint8Array): boolean {
  return b.length >= 2 && (b[0]! & 0x0f) === 8 && ((b[0]! << 8) | b[1]!) % 31 === 0;
}

/**
 * Decompresses a body given piece by piece. Node's zlib has no public synchronous streaming API, so
 * each call inflates everything received so far with a sync flush (a truncated stream yields what it
 * can) and returns the output past what was returned before. Cost is quadratic in the compressed size,
 * hence MAX_COMPRESSED; output is capped by `maxOut` (zlib's maxOutputLength) and a ratio guard.
 * `Content-Encoding: deflate` accepts both zlib-wrapped and raw deflate (servers send either).
 */
export class BodyInflater {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private emitted = 0;
  /** 'on' decompressing; 'raw' the rest passes through as is. */
  state: 'on' | 'raw' = 'on';

  constructor(
    private readonly coding: Coding,
    private readonly maxOut: number,
    private readonly maxRatio: number,
    private readonly ev: EventCounts,
  ) {}

  /** Decompressed bytes new since the last call; after a failure or a limit, `input` itself. */
  push(input: Uint8Array): Uint8Array {
    if (this.state === 'raw') return input;
    if (this.size + input.length > MAX_COMPRESSED) return this.stop(HttpWeird.decompressLimit, input);
    this.chunks.push(input.slice());
    this.size += input.length;
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    if (this.chunks.length > 1) this.chunks = [all];
    let out: Uint8Array;
    try {
      const opts = { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: this.maxOut };
      if (this.coding === 'gzip') out = gunzipSync(all, opts);
      else out = looksZlib(all) ? inflateSync(all, opts) : inflateRawSync(all, opts);
    } catch (e) {
      const limit = e instanceof RangeError;
      // Nothing decoded yet: the body was never compressed; inspect it all as is.
      if (!limit && this.emitted === 0) return this.stop(HttpWeird.decompressFailed, all);
      return this.stop(limit ? HttpWeird.decompressLimit : HttpWeird.decompressFailed, input);
    }
    if (out.length > this.size * this.maxRatio + 65536) return this.stop(HttpWeird.decompressLimit, input);
    const fresh = out.subarray(this.emitted);
    this.emitted = out.length;
    return fresh;
  }

  private stop(weird: string, rest: Uint8Array): Uint8Array {
    this.ev.add(weird);
    this.state = 'raw';
    this.chunks = [];
    return rest;
  }
}
