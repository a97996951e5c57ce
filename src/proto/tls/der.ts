/** A minimal DER reader: enough of X.690 for X.509 certificates. Never throws; null on malformed input. */

export interface Tlv {
  tag: number;
  /** Content span [start, end) and the offset of the next sibling. */
  start: number;
  end: number;
}

export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8: 0x0c,
  PRINTABLE: 0x13,
  T61: 0x14,
  IA5: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  UNIVERSAL: 0x1c,
  BMP: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** The TLV at `p` that must end by `limit`. Only single-byte tags; lengths up to 4 bytes. */
export function tlv(b: Uint8Array, p: number, limit: number): Tlv | null {
  if (p + 2 > limit) return null;
  const tag = b[p]!;
  if ((tag & 0x1f) === 0x1f) return null;
  let len = b[p + 1]!;
  let q = p + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || q + n > limit) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[q + i]!;
    q += n;
  }
  if (q + len > limit) return null;
  return { tag, start: q, end: q + len };
}

/** The children of a constructed TLV, in order (null if any is malformed). */
export function children(b: Uint8Array, t: Tlv): Tlv[] | null {
  const out: Tlv[] = [];
  for (let p = t.start; p < t.end;) {
    const c = tlv(b, p, t.end);
    if (c === null) return null;
    out.push(c);
    p = c.end;
  }
  return out;
}

export function oidText(b: Uint8Array, t: Tlv): string {
  if (t.end <= t.start) return '';
  const first = b[t.start]!;
  const parts: number[] = [
    Math.min(2, Math.floor(first / 40)),
    first - Math.min(2, Math.floor(first / 40)) * 40,
  ];
  let v = 0;
  for (let i = t.start + 1; i < t.end; i++) {
    const c = b[i]!;
    v = v * 128 + (c & 0x7f);
    if ((c & 0x80) === 0) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** UTCTime / GeneralizedTime ("…Z" forms) to seconds since the epoch; null if not understood. */
export function derTime(b: Uint8Array, t: Tlv): number | null {
  let s = '';
  for (let i = t.start; i < t.end; i++) s += String.fromCharCode(b[i]!);
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s);
  if (m === null) return null;
  let year = Number(m[1]);
  if (m[1]!.length === 2) year += year < 50 ? 2000 : 1900;
  const ms = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return ms / 1000;
}
