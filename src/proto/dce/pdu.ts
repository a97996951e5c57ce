import { u16be, u16le, u32be, u32le } from '../../core/bytes.js';

/**
 * DCE/RPC connection-oriented PDUs (C706 chapter 12, MS-RPCE 2.2.2): the 16-byte common header and the
 * bodies the inspector reads. Every read is bounds-checked against the PDU's end; a short body gives null.
 */

export const HEADER_LEN = 16;

/** PDU types Vigil reads (C706 12.6.4). */
export const DcePtype = {
  request: 0,
  response: 2,
  fault: 3,
  bind: 11,
  bind_ack: 12,
  bind_nak: 13,
  alter_context: 14,
  alter_context_resp: 15,
} as const;

export const PFC_FIRST_FRAG = 0x01;
export const PFC_LAST_FRAG = 0x02;
export const PFC_OBJECT_UUID = 0x80;

/** The common header. `little` comes from the data representation label (drep[0] bit 4). */
export interface DceHeader {
  minor: number;
  ptype: number;
  flags: number;
  little: boolean;
  fragLen: number;
  authLen: number;
  callId: number;
}

export function newHeader(): DceHeader {
  return { minor: 0, ptype: 0, flags: 0, little: true, fragLen: 0, authLen: 0, callId: 0 };
}

/** Fill `h` from the header at `off`; false when fewer than 16 bytes or not version 5.0/5.1. */
export function readHeader(b: Uint8Array, off: number, end: number, h: DceHeader): boolean {
  if (end - off < HEADER_LEN || b[off] !== 5 || b[off + 1]! > 1) return false;
  h.minor = b[off + 1]!;
  h.ptype = b[off + 2]!;
  h.flags = b[off + 3]!;
  h.little = (b[off + 4]! & 0x10) !== 0;
  h.fragLen = h.little ? u16le(b, off + 8) : u16be(b, off + 8);
  h.authLen = h.little ? u16le(b, off + 10) : u16be(b, off + 10);
  h.callId = h.little ? u32le(b, off + 12) : u32be(b, off + 12);
  return true;
}

export function u16(b: Uint8Array, o: number, little: boolean): number {
  return little ? u16le(b, o) : u16be(b, o);
}

/** A UUID in its text form; the first three fields follow the PDU's byte order (C706 appendix A). */
export function uuidAt(b: Uint8Array, o: number, little: boolean): string {
  const x = (i: number): string => b[o + i]!.toString(16).padStart(2, '0');
  const f1 = little ? x(3) + x(2) + x(1) + x(0) : x(0) + x(1) + x(2) + x(3);
  const f2 = little ? x(5) + x(4) : x(4) + x(5);
  const f3 = little ? x(7) + x(6) : x(6) + x(7);
  return `${f1}-${f2}-${f3}-${x(8)}${x(9)}-${x(10)}${x(11)}${x(12)}${x(13)}${x(14)}${x(15)}`;
}

/** End of the stub: the fragment minus the auth verifier and its 8-byte sec_trailer (C706 12.6.3). */
export function bodyEnd(h: DceHeader, off: number): number {
  const auth = h.authLen > 0 ? h.authLen + 8 : 0;
  return off + Math.max(HEADER_LEN, h.fragLen - auth);
}

/** Request (ptype 0) or response (ptype 2) fields; `stubOff`/`stubEnd` are absolute offsets. */
export interface CallBody {
  ctxId: number;
  opnum: number;
  stubOff: number;
  stubEnd: number;
}

/** Read a request or response body of the PDU at `off` (whose fragment fits in the buffer). */
export function readCall(b: Uint8Array, off: number, h: DceHeader, out: CallBody): boolean {
  const end = bodyEnd(h, off);
  let p = off + HEADER_LEN + 8;
  if (h.ptype === DcePtype.request && (h.flags & PFC_OBJECT_UUID) !== 0) p += 16;
  if (p > end) return false;
  out.ctxId = u16(b, off + 20, h.little);
  out.opnum = h.ptype === DcePtype.request ? u16(b, off + 22, h.little) : -1;
  out.stubOff = p;
  out.stubEnd = end;
  return true;
}

/** One presentation context of a bind / alter_context: id → abstract syntax (interface) and major version. */
export interface ContextItem {
  ctxId: number;
  uuid: string;
  version: number;
}

/** At most this many context items are read from one bind (each takes ≥ 44 bytes of a ≤ 64 KiB PDU). */
const MAX_ITEMS = 64;

/** Context items of a bind or alter_context PDU; null when the body is truncated. */
export function readBind(b: Uint8Array, off: number, h: DceHeader): ContextItem[] | null {
  const end = off + h.fragLen;
  if (off + 28 > end) return null;
  const n = b[off + 24]!;
  const items: ContextItem[] = [];
  let p = off + 28;
  for (let i = 0; i < n && i < MAX_ITEMS; i++) {
    if (p + 24 > end) return null;
    const ctxId = u16(b, p, h.little);
    const nSyntax = b[p + 2]!;
    items.push({ ctxId, uuid: uuidAt(b, p + 4, h.little), version: u16(b, p + 20, h.little) });
    p += 24 + 20 * nSyntax;
  }
  return items;
}

/** Results of a bind_ack / alter_context_resp: true for each accepted context; null when truncated. */
export function readBindAck(b: Uint8Array, off: number, h: DceHeader): boolean[] | null {
  const end = off + h.fragLen;
  if (off + 26 > end) return null;
  const secLen = u16(b, off + 24, h.little);
  // The secondary address is followed by padding to a 4-byte boundary of the PDU.
  let p = off + 26 + secLen;
  p = off + ((p - off + 3) & ~3);
  if (p + 4 > end) return null;
  const n = b[p]!;
  p += 4;
  const out: boolean[] = [];
  for (let i = 0; i < n && i < MAX_ITEMS; i++) {
    if (p + 24 > end) return null;
    out.push(u16(b, p, h.little) === 0);
    p += 24;
  }
  return out;
}

/** A plausible CO header at the start of a stream (service identification). */
export function looksLikeDce(b: Uint8Array | null): boolean {
  if (b === null || b.length < HEADER_LEN) return false;
  if (b[0] !== 5 || b[1]! > 1 || b[2]! > 19) return false;
  const d = b[4]!;
  // drep: integer order in bits 4-7 (0 big, 1 little), character set in bits 0-3, float format in byte 1.
  if ((d & 0xe0) !== 0 || (d & 0x0f) > 1 || b[5]! > 3) return false;
  const len = (d & 0x10) !== 0 ? u16le(b, 8) : u16be(b, 8);
  return len >= HEADER_LEN;
}
