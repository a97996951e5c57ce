/**
 * IpSet / PortSet construction from evaluated ranges, and the membership tests detect/ runs per packet:
 * binary search over sorted disjoint ranges, no allocation.
 */
import type { IpSet, PortSet } from './ast.js';
import type { Families } from './netspec.js';
import { MAX4, MAX6, MAXPORT } from './netspec.js';
import { isFull } from './ranges.js';

export const ANY_IP: IpSet = { any: true, v4: [], v6: [] };
export const ANY_PORT: PortSet = { any: true, ranges: [] };

export function toIpSet(v: Families): IpSet {
  const v4 = v[0]!;
  const v6 = v[1]!;
  if (isFull(v4, MAX4) && isFull(v6, MAX6)) return { any: true, v4: [], v6: [] };
  return { any: false, v4: v4.map(Number), v6: v6.map(ip6Bytes) };
}

export function toPortSet(v: Families): PortSet {
  const r = v[0]!;
  if (isFull(r, MAXPORT)) return { any: true, ranges: [] };
  return { any: false, ranges: r.map(Number) };
}

export function ip6Bytes(a: bigint): Uint8Array {
  const b = new Uint8Array(16);
  for (let i = 15; i >= 0; i--) {
    b[i] = Number(a & 0xffn);
    a >>= 8n;
  }
  return b;
}

/** IPv4 membership; `a` is the address as an unsigned (or signed) 32-bit number. */
export function ip4InSet(set: IpSet, a: number): boolean {
  if (set.any) return true;
  a = a >>> 0;
  const r = set.v4;
  let lo = 0;
  let hi = (r.length >> 1) - 1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if (a < r[2 * m]!) hi = m - 1;
    else if (a > r[2 * m + 1]!) lo = m + 1;
    else return true;
  }
  return false;
}

/** Compares 16-byte addresses: negative, zero or positive. */
function cmp16(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 16; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

export function ip6InSet(set: IpSet, addr16: Uint8Array): boolean {
  if (set.any) return true;
  const r = set.v6;
  let lo = 0;
  let hi = (r.length >> 1) - 1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if (cmp16(addr16, r[2 * m]!) < 0) hi = m - 1;
    else if (cmp16(addr16, r[2 * m + 1]!) > 0) lo = m + 1;
    else return true;
  }
  return false;
}

/** Membership of a packet address: IPv4 in bytes 0..3 of `addr16` (Packet.src/dst layout) or IPv6. */
export function ipInSet(set: IpSet, addr16: Uint8Array, ver: 4 | 6): boolean {
  if (set.any) return true;
  if (ver === 4) {
    return ip4InSet(set, ((addr16[0]! << 24) | (addr16[1]! << 16) | (addr16[2]! << 8) | addr16[3]!) >>> 0);
  }
  return ip6InSet(set, addr16);
}

export function portInSet(set: PortSet, port: number): boolean {
  if (set.any) return true;
  const r = set.ranges;
  let lo = 0;
  let hi = (r.length >> 1) - 1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if (port < r[2 * m]!) hi = m - 1;
    else if (port > r[2 * m + 1]!) lo = m + 1;
    else return true;
  }
  return false;
}
