import { concatBytes } from '../../core/bytes.js';
import type { HttpLimits } from './limits.js';

/**
 * URI normalization as Snort 3 http_inspect does it (http_uri_norm.cc): percent decoding (%hh, `%%`,
 * optional %uHHHH), UTF-8 2/3-byte sequences reduced to one byte, one round of double decoding,
 * backslash → slash and plus → space (in every URI component, as Snort does, not only the query), and
 * path simplification (`//`, `/./`, `/../`) in the path only. Code points above 0xFF become 0xFF
 * (Snort without iis_unicode).
 */
export type UriParams = Pick<
  HttpLimits,
  | 'percentU'
  | 'utf8'
  | 'utf8BareByte'
  | 'iisDoubleDecode'
  | 'backslashToSlash'
  | 'plusToSpace'
  | 'simplifyPath'
>;

const HEX = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) t[0x30 + i] = i;
  for (let i = 0; i < 6; i++) {
    t[0x41 + i] = 10 + i;
    t[0x61 + i] = 10 + i;
  }
  return t;
})();

function isPct(b: Uint8Array, k: number, end: number): boolean {
  return k + 2 < end + 0 && HEX[b[k + 1]!]! >= 0 && HEX[b[k + 2]!]! >= 0;
}

function isU(b: Uint8Array, k: number, end: number): boolean {
  if (k + 5 >= end) return false;
  const u = b[k + 1]!;
  if (u !== 0x75 && u !== 0x55) return false;
  for (let i = 2; i <= 5; i++) if (HEX[b[k + i]!]! < 0) return false;
  return true;
}

function uValue(b: Uint8Array, k: number): number {
  return (HEX[b[k + 2]!]! << 12) | (HEX[b[k + 3]!]! << 8) | (HEX[b[k + 4]!]! << 4) | HEX[b[k + 5]!]!;
}

const reduce8 = (v: number): number => (v <= 0xff ? v : 0xff);

/** Percent, UTF-8 and double decoding of b[start, end). */
export function charClean(b: Uint8Array, start: number, end: number, p: UriParams): Uint8Array {
  // Most inputs have nothing to decode: skip the two scratch arrays.
  if (!p.utf8BareByte && b.subarray(start, end).indexOf(0x25) < 0) return b.slice(start, end);
  const out = new Uint8Array(end - start + 1);
  const enc = new Uint8Array(end - start + 1);
  let n = 0;
  let utf8 = false;
  let dbl = false;
  const bare = p.utf8BareByte;
  for (let k = start; k < end; k++) {
    if (!bare) {
      // Bytes up to the next '%' are copied as they are (without bare UTF-8 nothing else decodes).
      let next = b.indexOf(0x25, k);
      if (next < 0 || next > end) next = end;
      if (next > k) {
        out.set(b.subarray(k, next), n);
        n += next - k;
        k = next;
        if (k === end) break;
      }
    }
    const c = b[k]!;
    if (c !== 0x25) {
      if (c >= 0x80 && bare && ((c & 0xe0) === 0xc0 || (c & 0xf0) === 0xe0)) utf8 = true;
      out[n++] = c;
      continue;
    }
    let v: number;
    if (k + 2 < end && HEX[b[k + 1]!]! >= 0 && HEX[b[k + 2]!]! >= 0) {
      v = (HEX[b[k + 1]!]! << 4) | HEX[b[k + 2]!]!;
      enc[n] = 1;
      k += 2;
    } else if (k + 1 < end && b[k + 1] === 0x25) {
      v = 0x25;
      k += 1;
    } else if (p.percentU && isU(b, k, end)) {
      v = reduce8(uValue(b, k));
      enc[n] = 1;
      k += 5;
    } else {
      v = 0x25;
    }
    if ((v & 0xe0) === 0xc0 || (v & 0xf0) === 0xe0) utf8 = true;
    if (v === 0x25) dbl = true;
    out[n++] = v;
  }
  if (p.utf8 && utf8) n = utf8Pass(out, enc, n, p.utf8BareByte);
  if (p.iisDoubleDecode && dbl) n = doubleDecode(out, n, p.percentU);
  return out.subarray(0, n);
}

/** Reduces 2- and 3-byte UTF-8 sequences (percent-encoded, or bare when allowed) to one byte, in place. */
function utf8Pass(b: Uint8Array, enc: Uint8Array, len: number, bare: boolean): number {
  let n = 0;
  const ok = (i: number) => bare || enc[i] === 1;
  for (let k = 0; k < len; k++) {
    const c = b[k]!;
    if (ok(k) && (c & 0xe0) === 0xc0 && k + 1 < len && ok(k + 1) && (b[k + 1]! & 0xc0) === 0x80) {
      b[n++] = reduce8(((c & 0x1f) << 6) | (b[k + 1]! & 0x3f));
      k += 1;
    } else if (
      ok(k) &&
      (c & 0xf0) === 0xe0 &&
      k + 2 < len &&
      ok(k + 1) &&
      (b[k + 1]! & 0xc0) === 0x80 &&
      ok(k + 2) &&
      (b[k + 2]! & 0xc0) === 0x80
    ) {
      b[n++] = reduce8(((c & 0x0f) << 12) | ((b[k + 1]! & 0x3f) << 6) | (b[k + 2]! & 0x3f));
      k += 2;
    } else {
      b[n++] = c;
    }
  }
  return n;
}

/** One more round of %hh (and %u) decoding, in place (IIS double decoding). */
function doubleDecode(b: Uint8Array, len: number, percentU: boolean): number {
  let n = 0;
  for (let k = 0; k < len; k++) {
    const c = b[k]!;
    if (c === 0x25 && isPct(b, k, len)) {
      b[n++] = (HEX[b[k + 1]!]! << 4) | HEX[b[k + 2]!]!;
      k += 2;
    } else if (c === 0x25 && percentU && isU(b, k, len)) {
      b[n++] = reduce8(uValue(b, k));
      k += 5;
    } else {
      b[n++] = c;
    }
  }
  return n;
}

/** Backslash → slash, plus → space, in place. */
export function substitute(b: Uint8Array, start: number, end: number, p: UriParams): void {
  for (let k = start; k < end; k++) {
    if (b[k] === 0x5c && p.backslashToSlash) b[k] = 0x2f;
    else if (b[k] === 0x2b && p.plusToSpace) b[k] = 0x20;
  }
}

/**
 * Squeezes `//`, removes `/./` and resolves `/../` in place in b[start, start+len) (b[start] is '/');
 * returns the new length. Like Snort, `..` above the root is kept, so the result may be one byte
 * longer than the input: b needs one spare byte.
 */
export function pathClean(b: Uint8Array, start: number, len: number): number {
  let n = 0;
  const at = (i: number) => b[start + i]!;
  for (let k = 0; k <= len; k++) {
    const c = k < len ? at(k) : 0x2f;
    if ((k < len && c !== 0x2f) || k === 0) {
      b[start + n++] = c;
    } else if (k < len && n >= 1 && at(n - 1) === 0x2f) {
      // a slash right after a slash
    } else if (n >= 2 && at(n - 1) === 0x2e && at(n - 2) === 0x2f) {
      n -= 1;
    } else if (n >= 3 && at(n - 1) === 0x2e && at(n - 2) === 0x2e && at(n - 3) === 0x2f) {
      if (n === 3 || (n >= 6 && at(n - 4) === 0x2e && at(n - 5) === 0x2e && at(n - 6) === 0x2f)) {
        b[start + n++] = 0x2f;
      } else {
        for (n -= 3; n > 0 && at(n - 1) !== 0x2f; n--);
      }
    } else if (k < len) {
      b[start + n++] = 0x2f;
    }
  }
  return n;
}

/** Normalizes one component (path when `isPath`) into a fresh array. */
function normPart(b: Uint8Array, s: number, e: number, isPath: boolean, p: UriParams): Uint8Array {
  const clean = charClean(b, s, e, p);
  const out = new Uint8Array(clean.length + 1);
  out.set(clean);
  substitute(out, 0, clean.length, p);
  let n = clean.length;
  if (isPath && p.simplifyPath && n > 0 && out[0] === 0x2f) n = pathClean(out, 0, n);
  return out.subarray(0, n);
}

function indexOf(b: Uint8Array, c: number, s: number, e: number): number {
  for (let i = s; i < e; i++) if (b[i] === c) return i;
  return -1;
}

/**
 * http_uri from the raw request target b[off, off+len): `*` and CONNECT authorities are copied as is;
 * an origin form (`/path?query#frag`) or absolute form (`scheme://host:port/path…`) is split and each
 * piece normalized; anything else is malformed and copied unnormalized (Snort does not normalize it).
 */
export function normalizeUri(
  b: Uint8Array,
  off: number,
  len: number,
  isConnect: boolean,
  p: UriParams,
): Uint8Array {
  const end = off + len;
  if (len === 0 || isConnect || (len === 1 && b[off] === 0x2a)) return b.slice(off, end);
  let pathStart = off;
  let prefixEnd = off;
  if (b[off] !== 0x2f) {
    const colon = indexOf(b, 0x3a, off, end);
    const slash = colon < 0 ? -1 : indexOf(b, 0x2f, colon + 3, end);
    if (colon < 0 || slash < 0 || b[colon + 1] !== 0x2f || b[colon + 2] !== 0x2f) return b.slice(off, end);
    pathStart = slash;
    prefixEnd = slash;
  }
  let pathEnd = pathStart;
  while (pathEnd < end && b[pathEnd] !== 0x3f && b[pathEnd] !== 0x23) pathEnd++;
  const parts: Uint8Array[] = [];
  if (prefixEnd > off) parts.push(normAuthority(b, off, prefixEnd, p));
  parts.push(normPart(b, pathStart, pathEnd, true, p));
  if (pathEnd < end) {
    let qEnd = pathEnd;
    if (b[pathEnd] === 0x3f) {
      qEnd = indexOf(b, 0x23, pathEnd + 1, end);
      if (qEnd < 0) qEnd = end;
      parts.push(Uint8Array.of(0x3f), normPart(b, pathEnd + 1, qEnd, false, p));
    }
    if (qEnd < end) parts.push(Uint8Array.of(0x23), normPart(b, qEnd + 1, end, false, p));
  }
  return concatBytes(parts);
}

/** `scheme://host:port` with only the host normalized (Snort leaves scheme and port alone). */
function normAuthority(b: Uint8Array, s: number, e: number, p: UriParams): Uint8Array {
  const hostStart = indexOf(b, 0x3a, s, e) + 3;
  let hostEnd = indexOf(b, 0x3a, hostStart, e);
  if (hostEnd < 0) hostEnd = e;
  return concatBytes([
    b.subarray(s, hostStart),
    normPart(b, hostStart, hostEnd, false, p),
    b.subarray(hostEnd, e),
  ]);
}

/**
 * Snort's "classic" normalization for http_header, http_cookie and http_client_body: character
 * decoding over the whole buffer only. Snort 3 calls it with do_path = false for these buffers
 * (http_msg_head_shared.cc, http_msg_body.cc), so no backslash/plus substitution and no path
 * simplification: `Referer: http://host/a/../b` keeps its `//` and `..`.
 */
export function classicNormalize(b: Uint8Array, off: number, len: number, p: UriParams): Uint8Array {
  return charClean(b, off, off + len, p);
}
