import { EventCounts } from '../core/counters.js';
import { FlowEngine, type FlowConfig } from '../flow/engine.js';
import type { Flow } from '../flow/flow.js';
import { ipText } from '../output/addr.js';
import { IpProto, TunnelKind, type Packet, type TunnelKindValue } from '../packet/packet.js';
import { communityId } from './community-id.js';
import { ConnTracker } from './conn.js';
import type { LogSink } from './log-set.js';
import { UidGenerator } from './uid.js';

const TYPE_NAME: Record<TunnelKindValue, string> = {
  [TunnelKind.NONE]: 'Tunnel::NONE',
  [TunnelKind.GRE]: 'Tunnel::GRE',
  [TunnelKind.VXLAN]: 'Tunnel::VXLAN',
  [TunnelKind.GENEVE]: 'Tunnel::GENEVE',
  [TunnelKind.IP]: 'Tunnel::IP',
};

/** Tunnels that are their UDP connection (Zeek gives that connection the tunnel's service name). */
const UDP_TUNNEL_SERVICE: Partial<Record<TunnelKindValue, string>> = {
  [TunnelKind.VXLAN]: 'vxlan',
  [TunnelKind.GENEVE]: 'geneve',
};

/** Key of the unordered address pair of an IP-level tunnel (IPv4 by its numbers, no text per packet). */
function pairKey(kind: TunnelKindValue, layer: Packet): string {
  if (layer.ipVer === 4) {
    const x = layer.src4 >>> 0;
    const y = layer.dst4 >>> 0;
    return `${kind}|${x < y ? x : y}|${x < y ? y : x}`;
  }
  const a = ipText(6, layer.src);
  const b = ipText(6, layer.dst);
  return `${kind}|${a < b ? a : b}|${a < b ? b : a}`;
}

/**
 * Zeek's view of encapsulation for the logs: the UDP connections that carry tunnels (VXLAN, Geneve, GRE
 * over UDP) are connections of their own in conn.log; each tunnel gets a tunnel.log `Tunnel::DISCOVER`
 * row when first seen (and `Tunnel::CLOSE` when a UDP tunnel's connection ends); an inner connection's
 * `tunnel_parents` are the uids of the tunnels its packets came through. A VXLAN or Geneve tunnel is its
 * UDP connection (same uid); a GRE or IP-in-IP tunnel is the address pair (ports 0), and GRE over UDP is
 * both a UDP connection and, inside it, a GRE tunnel — the GRE tunnel is the parent, as in Zeek.
 */
export class TunnelTracker {
  /** Outer layers have their own flow ids: their conn bookkeeping is kept apart from the inner flows'. */
  private readonly conn: ConnTracker;
  private readonly flows: FlowEngine;
  /** uids of IP-level tunnels (GRE, IP-in-IP) by kind and address pair. */
  private readonly ipTunnels = new Map<string, string>();
  private readonly uids: UidGenerator;
  /** Flow ids of carrier connections whose tunnel.log DISCOVER was written, with the tunnel kind. */
  private readonly announced = new Map<number, TunnelKindValue>();
  private readonly parents: string[] = [];
  /** Capture time of the latest packet (tunnel.log CLOSE rows carry the time the connection was removed). */
  private now = 0;
  private readonly flowSink = { onPdu: () => undefined, onFlowEnd: (f: Flow) => this.onFlowEnd(f) };

  /**
   * `flow`: the same flow timeouts as the inner flows'. Uids come from seeds of their own, offset by
   * `uidSeed` (the inner connections' seed).
   */
  constructor(
    private readonly logs: LogSink,
    flow: Partial<FlowConfig> = {},
    uidSeed = 0,
  ) {
    this.conn = new ConnTracker({ uidSeed: (uidSeed + 0x7e11) >>> 0 });
    this.uids = new UidGenerator((uidSeed + 0x7e12) >>> 0);
    this.flows = new FlowEngine(flow, new EventCounts(), this.flowSink);
  }

  /**
   * Account the outer layers of `pkt` (which came through `pkt.tunnelDepth` tunnels) and return the uids
   * of its tunnels, outermost first. The array is reused by the next call.
   */
  onPacket(pkt: Packet): readonly string[] {
    const parents = this.parents;
    parents.length = 0;
    this.now = pkt.tsSec + pkt.tsUsec / 1e6;
    for (let d = 0; d < pkt.tunnelDepth; d++) {
      const layer = pkt.outer[d]!;
      const kind = layer.tunnelKind;
      const service = UDP_TUNNEL_SERVICE[kind];
      if (layer.proto === IpProto.UDP && !layer.isFragment) {
        const flow = this.flows.process(layer);
        if (flow === null) continue;
        this.conn.onPacket(flow, this.flows.dir, layer);
        if (service !== undefined) {
          flow.service ??= service;
          const uid = this.announce(flow, kind, layer);
          if (uid !== null) parents.push(uid);
          continue;
        }
      }
      if (service === undefined) parents.push(this.ipTunnel(kind, layer));
    }
    return parents;
  }

  /** Once a second of capture time: connections idle past their timeout end. */
  expire(nowSec: number): void {
    this.now = nowSec;
    this.flows.expire(nowSec);
  }

  /** End of input: every carrier connection ends (conn.log rows, tunnel.log CLOSE). */
  finish(): void {
    this.flows.closeAll();
  }

  /** DISCOVER for a UDP tunnel's connection the first time; its uid (the tunnel's). */
  private announce(flow: Flow, kind: TunnelKindValue, layer: Packet): string | null {
    if (!this.announced.has(flow.id)) {
      const id = this.conn.idOf(flow);
      if (id === null) return null;
      this.announced.set(flow.id, kind);
      this.logs.write('tunnel', {
        ...id,
        ts: layer.tsSec + layer.tsUsec / 1e6,
        tunnel_type: TYPE_NAME[kind],
        action: 'Tunnel::DISCOVER',
      });
      return id.uid;
    }
    return this.conn.uidOf(flow);
  }

  /** The GRE or IP-in-IP tunnel between the layer's addresses (either direction): its uid, DISCOVER once. */
  private ipTunnel(kind: TunnelKindValue, layer: Packet): string {
    const ver = layer.ipVer === 6 ? 6 : 4;
    const key = pairKey(kind, layer);
    let uid = this.ipTunnels.get(key);
    if (uid === undefined) {
      uid = this.uids.next();
      const a = ipText(ver, layer.src);
      const b = ipText(ver, layer.dst);
      this.ipTunnels.set(key, uid);
      const proto = kind === TunnelKind.GRE ? 47 : ver === 4 ? 4 : 41;
      this.logs.write('tunnel', {
        ts: layer.tsSec + layer.tsUsec / 1e6,
        uid,
        'id.orig_h': a,
        'id.orig_p': 0,
        'id.resp_h': b,
        'id.resp_p': 0,
        tunnel_type: TYPE_NAME[kind],
        action: 'Tunnel::DISCOVER',
        community_id: communityId(ver, proto, layer.src, layer.dst, 0, 0, 0),
      });
    }
    return uid;
  }

  /** A carrier connection ended: its conn.log row and, for a UDP tunnel, tunnel.log CLOSE. */
  private onFlowEnd(flow: Flow): void {
    const id = this.conn.idOf(flow);
    const rec = this.conn.onEnd(flow);
    if (rec === null) return;
    rec.service = flow.service;
    this.logs.write('conn', rec);
    const kind = this.announced.get(flow.id);
    if (kind === undefined || id === null) return;
    this.announced.delete(flow.id);
    this.logs.write('tunnel', { ...id, ts: this.now, tunnel_type: TYPE_NAME[kind], action: 'Tunnel::CLOSE' });
  }
}
