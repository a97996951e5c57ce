/** An address parsed from text: 16 bytes with IPv4 in bytes 0..3 (Packet's layout). */
export interface ParsedAddr {
  ver: 4 | 6;
  bytes: Uint8Array;
}

function parse4(s: string, out: Uint8Array, at: number): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return false;
    out[at + i] = Number(p);
  }
  return true;
}

function groups(s: string): number[] | null {
  if (s === '') return [];
  const out: number[] = [];
  for (const g of s.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    out.push(parseInt(g, 16));
  }
  return out;
}

function parse6(s: string, out: Uint8Array): boolean {
  let text = s;
  let tail4: Uint8Array | null = null;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tail4 = new Uint8Array(4);
    if (!parse4(text.slice(lastColon + 1), tail4, 0)) return false;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const dbl = text.indexOf('::');
  let words: number[];
  if (dbl < 0) {
    const g = groups(text);
    if (g === null || g.length !== 8) return false;
    words = g;
  } else {
    const head = groups(text.slice(0, dbl));
    const tail = groups(text.slice(dbl + 2));
    if (head === null || tail === null || head.length + tail.length > 7) return false;
    words = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  for (let i = 0; i < 8; i++) {
    out[i * 2] = words[i]! >> 8;
    out[i * 2 + 1] = words[i]! & 0xff;
  }
  if (tail4 !== null) out.set(tail4, 12);
  return true;
}

/** Parse an IPv4 or IPv6 address (brackets allowed around IPv6). */
export function parseAddr(text: string): ParsedAddr | null {
  const s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const bytes = new Uint8Array(16);
  if (s.includes(':')) return parse6(s, bytes) ? { ver: 6, bytes } : null;
  return parse4(s, bytes, 0) ? { ver: 4, bytes } : null;
}

interface Net {
  ver: 4 | 6;
  bytes: Uint8Array;
  prefix: number;
}

/** A set of subnets, tested by linear scan (a few dozen entries, once per connection). */
export class SubnetSet {
  private readonly nets: Net[] = [];

  constructor(cidrs: readonly string[]) {
    for (const c of cidrs) {
      const slash = c.lastIndexOf('/');
      const a = parseAddr(slash < 0 ? c : c.slice(0, slash));
      const max = a?.ver === 4 ? 32 : 128;
      const prefix = slash < 0 ? max : Number(c.slice(slash + 1));
      if (a === null || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
        throw new Error(`invalid subnet ${c}`);
      }
      this.nets.push({ ver: a.ver, bytes: a.bytes, prefix });
    }
  }

  has(ver: 4 | 6, addr: Uint8Array): boolean {
    for (const n of this.nets) if (n.ver === ver && prefixMatch(n.bytes, addr, n.prefix)) return true;
    return false;
  }
}

function prefixMatch(net: Uint8Array, a: Uint8Array, prefix: number): boolean {
  const full = prefix >> 3;
  for (let i = 0; i < full; i++) if (net[i] !== a[i]) return false;
  const rest = prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (net[full]! & mask) === (a[full]! & mask);
}

/**
 * Zeek's default `Site::local_nets`: `Site::private_address_space` (IANA special-purpose blocks that are
 * not globally routable; scripts/base/utils/site.zeek), which Zeek treats as local by default. IPv4
 * multicast (224.0.0.0/4) is added because the reference baselines mark 224.0.0.251/252 local.
 */
export const ZEEK_LOCAL_NETS: readonly string[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '255.255.255.255/32',
  '2002::/24',
  '2002:a00::/24',
  '2002:6440::/26',
  '2002:7f00::/24',
  '2002:a9fe::/32',
  '2002:ac10::/28',
  '2002:c000::/40',
  '2002:c000:200::/40',
  '2002:c0a8::/32',
  '2002:c612::/31',
  '2002:c633:6400::/40',
  '2002:cb00:7100::/40',
  '2002:f000::/20',
  '2002:ffff:ffff::/48',
  '::/128',
  '::1/128',
  '64:ff9b:1::/48',
  '100::/64',
  '2001::/23',
  '2001:2::/48',
  '2001:db8::/32',
  'fc00::/7',
  'fe80::/10',
];
