import type { EventCounts } from '../../core/counters.js';
import { ChunkDecoder } from './chunked.js';

export type Framing = 'length' | 'chunked' | 'close';

/**
 * One message body's framing. Bytes are taken in units of at most `unit` wire bytes; a unit is full
 * when it reaches that size or the body ends, so unit boundaries (hence sections) depend only on the
 * byte stream, never on how it was split into feeds. `dec` holds the unit's de-chunked bytes.
 */
export class MessageBody {
  readonly raw: Uint8Array;
  rawLen = 0;
  dec: Uint8Array;
  decLen = 0;
  done = false;
  /** Last body byte seen and bare LFs counted (for Zeek's line-mode body length, see sections.ts). */
  lastByte = -1;
  bareLf = 0;
  /** Where the chunked trailer starts in this unit's raw bytes, -1 when not in this unit. */
  trailerOff = -1;
  private left: number;
  readonly chunk: ChunkDecoder | null;
  private readonly append = (b: Uint8Array, s: number, e: number): void => {
    const n = e - s;
    if (this.decLen + n > this.dec.length) {
      const nb = new Uint8Array(Math.max(this.dec.length * 2, this.decLen + n));
      nb.set(this.dec.subarray(0, this.decLen));
      this.dec = nb;
    }
    this.dec.set(b.subarray(s, e), this.decLen);
    this.decLen += n;
  };

  /** `raw` (the unit size) and `dec` are the direction's scratch buffers, reused from message to message. */
  constructor(
    public framing: Framing,
    length: number,
    raw: Uint8Array,
    dec: Uint8Array,
    ev: EventCounts,
    maxTrailer: number,
    /** Keep the unit's wire bytes in `raw` (detection sections need them; http.log alone does not). */
    private readonly keepRaw = true,
  ) {
    this.raw = raw;
    this.dec = dec;
    this.left = length;
    this.chunk = framing === 'chunked' ? new ChunkDecoder(ev, maxTrailer) : null;
    if (framing === 'length' && length === 0) this.done = true;
  }

  get unitFull(): boolean {
    return this.rawLen === this.raw.length;
  }

  /** Starts the next unit (after the caller emitted this one). */
  nextUnit(): void {
    this.rawLen = 0;
    this.decLen = 0;
    this.trailerOff = -1;
  }

  /** Raw bytes of this unit that belong to the body proper (not the chunked trailer). */
  get bodyRawLen(): number {
    return this.trailerOff >= 0 ? this.trailerOff : this.rawLen;
  }

  private countLines(b: Uint8Array, s: number, e: number): void {
    let prev = this.lastByte;
    for (let k = s; k < e; k++) {
      const c = b[k]!;
      if (c === 0x0a && prev !== 0x0d) this.bareLf++;
      prev = c;
    }
    this.lastByte = prev;
  }

  /** Consumes from b[s, e) until the unit is full or the body ends; returns the index reached. */
  feed(b: Uint8Array, s: number, e: number): number {
    let i = s;
    while (i < e && !this.done && !this.unitFull) {
      const room = Math.min(e - i, this.raw.length - this.rawLen);
      let used: number;
      if (this.framing === 'length') {
        used = Math.min(room, this.left);
        this.append(b, i, i + used);
        this.left -= used;
        if (this.left === 0) this.done = true;
      } else if (this.framing === 'chunked') {
        used = this.chunk!.feed(b, i, i + room, this.append);
        if (this.chunk!.done) this.done = true;
        // Broken chunking: the rest of the connection is body, inspected as sent.
        else if (this.chunk!.bad) this.framing = 'close';
      } else {
        used = room;
        this.append(b, i, i + used);
        this.countLines(b, i, i + used);
      }
      if (this.keepRaw) this.raw.set(b.subarray(i, i + used), this.rawLen);
      this.rawLen += used;
      i += used;
      if (this.chunk?.inTrailer === true && this.trailerOff < 0) this.trailerOff = this.rawLen;
    }
    return i;
  }
}
