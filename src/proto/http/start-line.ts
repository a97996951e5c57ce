import { TCHAR } from './methods.js';

/** Offsets of a request line's parts in the head bytes; version absent (HTTP/0.9) = -1. */
export interface RequestLine {
  methodEnd: number;
  uriStart: number;
  uriEnd: number;
  versionStart: number;
  versionEnd: number;
}

export interface StatusLine {
  versionEnd: number;
  code: number;
  codeStart: number;
  msgStart: number;
  msgEnd: number;
}

const isWs = (c: number | undefined) => c === 0x20 || c === 0x09;

function isHttpVersion(b: Uint8Array, s: number, e: number): boolean {
  // "HTTP/" + digits "." digits, case-insensitive name (Snort and servers accept "http/1.1").
  if (e - s < 6) return false;
  const name = String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!).toUpperCase();
  return name === 'HTTP/';
}

/**
 * `METHOD SP request-target [SP HTTP/x.y]`. White space runs count as one separator and the target is
 * everything between the method and the version, so `GET /a b HTTP/1.1` keeps `/a b`. null when the
 * method is not a token or there is no target.
 */
export function parseRequestLine(b: Uint8Array, end: number): RequestLine | null {
  let i = 0;
  while (i < end && TCHAR[b[i]!] === 1) i++;
  const methodEnd = i;
  if (methodEnd === 0 || methodEnd === end || !isWs(b[i])) return null;
  while (i < end && isWs(b[i])) i++;
  const uriStart = i;
  let e = end;
  while (e > uriStart && isWs(b[e - 1])) e--;
  if (e === uriStart) return null;
  let v = e;
  while (v > uriStart && !isWs(b[v - 1])) v--;
  if (v > uriStart && isHttpVersion(b, v, e)) {
    let uriEnd = v;
    while (uriEnd > uriStart && isWs(b[uriEnd - 1])) uriEnd--;
    return { methodEnd, uriStart, uriEnd, versionStart: v, versionEnd: e };
  }
  return { methodEnd, uriStart, uriEnd: e, versionStart: -1, versionEnd: -1 };
}

/** `HTTP/x.y SP 3DIGIT [SP reason]`; null when it is not a status line. */
export function parseStatusLine(b: Uint8Array, end: number): StatusLine | null {
  let i = 0;
  while (i < end && !isWs(b[i])) i++;
  if (!isHttpVersion(b, 0, i)) return null;
  const versionEnd = i;
  while (i < end && isWs(b[i])) i++;
  const codeStart = i;
  let code = 0;
  while (i < end && b[i]! >= 0x30 && b[i]! <= 0x39 && i - codeStart < 3) code = code * 10 + b[i++]! - 0x30;
  if (i - codeStart !== 3 || (i < end && !isWs(b[i]))) return null;
  const codeEnd = i;
  while (i < end && isWs(b[i])) i++;
  let msgEnd = end;
  while (msgEnd > i && isWs(b[msgEnd - 1])) msgEnd--;
  return { versionEnd, code, codeStart, msgStart: i > codeEnd ? i : codeEnd, msgEnd: Math.max(msgEnd, i) };
}

/** "1.1" from "HTTP/1.1". */
export function versionNumber(b: Uint8Array, s: number, e: number): string {
  let r = '';
  for (let i = s + 5; i < e; i++) r += String.fromCharCode(b[i]!);
  return r;
}
