import { EMPTY } from '../core/bytes.js';
import { DOUBLE_ZERO } from '../core/double-zero.js';

/** Link types (LINKTYPE_* values of pcap/pcapng). */
export const LinkType = {
  NULL: 0, // BSD loopback, host-order 4-byte family
  ETHERNET: 1,
  RAW: 101, // raw IPv4/IPv6
  LOOP: 108, // OpenBSD loopback, network-order family
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

export const IpProto = {
  HOPOPTS: 0,
  ICMP: 1,
  IGMP: 2,
  IPIP: 4,
  TCP: 6,
  UDP: 17,
  IPV6: 41,
  ROUTING: 43,
  FRAGMENT: 44,
  GRE: 47,
  ESP: 50,
  AH: 51,
  ICMPV6: 58,
  NONE: 59,
  DSTOPTS: 60,
  SCTP: 132,
} as const;

export const TcpFlag = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
} as const;

/** The encapsulations the decoder enters (Zeek's tunnel types). */
export const TunnelKind = {
  NONE: 0,
  /** GRE over IP (protocol 47) or over UDP (port 4754): Zeek's Tunnel::GRE. */
  GRE: 1,
  VXLAN: 2,
  GENEVE: 3,
  /** IPv4 or IPv6 in IP (protocols 4 and 41): Zeek's Tunnel::IP. */
  IP: 4,
} as const;
export type TunnelKindValue = (typeof TunnelKind)[keyof typeof TunnelKind];

/**
 * One decoded packet. A single instance is reused for every packet a decoder fills (no per-packet
 * allocation); consumers that keep anything past the current packet must copy it.
 *
 * Offsets index `data`. Fields of a layer that is absent keep their reset values (-1 offsets, 0 numbers).
 * When tunnels are decoded (VXLAN, Geneve, GRE, IP-in-IP) the L3/L4 fields describe the innermost packet,
 * which is the one inspected; `tunnelDepth` counts the encapsulations passed.
 */
export class Packet {
  // ---- capture ----
  /** 1-based packet number in the capture (rebuilt packets carry the number of the packet that completed them). */
  num = 0;
  tsSec = 0;
  /** Microseconds within tsSec. */
  tsUsec = 0;
  caplen = 0;
  wirelen = 0;
  linktype: number = LinkType.ETHERNET;
  /** Interface index (pcapng IDB order; 0 for pcap). */
  iface = 0;
  data: Uint8Array = EMPTY;
  /** True for packets built by defragmentation (and by stream reassembly in the detector's view). */
  rebuilt = false;

  // ---- link ----
  /** EtherType of the (innermost) L3 payload after VLAN tags; 0 when unknown. */
  etherType = 0;
  vlanIds: number[] = [];

  // ---- IP (innermost) ----
  ipVer: 0 | 4 | 6 = 0;
  ipOff = -1;
  /** IPv4 header length incl. options; IPv6 fixed header plus extension headers before the L4 header. */
  ipHdrLen = 0;
  /** Bytes of the IP datagram present in `data` (min of the header's total length and the capture). */
  ipLen = 0;
  ttl = 0;
  tos = 0;
  ipId = DOUBLE_ZERO;
  /** Fragment offset in bytes. */
  fragOffset = 0;
  mf = false;
  df = false;
  /** The reserved (evil) bit of IPv4. */
  rb = false;
  /** True for an IP fragment (offset > 0 or MF set), before reassembly. */
  isFragment = false;
  /** Final upper-layer protocol number (after IPv6 extension headers). */
  proto = 0;
  /** Addresses in 16 bytes; IPv4 uses bytes 0..3 (and src4/dst4). */
  readonly src = new Uint8Array(16);
  readonly dst = new Uint8Array(16);
  src4 = 0;
  dst4 = 0;
  /** Number of IPv4 options / IPv6 extension headers seen (for ipopts-style checks). */
  ipOptsLen = 0;
  /** IPv4 options present: bit (option type & 31), e.g. 1<<7 RR, 1<<4 TS, 1<<3 LSRR, 1<<9 SSRR (IpOptBit). */
  ipOptMask = 0;

  // ---- L4 ----
  l4Off = -1;
  sport = 0;
  dport = 0;
  tcpFlags = 0;
  seq = DOUBLE_ZERO;
  ack = DOUBLE_ZERO;
  win = 0;
  tcpHdrLen = 0;
  /** TCP options present: bit per kind (kinds 0..31), e.g. 1<<2 MSS, 1<<3 WS, 1<<4 SACKOK, 1<<8 TS. */
  tcpOptMask = 0;
  /** Window scale shift from the WS option, -1 when absent. */
  tcpWscale = -1;
  /** -1 when the packet is not ICMP/ICMPv6. */
  icmpType = -1;
  icmpCode = -1;
  icmpId = 0;
  icmpSeq = 0;

  // ---- payload (of the innermost L4, or of IP for other protocols) ----
  payOff = 0;
  payLen = 0;

  // ---- tunnels ----
  tunnelDepth = 0;
  /** In an outer layer (`outer[i]`): the kind of tunnel it carries. */
  tunnelKind: TunnelKindValue = TunnelKind.NONE;
  /**
   * The layers outside each tunnel entered: `outer[i]` is this packet as it was decoded up to the i-th
   * encapsulation (its addresses, ports and lengths), valid for i < tunnelDepth. Made on first use.
   */
  readonly outer: Packet[] = [];

  /** Keep the layers decoded so far as `outer[tunnelDepth]`, before the decoder enters a tunnel of `kind`. */
  saveOuter(kind: TunnelKindValue): void {
    const o = (this.outer[this.tunnelDepth] ??= new Packet());
    o.num = this.num;
    o.tsSec = this.tsSec;
    o.tsUsec = this.tsUsec;
    o.caplen = this.caplen;
    o.wirelen = this.wirelen;
    o.linktype = this.linktype;
    o.iface = this.iface;
    o.data = this.data;
    o.rebuilt = this.rebuilt;
    o.etherType = this.etherType;
    o.ipVer = this.ipVer;
    o.ipOff = this.ipOff;
    o.ipHdrLen = this.ipHdrLen;
    o.ipLen = this.ipLen;
    o.ttl = this.ttl;
    o.tos = this.tos;
    o.ipId = this.ipId;
    o.fragOffset = this.fragOffset;
    o.mf = this.mf;
    o.df = this.df;
    o.rb = this.rb;
    o.isFragment = this.isFragment;
    o.proto = this.proto;
    o.src.set(this.src);
    o.dst.set(this.dst);
    o.src4 = this.src4;
    o.dst4 = this.dst4;
    o.ipOptsLen = this.ipOptsLen;
    o.ipOptMask = this.ipOptMask;
    o.l4Off = this.l4Off;
    o.sport = this.sport;
    o.dport = this.dport;
    o.tcpFlags = this.tcpFlags;
    o.seq = this.seq;
    o.ack = this.ack;
    o.win = this.win;
    o.tcpHdrLen = this.tcpHdrLen;
    o.tcpOptMask = this.tcpOptMask;
    o.tcpWscale = this.tcpWscale;
    o.icmpType = this.icmpType;
    o.icmpCode = this.icmpCode;
    o.icmpId = this.icmpId;
    o.icmpSeq = this.icmpSeq;
    o.payOff = this.payOff;
    o.payLen = this.payLen;
    o.tunnelDepth = this.tunnelDepth;
    o.tunnelKind = kind;
  }

  /** Reset every field a decoder sets; called by the decoder before filling. */
  reset(): void {
    this.rebuilt = false;
    this.etherType = 0;
    if (this.vlanIds.length) this.vlanIds.length = 0;
    this.ipVer = 0;
    this.ipOff = -1;
    this.ipHdrLen = 0;
    this.ipLen = 0;
    this.ttl = 0;
    this.tos = 0;
    this.ipId = 0;
    this.fragOffset = 0;
    this.mf = false;
    this.df = false;
    this.rb = false;
    this.isFragment = false;
    this.proto = 0;
    this.src4 = 0;
    this.dst4 = 0;
    this.ipOptsLen = 0;
    this.ipOptMask = 0;
    this.l4Off = -1;
    this.sport = 0;
    this.dport = 0;
    this.tcpFlags = 0;
    this.seq = 0;
    this.ack = 0;
    this.win = 0;
    this.tcpHdrLen = 0;
    this.tcpOptMask = 0;
    this.tcpWscale = -1;
    this.icmpType = -1;
    this.icmpCode = -1;
    this.icmpId = 0;
    this.icmpSeq = 0;
    this.payOff = 0;
    this.payLen = 0;
    this.tunnelDepth = 0;
  }
}

/** One record read from a capture file, before decoding. `data` may be a view into a reader buffer. */
export interface CaptureRecord {
  tsSec: number;
  tsUsec: number;
  caplen: number;
  wirelen: number;
  linktype: number;
  iface: number;
  data: Uint8Array;
  /** Byte offset of the record in the file (for error messages). */
  offset: number;
}
