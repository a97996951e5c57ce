import { concatBytes } from '../../core/bytes.js';
import type { EventCounts } from '../../core/counters.js';
import { HttpWeird } from './weirds.js';
import { giveDecoder, takeDecoder, type ZlibDecoder, type ZlibKind } from './zlib-pool.js';

export type Coding = 'gzip' | 'deflate';

function looksZlib(b: Uint8Array): boolean {
  return b.length >= 2 && (b[0]! & 0x0f) === 8 && ((b[0]! << 8) | b[1]!) % 31 === 0;
}

const NONE = new Uint8Array(0);

/**
 * Decompresses a body given piece by piece (one piece per body unit) with one streaming zlib decoder, so a
 * long body costs time in proportion to its size. Decoders are pooled (`zlib-pool.ts`): most compressed
 * bodies are one piece, and a new decoder costs more than inflating a typical one. Bytes already returned are
 * not returned again. Output is capped by `maxOut` and a ratio guard (decompression bombs); after a limit or
 * a decoding error the rest passes through as is. `Content-Encoding: deflate` accepts both zlib-wrapped and
 * raw deflate (servers send either), told apart by the first piece.
 */
export class BodyInflater {
  private inBytes = 0;
  /** Decompressed bytes returned so far. */
  private emitted = 0;
  private dec: ZlibDecoder | null = null;
  /** A deflate body's first byte, while it is all there is (zlib or raw is decided on two). */
  private early: Uint8Array | null = null;
  /** 'on' decompressing; 'raw' the rest passes through as is; 'done' the body ended. */
  state: 'on' | 'raw' | 'done' = 'on';

  constructor(
    private readonly coding: Coding,
    private readonly maxOut: number,
    private readonly maxRatio: number,
    private readonly ev: EventCounts,
  ) {}

  /**
   * Decompressed bytes new since the last call; after a failure or a limit, `input` itself. `last`: the
   * body ends with this piece (its decoder goes back to the pool).
   */
  push(input: Uint8Array, last = false): Uint8Array {
    if (this.state !== 'on') return input;
    this.inBytes += input.length;
    let feed = input;
    if (this.dec === null) {
      if (this.coding === 'deflate') {
        // zlib-wrapped or raw is told by the first two bytes: a shorter first piece waits for the next.
        if (this.early !== null) feed = concatBytes([this.early, input]);
        if (feed.length < 2 && !last) {
          this.early = feed.slice();
          return NONE;
        }
        this.early = null;
      }
      const kind: ZlibKind = this.coding === 'gzip' ? 'gzip' : looksZlib(feed) ? 'zlib' : 'raw';
      this.dec = takeDecoder(kind, this.maxOut);
    }
    const parts = this.dec.write(feed);
    if (this.dec.failed) {
      // Not compressed at all (first piece: inspected as sent), broken later, or one piece past the cap.
      return this.stop(this.dec.limit ? HttpWeird.decompressLimit : HttpWeird.decompressFailed, input);
    }
    const out = parts.length === 0 ? NONE : parts.length === 1 ? parts[0]! : concatBytes(parts);
    if (this.emitted + out.length > this.maxOut) return this.stop(HttpWeird.decompressLimit, input);
    if (this.emitted + out.length > this.inBytes * this.maxRatio + 65536) {
      return this.stop(HttpWeird.decompressLimit, input);
    }
    this.emitted += out.length;
    if (last) this.end();
    return out;
  }

  /** The body is over (also when its last piece was empty): the decoder goes back to the pool. */
  end(): void {
    if (this.state === 'on') this.state = 'done';
    this.release();
  }

  private release(): void {
    if (this.dec === null) return;
    giveDecoder(this.dec);
    this.dec = null;
  }

  private stop(weird: string, rest: Uint8Array): Uint8Array {
    this.ev.add(weird);
    this.state = 'raw';
    this.release();
    return rest;
  }
}
