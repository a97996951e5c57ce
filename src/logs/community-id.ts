import { digest } from '../core/digest.js';

const TCP = 6;
const UDP = 17;
const ICMP = 1;
const ICMPV6 = 58;
const SCTP = 132;

/** ICMPv4 message types that have a counterpart (request ↔ reply), per the Community ID spec. */
const ICMP4_PAIRS = new Map<number, number>([
  [8, 0], // echo ↔ echo reply
  [0, 8],
  [13, 14], // timestamp
  [14, 13],
  [15, 16], // information
  [16, 15],
  [10, 9], // router solicitation → advertisement (one direction only, as in the spec)
  [17, 18], // address mask
  [18, 17],
]);

const ICMP6_PAIRS = new Map<number, number>([
  [128, 129], // echo
  [129, 128],
  [133, 134], // router solicitation / advertisement
  [134, 133],
  [135, 136], // neighbor solicitation / advertisement
  [136, 135],
  [130, 131], // MLD query / report
  [131, 130],
  [139, 140], // node information query / reply ("who are you")
  [140, 139],
  [144, 145], // home agent address discovery
  [145, 144],
]);

/**
 * ICMP "ports" as Zeek and the Community ID spec derive them: source = type; destination = the type of the
 * counterpart message, or the code when the message has none (then the flow is one-way).
 */
export function icmpPorts(proto: number, type: number, code: number): [number, number, boolean] {
  const peer = (proto === ICMPV6 ? ICMP6_PAIRS : ICMP4_PAIRS).get(type);
  return peer === undefined ? [type, code, true] : [type, peer, false];
}

function hasPorts(proto: number): boolean {
  return proto === TCP || proto === UDP || proto === SCTP || proto === ICMP || proto === ICMPV6;
}

/** a < b over the first `n` bytes. */
function addrLess(a: Uint8Array, b: Uint8Array, n: number): number {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

const buf = Buffer.alloc(40);

/**
 * Community ID v1 of a flow (https://github.com/corelight/community-id-spec): `1:` + base64(SHA-1(seed,
 * saddr, daddr, proto, 0, sport, dport)) over the endpoint-ordered tuple. For ICMP/ICMPv6 pass the type as
 * `sport` and the code as `dport`; they are mapped to port equivalents here. Addresses are 16-byte arrays
 * with IPv4 in bytes 0..3 (Packet's layout).
 */
export function communityId(
  ipVer: 4 | 6,
  proto: number,
  src: Uint8Array,
  dst: Uint8Array,
  sport: number,
  dport: number,
  seed = 0,
): string {
  const alen = ipVer === 4 ? 4 : 16;
  let p1 = sport;
  let p2 = dport;
  let oneWay = false;
  if (proto === ICMP || proto === ICMPV6) [p1, p2, oneWay] = icmpPorts(proto, sport, dport);
  const ports = hasPorts(proto);
  const c = addrLess(src, dst, alen);
  const keep = oneWay || c < 0 || (c === 0 && (!ports || p1 <= p2));
  const a = keep ? src : dst;
  const b = keep ? dst : src;
  let o = buf.writeUInt16BE(seed & 0xffff, 0);
  buf.set(a.subarray(0, alen), o);
  o += alen;
  buf.set(b.subarray(0, alen), o);
  o += alen;
  buf[o++] = proto & 0xff;
  buf[o++] = 0;
  if (ports) {
    o = buf.writeUInt16BE((keep ? p1 : p2) & 0xffff, o);
    o = buf.writeUInt16BE((keep ? p2 : p1) & 0xffff, o);
  }
  return `1:${digest('sha1', buf.subarray(0, o), 'base64')}`;
}
