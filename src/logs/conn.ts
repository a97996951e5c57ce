import type { Dir, Flow } from '../flow/flow.js';
import { IpProto, type Packet } from '../packet/packet.js';
import { ipText } from '../output/addr.js';
import { communityId, icmpPorts } from './community-id.js';
import { tcpConnState, udpConnState } from './conn-state.js';
import { Hist, History } from './history.js';
import { ServerPorts } from './server-ports.js';
import { SubnetSet, ZEEK_LOCAL_NETS } from './site.js';
import { TcpConn, type TcpSeg } from './tcp-conn.js';
import { UidGenerator } from './uid.js';
import type { ConnRecord } from './streams/conn.js';
import type { ConnIdFields } from './types.js';

export type { ConnRecord } from './streams/conn.js';

export interface ConnTrackerOptions {
  /** Seed of the uid generator (same seed and input → same uids). Default 0. */
  uidSeed?: number;
  /** Community ID seed (the spec's default 0). */
  communityIdSeed?: number;
  /** Subnets that are local (`local_orig`, `local_resp`); null leaves both unset. Default: Zeek's. */
  localNets?: readonly string[] | null;
  /** Ports that make the first packet's source the responder (Zeek's likely_server_ports). */
  serverPorts?: { tcp: readonly number[]; udp: readonly number[] };
  /**
   * Receives the record of a connection cut by Zeek's inactivity timeout while its flow lives on (Zeek
   * starts a new connection after 5 min idle for TCP, 1 min otherwise). Without it no cut is made.
   */
  onRecord?: (rec: ConnRecord) => void;
  /** Receives the weirds of Zeek's TCP analysis, while the packet that raised them is processed. */
  onWeird?: (name: string) => void;
}

/** Zeek's inactivity timeouts (tcp_inactivity_timeout, udp_/icmp_inactivity_timeout), microseconds. */
const INACTIVITY_US = { tcp: 300e6, other: 60e6 } as const;

/** What is kept per connection: copies only, since flow records are recycled. */
interface Conn {
  uid: string;
  cid: string;
  proto: ConnRecord['proto'];
  ipProto: number;
  /** Flow direction (0 client→server, 1 back) of Zeek's originator. */
  origDir: Dir;
  origH: string;
  origP: number;
  respH: string;
  respP: number;
  localOrig: boolean | null;
  localResp: boolean | null;
  startUs: number;
  lastUs: number;
  /** Last packet of any kind (inactivity), unlike lastUs which TCP stops after both closes. */
  seenUs: number;
  pkts: [number, number];
  ipBytes: [number, number];
  /** Non-TCP payload bytes per side (orig, resp). */
  size: [number, number];
  hist: History;
  tcp: TcpConn | null;
  /** uids of the tunnels the connection's packets came through (conn.log `tunnel_parents`). */
  parents: string[] | null;
  /**
   * ICMP: Zeek's connection tuple (addresses, type and counterpart type as ports), shared by every flow with
   * that tuple (flow/ keys echo by identifier, Zeek does not); `refs` counts those flows, and the side of a
   * packet is found by its source address (`origAddr`) since the flows may be oriented differently.
   */
  zkey: string | null;
  refs: number;
  origAddr: Uint8Array | null;
  /** Written by the inactivity cut while other flows still referred to it: they open a new one. */
  cut: boolean;
}

/**
 * Connection::FlipRoles: addresses, ports and local flags swap and `^` is added. `counts`: the per-side
 * packet and byte counts swap too (TCP, where Zeek's endpoints and ConnSize analyzer swap theirs).
 */
function flipRoles(c: Conn, counts: boolean): void {
  c.origDir = (1 - c.origDir) as Dir;
  [c.origH, c.respH] = [c.respH, c.origH];
  [c.origP, c.respP] = [c.respP, c.origP];
  [c.localOrig, c.localResp] = [c.localResp, c.localOrig];
  if (counts) {
    c.pkts.reverse();
    c.ipBytes.reverse();
    c.size.reverse();
  }
  c.hist.add('^');
}

/** Multicast responders: a DNS reply first does not flip roles towards them. */
const MULTICAST = new SubnetSet(['224.0.0.0/4', 'ff00::/8']);

const isIcmp = (p: number) => p === IpProto.ICMP || p === IpProto.ICMPV6;

/** 0 when `pkt` comes from the originator, 1 from the responder. */
function sideOf(c: Conn, dir: Dir, pkt: Packet): 0 | 1 {
  const o = c.origAddr;
  if (o === null) return dir === c.origDir ? 0 : 1;
  for (let i = 0; i < o.length; i++) if (pkt.src[i] !== o[i]) return 1;
  return 0;
}

function protoName(p: number): ConnRecord['proto'] {
  if (p === IpProto.TCP) return 'tcp';
  if (p === IpProto.UDP) return 'udp';
  if (p === IpProto.ICMP || p === IpProto.ICMPV6) return 'icmp';
  return 'unknown_transport';
}

/** IP total length from the header (Zeek's num_bytes_ip), falling back to the bytes present. */
function ipTotalLen(pkt: Packet): number {
  const o = pkt.ipOff;
  const d = pkt.data;
  if (o < 0 || o + 6 > d.length) return pkt.ipLen;
  const total = pkt.ipVer === 4 ? (d[o + 2]! << 8) | d[o + 3]! : 40 + ((d[o + 4]! << 8) | d[o + 5]!);
  // A length below the header (0 from segmentation offload, or a jumbogram) is not usable.
  return total < pkt.ipHdrLen || total < 20 ? pkt.ipLen : total;
}

/**
 * conn.log bookkeeping with Zeek's semantics, fed per packet by the pipeline next to the flow engine:
 * `onPacket` for every packet of a flow, `onEnd` when the flow leaves the table (StreamSink.onFlowEnd).
 */
export class ConnTracker {
  private readonly conns = new Map<number, Conn>();
  /** ICMP connections by Zeek's tuple (see Conn.zkey). */
  private readonly icmp = new Map<string, Conn>();
  private readonly uids: UidGenerator;
  private readonly cidSeed: number;
  private readonly local: SubnetSet | null;
  private readonly ports: ServerPorts;
  private readonly onRecord: ((rec: ConnRecord) => void) | undefined;
  private readonly onWeird: (name: string) => void;
  /** Reused per packet. */
  private readonly seg: TcpSeg = { flags: 0, seq: 0, ack: 0, win: 0, wscale: -1, len: 0 };

  constructor(opts: ConnTrackerOptions = {}) {
    this.uids = new UidGenerator(opts.uidSeed ?? 0);
    this.cidSeed = opts.communityIdSeed ?? 0;
    const nets = opts.localNets === undefined ? ZEEK_LOCAL_NETS : opts.localNets;
    this.local = nets === null ? null : new SubnetSet(nets);
    this.ports = new ServerPorts(opts.serverPorts);
    this.onRecord = opts.onRecord;
    this.onWeird = opts.onWeird ?? (() => {});
  }

  /** Connections open now. */
  get active(): number {
    return this.conns.size;
  }

  onPacket(flow: Flow, dir: Dir, pkt: Packet): void {
    const us = pkt.tsSec * 1e6 + pkt.tsUsec;
    let c = this.conns.get(flow.id);
    if (c !== undefined && c.cut) {
      c = undefined;
    } else if (c !== undefined && this.onRecord !== undefined) {
      const limit = c.tcp !== null ? INACTIVITY_US.tcp : INACTIVITY_US.other;
      if (us - c.seenUs > limit) {
        this.onRecord(this.record(c, flow.service));
        // Flows still sharing an ICMP connection that was just written open a new one.
        if (c.zkey !== null) {
          c.cut = true;
          this.forget(c);
        }
        c = undefined;
      }
    }
    if (c === undefined) {
      c = isIcmp(flow.proto) ? this.joinIcmp(flow, dir, pkt, us) : this.open(flow, dir, pkt, us);
      this.conns.set(flow.id, c);
    }
    const side = sideOf(c, dir, pkt);
    const ipLen = ipTotalLen(pkt);
    c.seenUs = us;
    if (c.tcp !== null) {
      const len = Math.max(0, ipLen - pkt.ipHdrLen - pkt.tcpHdrLen);
      const seg = this.seg;
      seg.flags = pkt.tcpFlags;
      seg.seq = pkt.seq;
      seg.ack = pkt.ack;
      seg.win = pkt.win;
      seg.wscale = pkt.tcpWscale;
      seg.len = len;
      c.tcp.packet(side === 0, seg, us);
      // Counted after the TCP analysis with the side it was given, as Zeek's ConnSize analyzer sees the
      // packet: the SYN that flips a connection's roles counts for its old side.
      c.pkts[side]++;
      c.ipBytes[side] += ipLen;
      return;
    }
    c.pkts[side]++;
    c.ipBytes[side] += ipLen;
    c.lastUs = us;
    if (c.ipProto === IpProto.UDP) {
      c.hist.check(side === 0 ? Hist.ORIG_DATA : Hist.RESP_DATA, side === 0 ? 'D' : 'd');
      c.size[side] += udpPayload(pkt, ipLen);
    } else if (c.ipProto === IpProto.ICMP || c.ipProto === IpProto.ICMPV6) {
      // Zeek counts the ICMP message past its 8-byte common header.
      c.size[side] += Math.max(0, ipLen - pkt.ipHdrLen - 8);
    }
  }

  /**
   * A DNS reply was the connection's first message, sent in flow direction `dir`: when that is the
   * originator's, the roles flip (Zeek's DNS_Interpreter::ParseMessage), unless the responder is multicast.
   */
  replyFirst(flow: Flow, dir: Dir): void {
    const c = this.conns.get(flow.id);
    if (c === undefined || c.origAddr !== null || dir !== c.origDir) return;
    const resp = c.origDir === 0 ? flow.serverIp : flow.clientIp;
    if (MULTICAST.has(flow.ipVer, resp)) return;
    if (c.tcp !== null) c.tcp.flipRoles();
    // UDP: Zeek counts the reply that flips for the side it came in on, which is now the originator's
    // (its UDP adapter keeps request/reply lengths, and ConnSize counts after the DNS analyzer ran).
    else flipRoles(c, false);
  }

  /** The connection's uid (for dns/http/ssl records of the same flow), null before its first packet. */
  uidOf(flow: Flow): string | null {
    return this.conns.get(flow.id)?.uid ?? null;
  }

  /** uid, `id.*` (oriented as in conn.log) and Community ID of a flow's connection; `ts` is left 0. */
  idOf(flow: Flow): (ConnIdFields & { community_id: string }) | null {
    const rec: Record<string, unknown> = { ts: 0 };
    return this.setIds(flow, rec) ? (rec as unknown as ConnIdFields & { community_id: string }) : null;
  }

  /** Sets uid, `id.*` and community_id of a flow's connection on a log record; false when it has none. */
  setIds(flow: Flow, rec: Record<string, unknown>): boolean {
    const c = this.conns.get(flow.id);
    if (c === undefined) return false;
    rec['uid'] = c.uid;
    rec['id.orig_h'] = c.origH;
    rec['id.orig_p'] = c.origP;
    rec['id.resp_h'] = c.respH;
    rec['id.resp_p'] = c.respP;
    rec['community_id'] = c.cid;
    return true;
  }

  /** Tunnels (their uids) the flow's current packet came through: the connection's `tunnel_parents`. */
  addParents(flow: Flow, uids: readonly string[]): void {
    const c = this.conns.get(flow.id);
    if (c === undefined || uids.length === 0) return;
    const p = (c.parents ??= []);
    for (const u of uids) if (!p.includes(u)) p.push(u);
  }

  /**
   * The flow ended: its conn.log record (null when no packet of it was seen, or when it shares an ICMP
   * connection that other flows still use: the last one to end writes it).
   */
  onEnd(flow: Flow): ConnRecord | null {
    const c = this.conns.get(flow.id);
    if (c === undefined) return null;
    this.conns.delete(flow.id);
    if (c.cut) return null;
    if (c.zkey !== null) {
      if (--c.refs > 0) return null;
      this.forget(c);
    }
    return this.record(c, flow.service);
  }

  /** An ICMP flow joins the connection of its Zeek tuple, or opens it. */
  private joinIcmp(flow: Flow, dir: Dir, pkt: Packet, us: number): Conn {
    const [p0, p1] = icmpPorts(flow.proto, pkt.icmpType, pkt.icmpCode);
    const n = flow.ipVer === 6 ? 16 : 4;
    const a = `${ipText(flow.ipVer, pkt.src)}/${p0}`;
    const b = `${ipText(flow.ipVer, pkt.dst)}/${p1}`;
    const key = `${flow.proto}|${a < b ? a : b}|${a < b ? b : a}`;
    const had = this.icmp.get(key);
    if (had !== undefined) {
      had.refs++;
      return had;
    }
    const c = this.open(flow, dir, pkt, us);
    const origIsSrc = c.origDir === dir;
    c.zkey = key;
    c.refs = 1;
    c.origAddr = (origIsSrc ? pkt.src : pkt.dst).slice(0, n);
    this.icmp.set(key, c);
    return c;
  }

  /** A shared ICMP connection no longer takes new flows. */
  private forget(c: Conn): void {
    if (this.icmp.get(c.zkey!) === c) this.icmp.delete(c.zkey!);
  }

  private open(flow: Flow, dir: Dir, pkt: Packet, us: number): Conn {
    const proto = flow.proto;
    const flip = this.ports.flip(proto, pkt.sport, pkt.dport, pkt.tcpFlags);
    // The first packet's source is the originator unless Zeek's port heuristic flips it.
    const origDir: Dir = (flip ? 1 - dir : dir) as Dir;
    const origIsClient = origDir === 0;
    const oIp = origIsClient ? flow.clientIp : flow.serverIp;
    const rIp = origIsClient ? flow.serverIp : flow.clientIp;
    let origP = origIsClient ? flow.clientPort : flow.serverPort;
    let respP = origIsClient ? flow.serverPort : flow.clientPort;
    let cid: string;
    if (proto === IpProto.ICMP || proto === IpProto.ICMPV6) {
      [origP, respP] = icmpPorts(proto, pkt.icmpType, pkt.icmpCode);
      cid = communityId(flow.ipVer, proto, pkt.src, pkt.dst, pkt.icmpType, pkt.icmpCode, this.cidSeed);
    } else {
      cid = communityId(flow.ipVer, proto, oIp, rIp, origP, respP, this.cidSeed);
    }
    const hist = new History();
    if (flip) hist.add('^');
    const c: Conn = {
      uid: this.uids.next(),
      cid,
      proto: protoName(proto),
      ipProto: proto,
      origDir,
      origH: ipText(flow.ipVer, oIp),
      origP,
      respH: ipText(flow.ipVer, rIp),
      respP,
      localOrig: this.local === null ? null : this.local.has(flow.ipVer, oIp),
      localResp: this.local === null ? null : this.local.has(flow.ipVer, rIp),
      startUs: us,
      lastUs: us,
      seenUs: us,
      pkts: [0, 0],
      ipBytes: [0, 0],
      size: [0, 0],
      hist,
      tcp: null,
      parents: null,
      zkey: null,
      refs: 1,
      origAddr: null,
      cut: false,
    };
    if (proto === IpProto.TCP) {
      c.tcp = new TcpConn(hist, { weird: this.onWeird, flip: () => flipRoles(c, true) });
    }
    return c;
  }

  private record(c: Conn, service: string | null): ConnRecord {
    const t = c.tcp;
    const lastUs = t !== null ? t.lastUs : c.lastUs;
    const durUs = lastUs - c.startUs;
    let origSize = c.size[0];
    let respSize = c.size[1];
    let state: string;
    if (t !== null) {
      origSize = t.orig.size();
      respSize = t.resp.size();
      const o = { state: t.orig.state, size: origSize };
      const r = { state: t.resp.state, size: respSize };
      state = tcpConnState(o, r, c.hist.text);
    } else if (c.ipProto === IpProto.UDP) {
      state = udpConnState(c.pkts[0] > 0, c.pkts[1] > 0);
    } else {
      state = 'OTH';
    }
    const hasDur = durUs > 0;
    return {
      ts: c.startUs / 1e6,
      uid: c.uid,
      'id.orig_h': c.origH,
      'id.orig_p': c.origP,
      'id.resp_h': c.respH,
      'id.resp_p': c.respP,
      proto: c.proto,
      service: service === null ? null : service.toLowerCase(),
      duration: hasDur ? durUs / 1e6 : null,
      orig_bytes: hasDur ? origSize : null,
      resp_bytes: hasDur ? respSize : null,
      conn_state: state,
      local_orig: c.localOrig,
      local_resp: c.localResp,
      missed_bytes: t !== null ? t.missedBytes : 0,
      history: c.hist.text === '' ? null : c.hist.text,
      orig_pkts: c.pkts[0],
      orig_ip_bytes: c.ipBytes[0],
      resp_pkts: c.pkts[1],
      resp_ip_bytes: c.ipBytes[1],
      tunnel_parents: c.parents,
      ip_proto: c.ipProto,
      community_id: c.cid,
    };
  }
}

/** UDP payload length from the UDP header's length field (Zeek's `ulen` minus the header). */
function udpPayload(pkt: Packet, ipLen: number): number {
  const o = pkt.l4Off;
  const d = pkt.data;
  if (o >= 0 && o + 6 <= d.length) return Math.max(0, ((d[o + 4]! << 8) | d[o + 5]!) - 8);
  return Math.max(0, ipLen - pkt.ipHdrLen - 8);
}
