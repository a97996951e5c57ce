import { EventCounts } from '../core/counters.js';
import { Packet, IpProto, type CaptureRecord } from '../packet/packet.js';
import { Decoder } from '../packet/decode.js';
import { FlowEngine, type FlowConfig, type StreamSink } from '../flow/engine.js';
import { Defragmenter } from '../flow/defrag.js';
import type { Dir, Flow } from '../flow/flow.js';
import type { DetectionEngine, AlertEvent, InspectUnit } from '../detect/engine.js';
import type { AlertRecord } from '../output/alert-record.js';
import { toAlertRecord } from './alert-event.js';
import { DEFAULT_EVENT_QUEUE, EventQueue, type EventQueueConfig } from './event-queue.js';
import type { Rule } from '../rules/ast.js';

export interface IdsPipelineOptions {
  flow?: Partial<FlowConfig>;
  eventQueue?: EventQueueConfig;
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
  pdus: number;
  pduBytes: number;
  alerts: number;
  firstTs: number;
  lastTs: number;
}

/**
 * One inspection thread: decode → defragment → flow/reassembly → detection. Feed it capture records in
 * order with `push`, then call `finish`. Alerts are delivered synchronously to `onAlert`.
 */
export class IdsPipeline implements StreamSink {
  readonly events = new EventCounts();
  readonly counters: IdsCounters = {
    packets: 0,
    bytes: 0,
    wireBytes: 0,
    nonIp: 0,
    fragments: 0,
    rebuiltDatagrams: 0,
    pdus: 0,
    pduBytes: 0,
    alerts: 0,
    firstTs: 0,
    lastTs: 0,
  };
  readonly flows: FlowEngine;
  private readonly decoder: Decoder;
  private readonly defrag: Defragmenter;
  private readonly pkt = new Packet();
  private readonly rebuiltPkt = new Packet();
  private readonly unit: InspectUnit;
  private lastExpire = 0;
  private readonly queue: EventQueue<{ rule: Rule }>;
  private readonly emit: (e: AlertEvent) => void;
  private readonly log: (e: { rule: Rule }) => void;

  constructor(
    private readonly engine: DetectionEngine,
    private readonly onAlert: (a: AlertRecord) => void,
    opts: IdsPipelineOptions = {},
  ) {
    this.decoder = new Decoder(this.events);
    this.flows = new FlowEngine(opts.flow ?? {}, this.events, this);
    this.defrag = new Defragmenter({}, this.events);
    this.unit = {
      pkt: this.pkt,
      flow: null,
      dir: 0,
      data: this.pkt.data,
      off: 0,
      len: 0,
      rebuilt: false,
      streamed: false,
    };
    this.queue = new EventQueue(opts.eventQueue ?? DEFAULT_EVENT_QUEUE);
    this.emit = (e) => this.queue.add({ rule: e.rule });
    this.log = (e) => {
      this.counters.alerts++;
      this.onAlert(toAlertRecord(e.rule, this.unit));
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
      }
      this.lastExpire = rec.tsSec;
    }
    const pkt = this.pkt;
    if (!this.decoder.decode(rec, num, pkt)) {
      c.nonIp++;
      return;
    }
    if (pkt.isFragment) {
      c.fragments++;
      // The fragment itself is inspected as an IP packet (fragbits, ip_proto, ttl … rules) …
      this.inspect(pkt, null, 0, pkt.payOff, pkt.payLen, false, false);
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
    const flow = this.flows.process(pkt);
    const streamed = flow !== null && pkt.proto === IpProto.TCP && pkt.payLen > 0 && this.flows.streamed;
    // A defragmented datagram is a whole packet to the rules (rebuilt: false); only PDUs are `rebuilt` units.
    this.inspect(pkt, flow, flow === null ? 0 : this.flows.dir, pkt.payOff, pkt.payLen, false, streamed);
  }

  private inspect(
    pkt: Packet,
    flow: Flow | null,
    dir: Dir,
    off: number,
    len: number,
    rebuilt: boolean,
    streamed: boolean,
  ): void {
    const u = this.unit;
    u.pkt = pkt;
    u.flow = flow;
    u.dir = dir;
    u.data = pkt.data;
    u.off = off;
    u.len = len;
    u.rebuilt = rebuilt;
    u.streamed = streamed;
    this.engine.inspect(u, this.emit);
    this.queue.flush(this.log);
  }

  /** StreamSink: a reassembled PDU of one direction of a TCP flow. */
  onPdu(flow: Flow, dir: Dir, data: Uint8Array, start: number, end: number, pkt: Packet): void {
    this.counters.pdus++;
    this.counters.pduBytes += end - start;
    const u = this.unit;
    u.pkt = pkt;
    u.flow = flow;
    u.dir = dir;
    u.data = data;
    u.off = start;
    u.len = end - start;
    u.rebuilt = true;
    u.streamed = false;
    this.engine.inspect(u, this.emit);
    this.queue.flush(this.log);
  }

  /** End of input: flush every stream so data still queued is inspected. */
  finish(): void {
    this.flows.flushAll();
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
