import { IpProto, type Packet } from '../packet/packet.js';

/** ICMP key "ports": echo flows are keyed by identifier, other messages by type/code; tags keep them apart. */
const ICMP_ECHO_TAG = 0x20000;
const ICMP_TYPE_TAG = 0x10000;

/**
 * The flow-table key of one packet, filled in place for every packet (no allocation, no strings).
 * Addresses are four 32-bit words each (IPv4 uses w0 only); ports are the TCP/UDP ports or the ICMP
 * key values above, so the same comparison code serves every protocol. Words and the hash are signed
 * 32-bit values: V8 keeps them as small integers, unboxed in the flow records that copy them (as unsigned
 * values above 2^31 they were boxed doubles, 16 bytes each, nine per flow record).
 */
export class FlowKey {
  ipVer: 4 | 6 = 4;
  proto = 0;
  s0 = 0;
  s1 = 0;
  s2 = 0;
  s3 = 0;
  d0 = 0;
  d1 = 0;
  d2 = 0;
  d3 = 0;
  sp = 0;
  dp = 0;
  /** Symmetric: equal for both directions of a flow. */
  hash = 0;
}

function word(a: Uint8Array, o: number): number {
  return (a[o]! << 24) | (a[o + 1]! << 16) | (a[o + 2]! << 8) | a[o + 3]!;
}

function isEcho(ipVer: number, type: number): boolean {
  return ipVer === 4 ? type === 8 || type === 0 : type === 128 || type === 129;
}

function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function endpointHash(w0: number, w1: number, w2: number, w3: number, port: number): number {
  let h = Math.imul(w0 ^ 0x9e3779b1, 0xcc9e2d51);
  h = Math.imul(h ^ w1, 0x1b873593) + w2;
  h = Math.imul(h ^ w3, 0xcc9e2d51) + port;
  return fmix(h);
}

/** Fill `k` from a decoded IP packet; false when the packet has no IP layer. */
export function fillKey(k: FlowKey, pkt: Packet): boolean {
  const v = pkt.ipVer;
  if (v === 0) return false;
  k.ipVer = v;
  const proto = pkt.proto;
  k.proto = proto;
  if (v === 4) {
    k.s0 = pkt.src4 | 0;
    k.d0 = pkt.dst4 | 0;
    k.s1 = k.s2 = k.s3 = k.d1 = k.d2 = k.d3 = 0;
  } else {
    const s = pkt.src;
    const d = pkt.dst;
    k.s0 = word(s, 0);
    k.s1 = word(s, 4);
    k.s2 = word(s, 8);
    k.s3 = word(s, 12);
    k.d0 = word(d, 0);
    k.d1 = word(d, 4);
    k.d2 = word(d, 8);
    k.d3 = word(d, 12);
  }
  if (proto === IpProto.TCP || proto === IpProto.UDP || proto === IpProto.SCTP) {
    k.sp = pkt.sport;
    k.dp = pkt.dport;
  } else if ((proto === IpProto.ICMP || proto === IpProto.ICMPV6) && pkt.icmpType >= 0) {
    const p = isEcho(v, pkt.icmpType)
      ? ICMP_ECHO_TAG | pkt.icmpId
      : ICMP_TYPE_TAG | (pkt.icmpType << 8) | (pkt.icmpCode & 0xff);
    k.sp = p;
    k.dp = p;
  } else {
    k.sp = 0;
    k.dp = 0;
  }
  const a = endpointHash(k.s0, k.s1, k.s2, k.s3, k.sp);
  const b = endpointHash(k.d0, k.d1, k.d2, k.d3, k.dp);
  // min/max makes the combination symmetric without deciding a canonical order first.
  const lo = a < b ? a : b;
  const hi = a < b ? b : a;
  k.hash = fmix(Math.imul(lo, 0x9e3779b1) ^ hi ^ Math.imul(proto + 1, 0x27d4eb2d));
  return true;
}

const scratch = new FlowKey();

/**
 * Symmetric flow hash of a packet (same for both directions; 0 when it has no IP layer). It is the
 * flow table's own hash, so it can shard flows over worker threads.
 */
export function flowHash(pkt: Packet): number {
  return fillKey(scratch, pkt) ? scratch.hash : 0;
}
