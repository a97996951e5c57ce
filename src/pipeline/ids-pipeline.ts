import { EventCounts } from '../core/counters.js';
import { Packet, IpProto, type CaptureRecord } from '../packet/packet.js';
import { Decoder } from '../packet/decode.js';
import { FlowEngine, type FlowConfig, type StreamSink } from '../flow/engine.js';
import type { PduClock } from '../flow/tcp-stream.js';
import { Defragmenter } from '../flow/defrag.js';
import type { Dir, Flow } from '../flow/flow.js';
import type { AlertEvent, Detector, InspectUnit } from '../detect/engine.js';
import type { BufferProvider } from '../detect/buffers.js';
import { ConnTracker } from '../logs/conn.js';
import { TunnelTracker } from '../logs/tunnels.js';
import type { LogSink } from '../logs/log-set.js';
import type { AlertRecord } from '../output/alert-record.js';
import type { Rule } from '../rules/ast.js';
import { toAlertRecord } from './alert-event.js';
import { AppLayer, type UnitSink } from './app-layer.js';
import { DEFAULT_EVENT_QUEUE, EventQueue, type EventQueueConfig } from './event-queue.js';
import { WeirdLog } from './weird-log.js';
import { DOUBLE_ZERO } from '../core/double-zero.js';

export interface IdsPipelineOptions {
  flow?: Partial<FlowConfig>;
  eventQueue?: EventQueueConfig;
  /** Zeek-style logs (conn, dns, http, ssl, ssh, weird); null or absent: no logs. */
  logs?: LogSink | null;
  /** No application layer (see `IdsConfig.packetOnly`); cannot be combined with logs. */
  packetOnly?: boolean;
  /** Seed of the connection uids (each `-z N` shard has its own, so uids never repeat across shards). */
  uidSeed?: number;
}

export interface IdsCounters {
  packets: number;
  /** Sum of captured frame lengths. */
  bytes: number;
  /** Sum of on-the-wire frame lengths. */
  wireBytes: number;
  nonIp: number;
  fragments: number;
  rebuiltDatagrams: number;
  alerts: number;
  firstTs: number;
  lastTs: number;
}

/**
 * One inspection thread: decode → defragment → flow/reassembly → application layer → detection and logs.
 * Feed it capture records in order with `push`, then call `finish`. Alerts are delivered synchronously to
 * `onAlert`. Without an engine it only writes logs (`vigil logs`).
 */
export class IdsPipeline implements StreamSink, UnitSink {
  readonly events = new EventCounts();
  readonly counters: IdsCounters = {
    packets: 0,
    bytes: 0,
    wireBytes: 0,
    nonIp: 0,
    fragments: 0,
    rebuiltDatagrams: 0,
    alerts: 0,
    firstTs: DOUBLE_ZERO,
    lastTs: DOUBLE_ZERO,
  };
  readonly flows: FlowEngine;
  private readonly decoder: Decoder;
  private readonly defrag: Defragmenter;
  private readonly app: AppLayer;
  private readonly conn: ConnTracker | null;
  /** Outer connections and tunnel.log, with logs only. */
  private readonly tunnels: TunnelTracker | null;
  private readonly weird: WeirdLog | null;
  private readonly pkt = new Packet();
  private readonly rebuiltPkt = new Packet();
  private readonly unitState: InspectUnit;
  private lastExpire = 0;
  /** Rules that already alerted in the HTTP message the current unit belongs to (null: not HTTP). */
  private once: Set<object> | null = null;
  private readonly queue: EventQueue<{ rule: Rule }>;
  private readonly emit: (e: AlertEvent) => void;
  private readonly log: (e: { rule: Rule }) => void;
  private readonly packetOnly: boolean;

  constructor(
    private readonly engine: Detector | null,
    private readonly onAlert: (a: AlertRecord) => void,
    opts: IdsPipelineOptions = {},
  ) {
    const logs = opts.logs ?? null;
    this.packetOnly = opts.packetOnly === true;
    if (this.packetOnly && logs !== null) throw new Error('IdsPipeline: logs need the application layer');
    const seed = opts.uidSeed ?? 0;
    this.conn =
      logs !== null ? new ConnTracker({ uidSeed: seed, onWeird: (name) => this.weird?.raise(name) }) : null;
    this.weird = logs !== null && this.conn !== null ? new WeirdLog(logs, this.conn) : null;
    this.tunnels = logs !== null ? new TunnelTracker(logs, opts.flow ?? {}, seed) : null;
    if (this.weird !== null) this.events.listener = this.weird.listener;
    this.decoder = new Decoder(this.events);
    this.flows = new FlowEngine(opts.flow ?? {}, this.events, this);
    this.defrag = new Defragmenter({}, this.events);
    this.app = new AppLayer(this.events, engine === null ? null : this, logs, this.conn);
    this.unitState = {
      pkt: this.pkt,
      flow: null,
      dir: 0,
      data: this.pkt.data,
      off: 0,
      len: 0,
      rebuilt: false,
      streamed: false,
      pduLen: -1,
      pduUs: -1,
    };
    this.queue = new EventQueue(opts.eventQueue ?? DEFAULT_EVENT_QUEUE);
    this.emit = (e) => this.queue.add({ rule: e.rule });
    this.log = (e) => {
      const once = this.once;
      if (once !== null) {
        if (once.has(e.rule)) return;
        once.add(e.rule);
      }
      this.counters.alerts++;
      this.onAlert(toAlertRecord(e.rule, this.unitState));
    };
  }

  /** Process the `num`-th record (1-based) of the capture. */
  push(rec: CaptureRecord, num: number): void {
    const c = this.counters;
    c.packets++;
    c.bytes += rec.caplen;
    c.wireBytes += rec.wirelen;
    const ts = rec.tsSec + rec.tsUsec / 1e6;
    if (c.firstTs === 0) c.firstTs = ts;
    c.lastTs = ts;
    if (rec.tsSec > this.lastExpire) {
      if (this.lastExpire !== 0) {
        this.flows.expire(rec.tsSec);
        this.defrag.expire(rec.tsSec);
        if (this.tunnels !== null) this.tunnels.expire(rec.tsSec);
      }
      this.lastExpire = rec.tsSec;
    }
    const pkt = this.pkt;
    if (this.weird !== null) this.weird.at(pkt, null);
    if (!this.decoder.decode(rec, num, pkt)) {
      c.nonIp++;
      return;
    }
    if (pkt.isFragment) {
      c.fragments++;
      // The fragment itself is inspected as an IP packet (fragbits, ip_proto, ttl … rules) …
      this.inspect(pkt, null, 0, pkt.data, pkt.payOff, pkt.payLen, false, false, undefined);
      // … and the rebuilt datagram, once complete, as a packet of its own flow.
      const dg = this.defrag.insert(pkt);
      if (dg === null) return;
      const rp = this.rebuiltPkt;
      rp.reset();
      copyCaptureFields(pkt, rp);
      if (!this.decoder.decodeIp(rp, dg, 0, dg.length)) return;
      rp.rebuilt = true;
      c.rebuiltDatagrams++;
      this.track(rp);
      return;
    }
    this.track(pkt);
  }

  private track(pkt: Packet): void {
    const parents = this.tunnels !== null && pkt.tunnelDepth > 0 ? this.tunnels.onPacket(pkt) : null;
    const flow = this.flows.process(pkt);
    if (flow === null) {
      this.inspect(pkt, null, 0, pkt.data, pkt.payOff, pkt.payLen, false, false, undefined);
      return;
    }
    const dir = this.flows.dir;
    const raw = this.packetOnly ? false : this.app.onPacket(flow, dir, pkt);
    if (parents !== null) this.conn?.addParents(flow, parents);
    const streamed = !raw && pkt.proto === IpProto.TCP && pkt.payLen > 0 && this.flows.streamed;
    // The packet that named the flow's service is inspected before that service applies (Snort: its rules
    // see, and its alerts say, service unknown); the flow's PDUs, this packet's bytes included, have it.
    const named = this.packetOnly ? null : this.app.identifiedNow;
    if (named !== null) flow.service = null;
    // A defragmented datagram is a whole packet to the rules (rebuilt: false); only PDUs are `rebuilt` units.
    this.inspect(pkt, flow, dir, pkt.data, pkt.payOff, pkt.payLen, false, streamed, undefined);
    if (named !== null) flow.service = named;
  }

  private inspect(
    pkt: Packet,
    flow: Flow | null,
    dir: Dir,
    data: Uint8Array,
    off: number,
    len: number,
    rebuilt: boolean,
    streamed: boolean,
    buffers: BufferProvider | undefined,
  ): void {
    if (this.engine === null || (flow !== null && flow.ignored)) return;
    const u = this.unitState;
    u.pkt = pkt;
    u.flow = flow;
    u.dir = dir;
    u.data = data;
    u.off = off;
    u.len = len;
    u.rebuilt = rebuilt;
    u.streamed = streamed;
    if (buffers === undefined) delete u.buffers;
    else u.buffers = buffers;
    this.engine.inspect(u, this.emit);
    this.queue.flush(this.log);
  }

  /** StreamSink: events raised from now on while `pkt` is processed belong to `flow` (weird.log). */
  onPacketFlow(flow: Flow, pkt: Packet): void {
    if (this.weird !== null) this.weird.at(pkt, flow);
  }

  /** StreamSink: a reassembled PDU of one direction of a TCP flow goes to the application layer. */
  onPdu(
    flow: Flow,
    dir: Dir,
    data: Uint8Array,
    start: number,
    end: number,
    pkt: Packet,
    clock: PduClock,
  ): void {
    if (this.weird !== null) this.weird.at(pkt, flow);
    // Units from this PDU carry the time of its first byte (HTTP sections their own first byte's).
    const us = clock.at(0);
    this.unitState.pduUs = us;
    if (this.packetOnly) this.unit(pkt, flow, dir, data, start, end - start, null);
    else this.app.onPdu(flow, dir, data, start, end, pkt, clock, us);
    this.unitState.pduUs = -1;
  }

  /** StreamSink: the flow ends (timeout, eviction, end of input). */
  onFlowEnd(flow: Flow, _reason: number, pkt: Packet): void {
    if (this.weird === null) this.app.onFlowEnd(flow, pkt);
    else this.weird.during(flow, () => this.app.onFlowEnd(flow, pkt));
  }

  /** UnitSink: a detection unit from the application layer (a PDU or an HTTP message section). */
  unit(
    pkt: Packet,
    flow: Flow,
    dir: Dir,
    data: Uint8Array,
    off: number,
    len: number,
    p: BufferProvider | null,
    once?: Set<object>,
    pduLen = -1,
    us = -1,
  ): void {
    this.once = once ?? null;
    const u = this.unitState;
    const pduUs = u.pduUs ?? -1;
    u.pduLen = pduLen;
    if (us > 0) u.pduUs = us;
    this.inspect(pkt, flow, dir, data, off, len, true, false, p ?? undefined);
    u.pduLen = -1;
    u.pduUs = pduUs;
    this.once = null;
  }

  /** End of input: flush every stream and end every flow, so queued data is inspected and logged. */
  finish(): void {
    this.flows.closeAll();
    if (this.tunnels !== null) this.tunnels.finish();
    if (this.queue.overflow) this.events.add('event_queue_overflow', this.queue.overflow);
    if (this.queue.suppressed) this.events.add('event_queue_not_logged', this.queue.suppressed);
  }
}

function copyCaptureFields(from: Packet, to: Packet): void {
  to.num = from.num;
  to.tsSec = from.tsSec;
  to.tsUsec = from.tsUsec;
  to.linktype = from.linktype;
  to.iface = from.iface;
}
