import { constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { Gunzip, Inflate, InflateRaw } from 'minizlib';
import { concatBytes } from '../../core/bytes.js';
import type { EventCounts } from '../../core/counters.js';
import { HttpWeird } from './weirds.js';

export type Coding = 'gzip' | 'deflate';

function looksZlib(b: Uint8Array): boolean {
  return b.length >= 2 && (b[0]! & 0x0f) === 8 && ((b[0]! << 8) | b[1]!) % 31 === 0;
}

/** One part as is, several joined. */
function concat(parts: Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0]! : concatBytes(parts);
}

/**
 * Decompresses a body given piece by piece (one piece per body unit). Most compressed bodies fit in one
 * piece: that one is inflated by Node's zlib in a single call (a sync flush, so a truncated stream yields
 * what it holds). From the second piece on, a streaming decoder (minizlib: zlib itself, driven synchronously)
 * takes over: it is fed what came so far once, then each piece, so a long body costs time in proportion to its
 * size, not its square (Node's zlib has no public synchronous streaming API). Bytes already returned are not
 * returned again. Output is capped
 * by `maxOut` and a ratio guard (decompression bombs); after a limit or a decoding error the rest passes
 * through as is. `Content-Encoding: deflate` accepts both zlib-wrapped and raw deflate (servers send either).
 */
export class BodyInflater {
  /** Compressed input kept until the streaming decoder takes over. */
  private kept: Uint8Array[] | null = [];
  private inBytes = 0;
  /** Decompressed bytes returned so far. */
  private emitted = 0;
  private stream: Gunzip | Inflate | InflateRaw | null = null;
  /** The streaming decoder reported a decoding error. */
  private failed = false;
  /** Streamed output bytes still to skip (the part the first, one-call inflate already returned). */
  private skip = 0;
  private readonly got: Uint8Array[] = [];
  /** 'on' decompressing; 'raw' the rest passes through as is. */
  state: 'on' | 'raw' = 'on';

  constructor(
    private readonly coding: Coding,
    private readonly maxOut: number,
    private readonly maxRatio: number,
    private readonly ev: EventCounts,
  ) {}

  /**
   * Decompressed bytes new since the last call; after a failure or a limit, `input` itself. `last`: the
   * body ends with this piece (nothing needs keeping for a streaming decoder).
   */
  push(input: Uint8Array, last = false): Uint8Array {
    if (this.state === 'raw') return input;
    this.inBytes += input.length;
    const out = this.kept !== null && this.kept.length === 0 ? this.first(input, last) : this.next(input);
    if (last && this.stream !== null) {
      this.stream.close();
      this.stream = null;
    }
    if (out === null) return input;
    if (this.emitted + out.length > this.inBytes * this.maxRatio + 65536) {
      return this.stop(HttpWeird.decompressLimit, input);
    }
    this.emitted += out.length;
    return out;
  }

  /** The first piece: one zlib call. null after a stop (the caller returns the input). */
  private first(input: Uint8Array, last: boolean): Uint8Array | null {
    // The caller reuses its buffer: a copy, unless no piece follows.
    this.kept!.push(last ? input : input.slice());
    try {
      const opts = { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: this.maxOut };
      const out =
        this.coding === 'gzip'
          ? gunzipSync(input, opts)
          : looksZlib(input)
            ? inflateSync(input, opts)
            : inflateRawSync(input, opts);
      // A plain Uint8Array view of zlib's Buffer: the scan loops then only ever see one array type.
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    } catch (e) {
      // Not compressed at all: the piece is inspected as is.
      this.stop(e instanceof RangeError ? HttpWeird.decompressLimit : HttpWeird.decompressFailed, input);
      return null;
    }
  }

  /** Later pieces: the streaming decoder, started on everything received when it is first needed. */
  private next(input: Uint8Array): Uint8Array | null {
    let feed = input;
    if (this.stream === null) {
      // Nothing may follow the last piece; if something does, it passes through as is.
      if (this.kept === null) return null;
      this.kept!.push(input);
      feed = concat(this.kept!);
      this.kept = null;
      this.stream = this.decoder(feed);
      this.skip = this.emitted;
    }
    try {
      this.stream.write(feed);
    } catch {
      this.failed = true;
    }
    if (this.failed) {
      this.stop(HttpWeird.decompressFailed, input);
      return null;
    }
    const parts = this.got.splice(0);
    let out = concat(parts);
    if (this.skip > 0) {
      const n = Math.min(this.skip, out.length);
      this.skip -= n;
      out = out.subarray(n);
    }
    if (this.emitted + out.length > this.maxOut) {
      this.stop(HttpWeird.decompressLimit, input);
      return null;
    }
    return out;
  }

  private decoder(first: Uint8Array): Gunzip | Inflate | InflateRaw {
    // Sync flush: every write returns what its input holds, a truncated body included.
    const opts = { flush: constants.Z_SYNC_FLUSH };
    const z =
      this.coding === 'gzip' ? new Gunzip(opts) : looksZlib(first) ? new Inflate(opts) : new InflateRaw(opts);
    // Output arrives synchronously during write(), as Buffers: kept as plain Uint8Array views.
    z.on('data', (d: Buffer) => this.got.push(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)));
    z.on('error', () => {
      this.failed = true;
    });
    return z;
  }

  private stop(weird: string, rest: Uint8Array): Uint8Array {
    this.ev.add(weird);
    this.state = 'raw';
    this.kept = null;
    this.stream?.close();
    this.stream = null;
    this.got.length = 0;
    return rest;
  }
}
