/** IPv4 CIDR arithmetic on unsigned 32-bit numbers (`0 .. 2^32-1`). */
import { normalize, subtract, type Interval, type IntervalSet } from './intervals.js';

export const IPV4_MAX = 0xffffffff;

export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let v = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    v = v * 256 + n;
  }
  return v;
}

export function formatIpv4(v: number): string {
  return `${Math.floor(v / 0x1000000) % 256}.${Math.floor(v / 0x10000) % 256}.${Math.floor(v / 0x100) % 256}.${v % 256}`;
}

/** `a.b.c.d/n` → the address range it covers (host bits ignored, as Kubernetes does). */
export function parseCidr(text: string): Interval | null {
  const slash = text.indexOf('/');
  const addr = parseIpv4(slash < 0 ? text : text.slice(0, slash));
  const bits = slash < 0 ? 32 : Number(text.slice(slash + 1));
  if (
    addr === null ||
    !Number.isInteger(bits) ||
    bits < 0 ||
    bits > 32 ||
    (slash >= 0 && !/^\d+$/.test(text.slice(slash + 1)))
  )
    return null;
  const size = 2 ** (32 - bits);
  const lo = Math.floor(addr / size) * size;
  return [lo, lo + size - 1];
}

export function isIpv6Cidr(text: string): boolean {
  return text.includes(':');
}

/** An ipBlock: `cidr` minus every `except`. */
export function ipBlockRanges(cidr: Interval, except: readonly Interval[]): IntervalSet {
  return subtract([cidr], normalize(except));
}

/** netpol-analyzer's name for an external peer: `first-last`. */
export function formatRange([lo, hi]: Interval): string {
  return `${formatIpv4(lo)}-${formatIpv4(hi)}`;
}
