import type { EventCounts } from '../core/counters.js';
import type { CaptureRecord, Packet, TunnelKindValue } from './packet.js';
import type { Codec } from './codecs/codec.js';
import { ETHERTYPE_CODECS, IP_PROTO_CODECS, LINK_CODECS, UDP_PORT_CODECS } from './codecs/registry.js';

export interface DecoderOptions {
  /** Verify IPv4 header checksums (count `ipv4_bad_checksum`; the packet is still decoded). Default false. */
  verifyIpv4Checksum?: boolean;
  /** Decapsulate VXLAN, Geneve, GRE, GRE-over-UDP, IP-in-IP. Default true. */
  tunnels?: boolean;
  /** Most encapsulations passed before the payload is inspected as is. Default 4. */
  maxTunnelDepth?: number;
}

/**
 * Fills a reused `Packet` from a capture record. Codecs (one file each under codecs/, registered in
 * codecs/registry.ts) call back into the dispatch methods here. Malformed input never throws: a named
 * event is counted and decode returns false.
 */
export class Decoder {
  readonly events: EventCounts;
  readonly verifyIpv4Checksum: boolean;
  readonly maxTunnelDepth: number;
  private readonly linkTable: (Codec | null)[] = [];
  private readonly protoTable: (Codec | null)[] = new Array<Codec | null>(256).fill(null);
  private readonly etherTable = new Map<number, Codec>();
  private readonly udpPortTable = new Map<number, Codec>();
  /** Tunnels may be entered while pkt.tunnelDepth < depthLimit (lowered to retry after a bad inner packet). */
  private depthLimit = 0;
  /** Tunnel depth at which the innermost failing decapsulation was entered, -1 when none failed. */
  private failedAt = -1;

  constructor(events: EventCounts, opts: DecoderOptions = {}) {
    this.events = events;
    this.verifyIpv4Checksum = opts.verifyIpv4Checksum ?? false;
    this.maxTunnelDepth = opts.tunnels === false ? 0 : (opts.maxTunnelDepth ?? 4);
    for (const [lt, c] of Object.entries(LINK_CODECS)) this.linkTable[Number(lt)] = c;
    for (const [p, c] of Object.entries(IP_PROTO_CODECS)) this.protoTable[Number(p)] = c;
    for (const [t, c] of Object.entries(ETHERTYPE_CODECS)) this.etherTable.set(Number(t), c);
    for (const [port, c] of Object.entries(UDP_PORT_CODECS)) this.udpPortTable.set(Number(port), c);
  }

  /** Reset and fill `pkt` from `rec`; true when an IP packet was decoded. */
  decode(rec: CaptureRecord, num: number, pkt: Packet): boolean {
    pkt.reset();
    pkt.num = num;
    pkt.tsSec = rec.tsSec;
    pkt.tsUsec = rec.tsUsec;
    pkt.caplen = rec.caplen;
    pkt.wirelen = rec.wirelen;
    pkt.linktype = rec.linktype;
    pkt.iface = rec.iface;
    pkt.data = rec.data;
    const codec = rec.linktype < this.linkTable.length ? this.linkTable[rec.linktype] : undefined;
    if (codec === undefined || codec === null) return this.fail('unknown_linktype');
    this.depthLimit = this.maxTunnelDepth;
    for (;;) {
      this.failedAt = -1;
      if (codec.decode(this, pkt, 0, rec.data.length)) return true;
      if (this.failedAt < 0) return false;
      // A tunnel's inner packet was malformed: inspect the packet as the layers outside that tunnel.
      this.depthLimit = this.failedAt;
      pkt.reset();
    }
  }

  /** Decode a raw IP datagram at data[off, off+len) into `pkt` (capture fields and `rebuilt` are kept). */
  decodeIp(pkt: Packet, data: Uint8Array, off: number, len: number): boolean {
    const rebuilt = pkt.rebuilt;
    pkt.reset();
    pkt.rebuilt = rebuilt;
    pkt.data = data;
    const end = Math.min(off + len, data.length);
    this.depthLimit = this.maxTunnelDepth;
    for (;;) {
      this.failedAt = -1;
      if (this.decodeIpAt(pkt, off, end)) return true;
      if (this.failedAt < 0) return false;
      this.depthLimit = this.failedAt;
      pkt.reset();
      pkt.rebuilt = rebuilt;
    }
  }

  /** Count `event` and return false (the shape every codec failure takes). */
  fail(event: string): false {
    this.events.add(event);
    return false;
  }

  /** Dispatch on an EtherType (also GRE/Geneve protocol types). */
  decodeEther(pkt: Packet, type: number, off: number, end: number): boolean {
    pkt.etherType = type;
    const codec = this.etherTable.get(type);
    if (codec === undefined) return this.fail(type < 0x600 ? 'eth_llc_other' : 'non_ip');
    return codec.decode(this, pkt, off, end);
  }

  /** Dispatch on the IP version nibble. */
  decodeIpAt(pkt: Packet, off: number, end: number): boolean {
    if (off >= end) return this.fail('ip_truncated');
    const ver = pkt.data[off]! >> 4;
    if (ver === 4) return this.decodeEther(pkt, 0x0800, off, end);
    if (ver === 6) return this.decodeEther(pkt, 0x86dd, off, end);
    return this.fail('ip_bad_version');
  }

  /**
   * Decode what follows the IP headers. Non-first fragments carry no L4 header; first fragments decode
   * the L4 header when it is whole but never enter tunnels (their payload is incomplete).
   */
  decodeIpPayload(pkt: Packet, proto: number, off: number, end: number): boolean {
    pkt.proto = proto;
    pkt.payOff = off;
    pkt.payLen = end - off;
    if (pkt.isFragment) {
      if (pkt.fragOffset !== 0) return true;
      if (proto !== 6 && proto !== 17 && proto !== 1 && proto !== 58) return true;
      const codec = this.protoTable[proto]!;
      if (!codec.decode(this, pkt, off, end)) {
        resetL4(pkt);
        pkt.payOff = off;
        pkt.payLen = end - off;
      }
      return true;
    }
    const codec = this.protoTable[proto];
    if (codec === undefined || codec === null) return true;
    return codec.decode(this, pkt, off, end);
  }

  /** UDP payload: a tunnel when the destination port names one, else plain payload. */
  decodeUdpPayload(pkt: Packet, off: number, end: number): boolean {
    if (pkt.isFragment || this.depthLimit === 0) return true;
    const codec = this.udpPortTable.get(pkt.dport);
    if (codec === undefined) return true;
    return codec.decode(this, pkt, off, end);
  }

  /**
   * Enter a tunnel of `kind` whose inner packet starts at `off`: `inner` is an EtherType (0x6558 for
   * Ethernet). The layers outside it are kept in `pkt.outer` (conn.log's tunnel connections, tunnel.log).
   * Returns true with the outer layers left as they are when the depth bound forbids decapsulation.
   */
  tunnel(pkt: Packet, kind: TunnelKindValue, inner: number, off: number, end: number): boolean {
    const depth = pkt.tunnelDepth;
    if (depth >= this.depthLimit) {
      if (depth >= this.maxTunnelDepth) this.events.add('tunnel_depth_exceeded');
      return true;
    }
    if (!this.etherTable.has(inner)) {
      this.events.add('tunnel_unknown_payload');
      return true;
    }
    pkt.saveOuter(kind);
    pkt.tunnelDepth = depth + 1;
    resetL4(pkt);
    const ok = this.decodeEther(pkt, inner, off, end);
    if (!ok && this.failedAt < 0) this.failedAt = depth;
    return ok;
  }
}

/** Clear the L4 fields an outer layer may have set, before an inner packet is decoded. */
export function resetL4(pkt: Packet): void {
  pkt.l4Off = -1;
  pkt.sport = 0;
  pkt.dport = 0;
  pkt.tcpFlags = 0;
  pkt.seq = 0;
  pkt.ack = 0;
  pkt.win = 0;
  pkt.tcpHdrLen = 0;
  pkt.tcpOptMask = 0;
  pkt.tcpWscale = -1;
  pkt.icmpType = -1;
  pkt.icmpCode = -1;
  pkt.icmpId = 0;
  pkt.icmpSeq = 0;
}
