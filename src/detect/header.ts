import type { Flow } from '../flow/flow.js';
import type { Packet } from '../packet/packet.js';
import type { IpSet, PortSet, Rule } from '../rules/ast.js';

/** Protocol tables a rule belongs to: 0 tcp, 1 udp, 2 icmp (v4 and v6), 3 any other IP protocol. */
export const PROTO_TABLES = 4;

/** The table of packets that only `ip` rules see (other protocols, fragments). */
export const IP_ONLY_TABLE = 3;

export function protoTable(proto: number): number {
  return proto === 6 ? 0 : proto === 17 ? 1 : proto === 1 || proto === 58 ? 2 : 3;
}

/** Tables a rule applies to: `ip` rules everywhere; service-name (and `file`) rules on TCP and UDP. */
export function ruleTables(rule: Rule): number[] {
  switch (rule.proto) {
    case 'ip':
      return [0, 1, 2, 3];
    case 'tcp':
      return [0];
    case 'udp':
      return [1];
    case 'icmp':
      return [2];
    default:
      return [0, 1];
  }
}

/** Addresses and ports of one unit, oriented by direction for reassembled PDUs. Reused per engine. */
export class UnitHeader {
  ipVer = 0;
  /** The unit's IP protocol: the flow's for reassembled PDUs. */
  proto = 0;
  /** The protocol table whose rules apply (see `protoTable`; fragments not yet rebuilt: IP_ONLY_TABLE). */
  table = 0;
  src4 = 0;
  dst4 = 0;
  src: Uint8Array = new Uint8Array(16);
  dst: Uint8Array = new Uint8Array(16);
  sport = 0;
  dport = 0;
  /** Flow service or null. */
  service: string | null = null;

  fill(pkt: Packet, flow: Flow | null, dir: 0 | 1, rebuilt: boolean): void {
    const proto = rebuilt && flow !== null ? flow.proto : pkt.proto;
    this.proto = proto;
    // A fragment is inspected as an IP packet only (Snort decodes no transport layer in fragments): its
    // transport header, if any, is judged once the datagram is rebuilt.
    this.table = pkt.isFragment && !pkt.rebuilt ? IP_ONLY_TABLE : protoTable(proto);
    this.service = flow === null ? null : flow.service;
    if (rebuilt && flow !== null) {
      // The packet that flushed a PDU may travel the other way: the PDU's endpoints follow `dir`.
      const c = dir === 0;
      this.ipVer = flow.ipVer;
      this.src = c ? flow.clientIp : flow.serverIp;
      this.dst = c ? flow.serverIp : flow.clientIp;
      this.sport = c ? flow.clientPort : flow.serverPort;
      this.dport = c ? flow.serverPort : flow.clientPort;
      this.src4 = flow.ipVer === 4 ? v4(this.src) : 0;
      this.dst4 = flow.ipVer === 4 ? v4(this.dst) : 0;
      return;
    }
    this.ipVer = pkt.ipVer;
    this.src = pkt.src;
    this.dst = pkt.dst;
    this.src4 = pkt.src4 >>> 0;
    this.dst4 = pkt.dst4 >>> 0;
    this.sport = pkt.sport;
    this.dport = pkt.dport;
  }
}

function v4(a: Uint8Array): number {
  return ((a[0]! << 24) | (a[1]! << 16) | (a[2]! << 8) | a[3]!) >>> 0;
}

export function portIn(set: PortSet, port: number): boolean {
  if (set.any) return true;
  const r = set.ranges;
  for (let i = 0; i < r.length; i += 2) {
    if (port < r[i]!) return false;
    if (port <= r[i + 1]!) return true;
  }
  return false;
}

function cmp16(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 16; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

export function ipIn(set: IpSet, ipVer: number, a4: number, a: Uint8Array): boolean {
  if (set.any) return true;
  if (ipVer === 4) {
    const r = set.v4;
    for (let i = 0; i < r.length; i += 2) if (a4 >= r[i]! && a4 <= r[i + 1]!) return true;
    return false;
  }
  if (ipVer === 6) {
    const r = set.v6;
    for (let i = 0; i < r.length; i += 2) if (cmp16(a, r[i]!) >= 0 && cmp16(a, r[i + 1]!) <= 0) return true;
  }
  return false;
}

/**
 * Service semantics (Snort 3.12): a rule with services matches a flow whose service is known only when
 * that service is listed; the header's protocol, addresses and ports are always checked as well (a rule
 * for `$HOME_NET 2301` with `service:http` does not fire on HTTP to port 80 — Snort's own alerts on the
 * benchmark capture show it; `alert http (…)` headers have `any` ports).
 */
export function headerMatches(rule: Rule, h: UnitHeader): boolean {
  if (!tableMatches(rule, h.table)) return false;
  if (h.service !== null && rule.services.length > 0 && !rule.services.includes(h.service)) return false;
  if (oneWay(rule, h.src4, h.src, h.sport, h.dst4, h.dst, h.dport, h.ipVer)) return true;
  return rule.bidirectional && oneWay(rule, h.dst4, h.dst, h.dport, h.src4, h.src, h.sport, h.ipVer);
}

function tableMatches(rule: Rule, t: number): boolean {
  const tables = rule.proto;
  if (tables === 'ip') return true;
  if (tables === 'tcp') return t === 0;
  if (tables === 'udp') return t === 1;
  if (tables === 'icmp') return t === 2;
  return t === 0 || t === 1;
}

function oneWay(
  rule: Rule,
  s4: number,
  s: Uint8Array,
  sp: number,
  d4: number,
  d: Uint8Array,
  dp: number,
  ipVer: number,
): boolean {
  const ports = rule.proto === 'tcp' || rule.proto === 'udp' || rule.services.length > 0;
  if (ports && (!portIn(rule.sport, sp) || !portIn(rule.dport, dp))) return false;
  return ipIn(rule.src, ipVer, s4, s) && ipIn(rule.dst, ipVer, d4, d);
}
