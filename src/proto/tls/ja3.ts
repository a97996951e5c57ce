import { digest } from '../../core/digest.js';
import type { ClientHello, ServerHello } from './hello.js';
import { isGrease } from './names.js';

const noGrease = (v: number[]) => v.filter((x) => !isGrease(x));

/** JA3 string of a ClientHello (Salesforce's definition: decimal values, GREASE removed). */
export function ja3String(ch: ClientHello): string {
  return [
    ch.version,
    noGrease(ch.ciphers).join('-'),
    noGrease(ch.extensions.map((e) => e.type)).join('-'),
    noGrease(ch.groups).join('-'),
    ch.pointFormats.join('-'),
  ].join(',');
}

export function ja3sString(sh: ServerHello): string {
  return [sh.version, sh.cipher, noGrease(sh.extensions.map((e) => e.type)).join('-')].join(',');
}

/** MD5 in hex of an ASCII fingerprint string (JA3 strings are digits, commas and dashes). */
export function md5(s: string): string {
  return digest('md5', s, 'hex');
}

export const ja3 = (ch: ClientHello): string => md5(ja3String(ch));
export const ja3s = (sh: ServerHello): string => md5(ja3sString(sh));
