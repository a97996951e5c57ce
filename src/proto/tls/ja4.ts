import { digest } from '../../core/digest.js';
import { Ext, type ClientHello, type ServerHello } from './hello.js';
import { isGrease } from './names.js';

/** JA4 / JA4S (FoxIO's JA4+ specification), for TLS over TCP. */

function versionCode(v: number): string {
  switch (v) {
    case 0x0304:
      return '13';
    case 0x0303:
      return '12';
    case 0x0302:
      return '11';
    case 0x0301:
      return '10';
    case 0x0300:
      return 's3';
    case 0x0002:
      return 's2';
    case 0xfeff:
      return 'd1';
    case 0xfefd:
      return 'd2';
    case 0xfefc:
      return 'd3';
  }
  return '00';
}

const hex4 = (v: number) => v.toString(16).padStart(4, '0');
const count2 = (n: number) => String(Math.min(n, 99)).padStart(2, '0');

function sha12(s: string): string {
  return s === '' ? '000000000000' : digest('sha256', s, 'hex').slice(0, 12);
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** First and last character of the first ALPN value; their hex digits when not alphanumeric; '00' if none. */
function alpnCode(alpn: string[]): string {
  const a = alpn[0];
  if (a === undefined || a === '') return '00';
  const first = a.charCodeAt(0);
  const last = a.charCodeAt(a.length - 1);
  if (isAlnum(first) && isAlnum(last)) return a[0]! + a[a.length - 1]!;
  let h = '';
  for (let i = 0; i < a.length; i++) h += a.charCodeAt(i).toString(16).padStart(2, '0');
  return h[0]! + h[h.length - 1]!;
}

export function ja4(ch: ClientHello): string {
  const versions = ch.supportedVersions.filter((v) => !isGrease(v));
  const version = versions.length > 0 ? Math.max(...versions) : ch.version;
  const ciphers = ch.ciphers.filter((c) => !isGrease(c));
  const exts = ch.extensions.map((e) => e.type).filter((t) => !isGrease(t));
  const sni = ch.extensions.some((e) => e.type === Ext.SERVER_NAME) ? 'd' : 'i';
  const a = `t${versionCode(version)}${sni}${count2(ciphers.length)}${count2(exts.length)}${alpnCode(ch.alpn)}`;
  const b = sha12(ciphers.map(hex4).sort().join(','));
  const extForHash = exts
    .filter((t) => t !== Ext.SERVER_NAME && t !== Ext.ALPN)
    .map(hex4)
    .sort()
    .join(',');
  const sig = ch.sigAlgs
    .filter((s) => !isGrease(s))
    .map(hex4)
    .join(',');
  const c = extForHash === '' ? '000000000000' : sha12(sig === '' ? extForHash : `${extForHash}_${sig}`);
  return `${a}_${b}_${c}`;
}

export function ja4s(sh: ServerHello): string {
  const version = sh.selectedVersion ?? sh.version;
  const exts = sh.extensions.map((e) => e.type);
  const a = `t${versionCode(version)}${count2(exts.length)}${alpnCode(sh.alpn)}`;
  return `${a}_${hex4(sh.cipher)}_${sha12(exts.map(hex4).join(','))}`;
}
