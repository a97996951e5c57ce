import type { LogScalar } from '../types.js';

const HEX = '0123456789abcdef';

function hexEscape(c: number): string {
  return `\\x${HEX[(c >> 4) & 15]}${HEX[c & 15]}`;
}

/** Characters a TSV value must escape: tab always, ',' inside sets and vectors, and control characters. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEEDS_ESCAPE = /[\x00-\x1f\x7f]/;
// eslint-disable-next-line no-control-regex -- as above
const NEEDS_ESCAPE_IN_SET = /[\x00-\x1f\x7f,]/;

/**
 * Escape text as Zeek's ASCII writer does: the separator (tab) and, inside containers, the set separator
 * become `\x09` / `\x2c`; other control characters become `\xNN`. Printable text, including non-ASCII
 * characters, is written as is (UTF-8).
 */
export function escapeText(s: string, inSet: boolean): string {
  if (!(inSet ? NEEDS_ESCAPE_IN_SET : NEEDS_ESCAPE).test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || (inSet && c === 0x2c)) out += hexEscape(c);
    else out += s[i];
  }
  return out;
}

/** Length of a valid UTF-8 sequence starting at `i`, or 0. Overlongs and surrogates are invalid. */
function utf8SeqLen(b: Uint8Array, i: number): number {
  const c = b[i]!;
  const cont = (k: number) => i + k < b.length && (b[i + k]! & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const c1 = b[i + 1]!;
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 >= 0xa0)) return 0;
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const c1 = b[i + 1]!;
    if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

const utf8 = new TextDecoder('utf-8');

/**
 * Raw protocol bytes as log text: valid UTF-8 is kept, every byte that is not part of a valid sequence
 * becomes `\xNN` (Zeek's rendering of binary data in logs).
 */
export function bytesText(b: Uint8Array): string {
  let out = '';
  let run = 0;
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = utf8SeqLen(b, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += utf8.decode(b.subarray(run, i)) + hexEscape(c);
    i++;
    run = i;
  }
  return run === 0 ? utf8.decode(b) : out + utf8.decode(b.subarray(run));
}

export function scalarText(v: LogScalar): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return bytesText(v);
  return String(v);
}

/** Zeek's `%Y-%m-%d-%H-%M-%S` header timestamp, in UTC. */
export function headerTime(d: Date): string {
  const p = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return (
    `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}-` +
    `${p(d.getUTCHours())}-${p(d.getUTCMinutes())}-${p(d.getUTCSeconds())}`
  );
}

/** A double as Zeek renders one (ODesc::Add): at most 6 decimals, trailing zeros dropped, `.0` on integers. */
export function doubleText(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  let s = v.toFixed(6);
  s = s.replace(/\.?0+$/, '');
  return Number.isInteger(Number(s)) ? `${s}.0` : s;
}
