import { latin1 } from '../../core/bytes.js';
import type { EventCounts } from '../../core/counters.js';

/** Longest name in wire form (RFC 1035 §2.3.4). */
const MAX_NAME_WIRE = 255;

/** Where `readName` leaves its result: the name, and the offset just past it at the starting position. */
export interface NameOut {
  name: string;
  end: number;
}

/**
 * Read a possibly compressed domain name at `pos` of the message `b[msgStart..msgEnd)`. Every compression
 * pointer must point strictly before itself, so following pointers always moves backwards and terminates
 * (a loop is impossible by construction; trying one counts `DNS_label_forward_compress_offset`).
 * Returns false, with a weird counted, on any malformation.
 */
export function readName(
  b: Uint8Array,
  msgStart: number,
  msgEnd: number,
  pos: number,
  events: EventCounts,
  out: NameOut,
): boolean {
  // Labels joined at the end: one flat string (names wait in pending queries, and a name built a character
  // at a time is a chain of string objects the GC copies and promotes).
  const labels = LABELS;
  labels.length = 0;
  let wire = 1;
  let end = -1;
  let p = pos;
  // Labels must end before `limit`: after a jump, before the pointer that led there.
  let limit = msgEnd;
  for (;;) {
    if (p >= limit) {
      events.add('DNS_label_len_gt_pkt');
      return false;
    }
    const len = b[p]!;
    if (len === 0) {
      if (end < 0) end = p + 1;
      break;
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (p + 1 >= limit) {
        events.add('DNS_label_len_gt_pkt');
        return false;
      }
      const target = msgStart + (((len & 0x3f) << 8) | b[p + 1]!);
      if (end < 0) end = p + 2;
      // As Zeek: a pointer must point before itself. Each jump lowers `limit`, so a loop cannot last.
      if (target >= p) {
        events.add('DNS_label_forward_compress_offset');
        return false;
      }
      limit = p;
      p = target;
      continue;
    }
    if (kind !== 0) {
      events.add('DNS_label_too_long');
      return false;
    }
    if (p + 1 + len > limit) {
      events.add('DNS_label_len_gt_pkt');
      return false;
    }
    wire += len + 1;
    if (wire > MAX_NAME_WIRE) {
      events.add('DNS_NAME_too_long');
      return false;
    }
    labels.push(latin1(b, p + 1, p + 1 + len));
    p += len + 1;
  }
  out.name = labels.length === 1 ? labels[0]! : labels.join('.');
  labels.length = 0;
  out.end = end;
  return true;
}

/** Scratch for the labels of the name being read (`readName` does not nest). */
const LABELS: string[] = [];

/** ASCII-only lower case, as Zeek normalizes query names (other bytes unchanged). */
export function lowerAscii(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  }
  return s;
}

/**
 * NetBIOS first-level name decoding (RFC 1001 §14.1): each byte is two letters 'A'+nibble. As Zeek's
 * decode_netbios_name: the name must be exactly 32 letters; the first 15 bytes are kept up to the first
 * one that is not alphanumeric, punctuation or below 3 (so the space padding and suffix byte go).
 * Returns '' when the name is not a valid encoding.
 */
export function decodeNetbiosName(s: string): string {
  if (s.length !== 32) return '';
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 2) {
    const hi = (s.charCodeAt(i) & 0xdf) - 0x41;
    const lo = (s.charCodeAt(i + 1) & 0xdf) - 0x41;
    if (hi < 0 || hi > 15 || lo < 0 || lo > 15) return '';
    bytes.push((hi << 4) | lo);
  }
  let out = '';
  for (let i = 0; i < 15; i++) {
    const c = bytes[i]!;
    const keep = c < 3 || (c > 0x20 && c < 0x7f);
    if (!keep) break;
    out += String.fromCharCode(c);
  }
  return out;
}
