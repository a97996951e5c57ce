import { constants } from 'node:zlib';
import { Gunzip, Inflate, InflateRaw } from 'minizlib';

/** gzip, zlib-wrapped deflate, raw deflate. */
export type ZlibKind = 'gzip' | 'zlib' | 'raw';

/**
 * One synchronous zlib decoder (minizlib: zlib's own handle, driven synchronously). Each `write` returns
 * what its input holds (sync flush), so a truncated body still yields its prefix. Output over `maxOut` bytes
 * in one write fails the write with `limit` set.
 */
export class ZlibDecoder {
  private readonly z: Gunzip | Inflate | InflateRaw;
  private readonly got: Uint8Array[] = [];
  /** The decoder failed (corrupt input, or `limit`): it cannot be used again. */
  failed = false;
  /** The failure was the output limit. */
  limit = false;

  constructor(
    readonly kind: ZlibKind,
    readonly maxOut: number,
  ) {
    const opts = { flush: constants.Z_SYNC_FLUSH, maxOutputLength: maxOut };
    this.z = kind === 'gzip' ? new Gunzip(opts) : kind === 'zlib' ? new Inflate(opts) : new InflateRaw(opts);
    // Output arrives synchronously during write(), as Buffers: kept as plain Uint8Array views (the scan
    // loops then only ever see one array type).
    this.z.on('data', (d: Buffer) => this.got.push(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)));
    this.z.on('error', (e: unknown) => {
      this.failed = true;
      this.limit = (e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
    });
  }

  /** The decompressed bytes of `input` (empty when it completes nothing); check `failed` after. */
  write(input: Uint8Array): Uint8Array[] {
    if (!this.failed) {
      try {
        this.z.write(input);
      } catch {
        this.failed = true;
      }
    }
    return this.got.splice(0);
  }

  /** Ready for a new stream; false when it cannot be (it failed). */
  reset(): boolean {
    this.got.length = 0;
    if (this.failed) return false;
    try {
      this.z.reset();
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    this.z.close();
  }
}

/** Idle decoders kept per kind: creating one costs ≈25 µs (stream objects, zlib state and window). */
const KEEP = 16;
const idle: Record<ZlibKind, ZlibDecoder[]> = { gzip: [], zlib: [], raw: [] };

/** A decoder for a new stream: an idle one with the same output limit, else a new one. */
export function takeDecoder(kind: ZlibKind, maxOut: number): ZlibDecoder {
  const list = idle[kind];
  for (let i = list.length - 1; i >= 0; i--) {
    const d = list[i]!;
    if (d.maxOut === maxOut) {
      list.splice(i, 1);
      return d;
    }
  }
  return new ZlibDecoder(kind, maxOut);
}

/** A decoder whose stream is over: reset and kept for the next one (closed if it failed or too many idle). */
export function giveDecoder(d: ZlibDecoder): void {
  const list = idle[d.kind];
  if (list.length < KEEP && d.reset()) list.push(d);
  else d.close();
}
