import type { EventCounts } from '../../core/counters.js';
import { HttpWeird } from './weirds.js';

const enum St {
  Size,
  Ext,
  Data,
  DataEnd,
  Trailer,
  Done,
  Bad,
}

const MAX_SIZE_LINE = 4096;

/**
 * Incremental chunked transfer decoder. Byte-driven, so the output does not depend on how the input
 * was split. A malformed size line switches to `bad`: the caller then treats the rest as plain body
 * (inspected, not dropped — an evasion must not hide bytes). Trailer lines are collected (bounded).
 */
export class ChunkDecoder {
  private st = St.Size;
  private size = 0;
  private digits = 0;
  private lineLen = 0;
  private left = 0;
  /** Trailer field bytes (without the final empty line). */
  readonly trailer: number[] = [];
  private trailerLineLen = 0;

  constructor(
    private readonly ev: EventCounts,
    private readonly maxTrailer: number,
  ) {}

  get done(): boolean {
    return this.st === St.Done;
  }
  get inTrailer(): boolean {
    return this.st === St.Trailer;
  }
  get bad(): boolean {
    return this.st === St.Bad;
  }

  /** Consumes b[s, e) up to the end of the message; data runs go to `out`. Returns bytes consumed. */
  feed(b: Uint8Array, s: number, e: number, out: (b: Uint8Array, s: number, e: number) => void): number {
    let i = s;
    while (i < e) {
      switch (this.st) {
        case St.Data: {
          const n = Math.min(this.left, e - i);
          out(b, i, i + n);
          i += n;
          this.left -= n;
          if (this.left === 0) this.st = St.DataEnd;
          break;
        }
        case St.Size:
        case St.Ext:
          if (!this.sizeByte(b[i]!)) return i - s;
          i++;
          // Pause where the trailer starts, so the caller can cut the body's raw bytes there.
          if (this.inTrailer) return i - s;
          break;
        case St.DataEnd:
          this.dataEndByte(b[i]!);
          i++;
          break;
        case St.Trailer:
          this.trailerByte(b[i]!);
          i++;
          break;
        default:
          return i - s;
      }
    }
    return i - s;
  }

  /** False when the size line is malformed (state becomes Bad, the byte is not consumed). */
  private sizeByte(c: number): boolean {
    if (++this.lineLen > MAX_SIZE_LINE) return this.fail();
    if (c === 0x0a) {
      if (this.digits === 0) {
        // Empty lines before a size line: tolerated (the CRLF after chunk data counted twice).
        if (this.lineLen <= 2) {
          this.lineLen = 0;
          return true;
        }
        return this.fail();
      }
      this.lineLen = 0;
      this.digits = 0;
      if (this.size === 0) {
        this.st = St.Trailer;
        this.trailerLineLen = 0;
      } else {
        this.left = this.size;
        this.size = 0;
        this.st = St.Data;
      }
      return true;
    }
    if (this.st === St.Ext || c === 0x0d) return true;
    if (c === 0x3b || ((c === 0x20 || c === 0x09) && this.digits > 0)) {
      this.st = St.Ext;
      return true;
    }
    if ((c === 0x20 || c === 0x09) && this.digits === 0) return true;
    const h =
      c >= 0x30 && c <= 0x39 ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
    if (h < 0) return this.fail();
    this.size = this.size * 16 + h;
    this.digits++;
    // More than 2^48 cannot be a real chunk: treat as garbage rather than lose precision.
    if (this.size > 2 ** 48) return this.fail();
    return true;
  }

  private fail(): boolean {
    this.ev.add(HttpWeird.badChunkSize);
    this.st = St.Bad;
    return false;
  }

  private dataEndByte(c: number): void {
    if (c === 0x0d) return;
    if (c !== 0x0a) this.ev.add(HttpWeird.badChunkEnd);
    this.st = St.Size;
    this.lineLen = c === 0x0a ? 0 : 1;
    if (c !== 0x0a) this.sizeByte(c);
  }

  private trailerByte(c: number): void {
    if (c === 0x0a) {
      if (this.trailerLineLen === 0) {
        this.st = St.Done;
        // drop a CR left at the end of the collected trailer
      } else if (this.trailer.length < this.maxTrailer) this.trailer.push(0x0d, 0x0a);
      this.trailerLineLen = 0;
      return;
    }
    if (c === 0x0d) return;
    this.trailerLineLen++;
    if (this.trailer.length < this.maxTrailer) this.trailer.push(c);
  }
}
