import { EMPTY } from '../core/bytes.js';
import type { Flow } from '../flow/flow.js';
import { Packet } from '../packet/packet.js';
import { BufferId, type BufferProvider } from './buffers.js';

export const MAX_VARS = 8;
/** Backtracking budget per rule evaluation (Snort bounds its retries the same way). */
export const MAX_RETRIES = 1024;
const B64_MAX = 65535;
const STR_CACHE = 4;

/**
 * Everything options read while one rule is evaluated on one unit. One instance per engine, reused:
 * `beginUnit` sets the unit, `beginRule` resets the per-rule state (cursor, buffer, variables).
 */
export class EvalContext {
  pkt: Packet = new Packet();
  flow: Flow | null = null;
  dir: 0 | 1 = 0;
  rebuilt = false;
  streamed = false;
  provider: BufferProvider | null = null;

  // the unit's own payload (pkt_data / raw_data)
  unitData: Uint8Array = EMPTY;
  unitOff = 0;
  unitLen = 0;

  // the current buffer and cursor (cursor is relative to bufOff)
  bufId = 0;
  buf: Uint8Array = EMPTY;
  bufOff = 0;
  bufLen = 0;
  cursor = 0;

  readonly vars = new Float64Array(MAX_VARS);
  /** Flowbit ids in use (sizes the per-flow bitset). */
  flowbitCount = 0;
  retries = 0;

  // base64_decode output
  readonly b64 = new Uint8Array(B64_MAX);
  b64Len = -1;

  /** Bumped per unit: invalidates the latin1 string cache. */
  unitStamp = 0;
  private readonly strBuf: Uint8Array[] = [];
  private readonly strOff = new Int32Array(STR_CACHE);
  private readonly strLen = new Int32Array(STR_CACHE);
  private readonly strStamp = new Float64Array(STR_CACHE).fill(-1);
  private readonly strVal: string[] = ['', '', '', ''];
  private strNext = 0;

  beginUnit(
    pkt: Packet,
    flow: Flow | null,
    dir: 0 | 1,
    data: Uint8Array,
    off: number,
    len: number,
    rebuilt: boolean,
    streamed: boolean,
    provider: BufferProvider | null,
  ): void {
    this.pkt = pkt;
    this.flow = flow;
    this.dir = dir;
    this.unitData = data;
    this.unitOff = off;
    this.unitLen = len;
    this.rebuilt = rebuilt;
    this.streamed = streamed;
    this.provider = provider;
    this.unitStamp++;
  }

  beginRule(): void {
    this.bufId = BufferId.pkt_data;
    this.buf = this.unitData;
    this.bufOff = this.unitOff;
    this.bufLen = this.unitLen;
    this.cursor = 0;
    this.retries = 0;
    this.b64Len = -1;
  }

  /** Switch to buffer `id`; false when the unit does not provide it (the rule then fails). */
  select(id: number, field: string | null): boolean {
    this.cursor = 0;
    this.bufId = id;
    if (id === BufferId.pkt_data || id === BufferId.raw_data) {
      this.buf = this.unitData;
      this.bufOff = this.unitOff;
      this.bufLen = this.unitLen;
      return true;
    }
    if (id === BufferId.base64_data) {
      if (this.b64Len < 0) return false;
      this.buf = this.b64;
      this.bufOff = 0;
      this.bufLen = this.b64Len;
      return true;
    }
    const v = this.provider === null ? null : this.provider.getBuffer(id, field);
    if (v === null) return false;
    this.buf = v.data;
    this.bufOff = v.off;
    this.bufLen = v.len;
    return true;
  }

  /** The current buffer as a latin1 string (one char per byte), built once per buffer per unit. */
  bufferString(): string {
    const b = this.buf;
    const off = this.bufOff;
    const len = this.bufLen;
    const stamp = this.unitStamp;
    for (let i = 0; i < STR_CACHE; i++) {
      if (
        this.strStamp[i] === stamp &&
        this.strBuf[i] === b &&
        this.strOff[i] === off &&
        this.strLen[i] === len
      ) {
        return this.strVal[i]!;
      }
    }
    const s = latin1String(b, off, len);
    const slot = this.strNext;
    this.strNext = (slot + 1) % STR_CACHE;
    this.strBuf[slot] = b;
    this.strOff[slot] = off;
    this.strLen[slot] = len;
    this.strStamp[slot] = b === this.b64 ? -1 : stamp; // base64 scratch changes within a unit
    this.strVal[slot] = s;
    return s;
  }
}

/** Binary-safe latin1 decoding (one char per byte) by Node's native decoder; no copy of the bytes. */
export function latin1String(b: Uint8Array, off: number, len: number): string {
  return Buffer.from(b.buffer, b.byteOffset + off, len).toString('latin1');
}
