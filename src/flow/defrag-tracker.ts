import type { Packet } from '../packet/packet.js';
import { DOUBLE_ZERO } from '../core/double-zero.js';

/** One fragment's data, by byte offset in the datagram's fragmentable part. */
export interface FragPiece {
  off: number;
  data: Uint8Array;
}

const IPV6_FRAGMENT = 44;
const IPV6_AH = 51;

/** Where a fragment's bytes lie in `pkt.data`, and (IPv6) where its fragment header is. */
export interface FragLayout {
  /** First byte of fragment data. */
  start: number;
  end: number;
  /** IPv6: offset of the fragment header; IPv4: -1. */
  fragHdr: number;
  /** IPv6: offset of the next-header byte that names the fragment header. */
  nhPos: number;
}

/**
 * Locate the fragment data from the IP headers themselves rather than `payOff`: decoders may have
 * moved `payOff` past an L4 header in a first fragment, and in IPv6 the headers after the fragment
 * header belong to the fragmentable part (RFC 8200 §4.5).
 */
export function fragLayout(pkt: Packet, out: FragLayout): boolean {
  const d = pkt.data;
  const ip = pkt.ipOff;
  const end = ip + pkt.ipLen;
  if (ip < 0 || end > d.length) return false;
  out.end = end;
  if (pkt.ipVer === 4) {
    out.start = ip + pkt.ipHdrLen;
    out.fragHdr = -1;
    out.nhPos = ip + 9;
    return pkt.ipHdrLen >= 20 && out.start <= end;
  }
  let nhPos = ip + 6;
  let o = ip + 40;
  for (let n = 0; n < 16 && o + 8 <= end; n++) {
    const nh = d[nhPos]!;
    if (nh === IPV6_FRAGMENT) {
      out.start = o + 8;
      out.fragHdr = o;
      out.nhPos = nhPos;
      return true;
    }
    nhPos = o;
    o += nh === IPV6_AH ? (d[o + 1]! + 2) << 2 : (d[o + 1]! + 1) << 3;
  }
  return false;
}

/** A datagram being rebuilt. Pieces are sorted by offset and never overlap (first arrival wins). */
export class FragTracker {
  hash = DOUBLE_ZERO;
  ipVer: 4 | 6 = 4;
  proto = 0;
  id = DOUBLE_ZERO;
  readonly src = new Uint8Array(16);
  readonly dst = new Uint8Array(16);
  createdSec = 0;
  chainNext: FragTracker | null = null;
  readonly pieces: FragPiece[] = [];
  /** Data bytes held (pieces are disjoint, so the datagram is complete when this equals `end`). */
  bytes = 0;
  /** Length of the fragmentable part, known once the last fragment (MF clear) arrived; -1 before. */
  end = -1;
  /** Unfragmentable headers copied from the offset-0 fragment (IPv6: without the fragment header). */
  hdr: Uint8Array | null = null;
  /** IPv6: position in `hdr` of the next-header byte to rewrite, and its new value. */
  hdrNhPos = 0;
  nextProto = 0;

  matches(hash: number, pkt: Packet): boolean {
    if (this.hash !== hash || this.ipVer !== pkt.ipVer || this.id !== pkt.ipId) return false;
    if (this.ipVer === 4 && this.proto !== pkt.proto) return false;
    for (let i = 0; i < 16; i++) {
      if (this.src[i] !== pkt.src[i] || this.dst[i] !== pkt.dst[i]) return false;
    }
    return true;
  }

  /**
   * Add `data[start..start+len)` at offset `off`, keeping bytes already held. Returns the number of
   * new bytes and sets `overlapped` when any byte was already present.
   */
  add(off: number, data: Uint8Array, start: number, len: number): number {
    const ps = this.pieces;
    const end = off + len;
    let cur = off;
    let added = 0;
    this.overlapped = false;
    let i = 0;
    for (; i < ps.length && cur < end; i++) {
      const p = ps[i]!;
      const a = p.off;
      const b = a + p.data.length;
      if (b <= cur) continue;
      if (a >= end) break;
      this.overlapped = true;
      if (a > cur) {
        ps.splice(i, 0, { off: cur, data: data.slice(start + cur - off, start + a - off) });
        added += a - cur;
        i++;
      }
      cur = b;
    }
    if (cur < end) {
      ps.splice(i, 0, { off: cur, data: data.slice(start + cur - off, start + len) });
      added += end - cur;
    }
    this.bytes += added;
    return added;
  }

  overlapped = false;

  /** Highest byte offset held. */
  maxEnd(): number {
    const last = this.pieces[this.pieces.length - 1];
    return last === undefined ? 0 : last.off + last.data.length;
  }

  /** Drop bytes at or beyond `end` (held before the last fragment said where the datagram ends). */
  truncate(end: number): number {
    const ps = this.pieces;
    let removed = 0;
    while (ps.length > 0) {
      const p = ps[ps.length - 1]!;
      const b = p.off + p.data.length;
      if (b <= end) break;
      if (p.off >= end) {
        ps.pop();
        removed += p.data.length;
      } else {
        removed += b - end;
        p.data = p.data.slice(0, end - p.off);
      }
    }
    this.bytes -= removed;
    return removed;
  }

  complete(): boolean {
    return this.hdr !== null && this.end >= 0 && this.bytes === this.end;
  }

  /** The rebuilt datagram: fresh headers with lengths fixed and no fragmentation left in them. */
  build(): Uint8Array {
    const hdr = this.hdr!;
    const h = hdr.length;
    const out = new Uint8Array(h + this.end);
    out.set(hdr);
    for (const p of this.pieces) out.set(p.data, h + p.off);
    if (this.ipVer === 4) {
      const total = h + this.end;
      out[2] = total >> 8;
      out[3] = total & 0xff;
      out[6]! &= 0x40; // keep DF, clear MF, reserved bit and offset
      out[7] = 0;
      out[10] = out[11] = 0;
      const sum = ipChecksum(out, h);
      out[10] = sum >> 8;
      out[11] = sum & 0xff;
    } else {
      const plen = h - 40 + this.end;
      out[4] = plen >> 8;
      out[5] = plen & 0xff;
      out[this.hdrNhPos] = this.nextProto;
    }
    return out;
  }
}

export function ipChecksum(b: Uint8Array, len: number): number {
  let s = 0;
  for (let i = 0; i + 1 < len; i += 2) s += (b[i]! << 8) | b[i + 1]!;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}
