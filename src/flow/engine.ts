import type { EventCounts } from '../core/counters.js';
import { IpProto, Packet, TcpFlag } from '../packet/packet.js';
import {
  classTimeouts,
  EndReason,
  flowConfig,
  newFlowStats,
  TIMEOUT_CLASSES,
  TimeoutClass,
  type FlowConfig,
  type FlowStats,
} from './config.js';
import { TcpState, type Dir, type Flow } from './flow.js';
import { FlowKey, fillKey } from './flow-key.js';
import { FlowRecord } from './flow-record.js';
import { FlowTable, LruList } from './flow-table.js';
import type { StreamSink } from './sink.js';
import { initTcp, tcpClientIsSrc, updateTcpState } from './tcp-state.js';
import { BufferPool } from './buffer-pool.js';
import { PduClock, TcpStream, type StreamCtx } from './tcp-stream.js';

export type { FlowConfig, FlowStats } from './config.js';
export type { StreamSink } from './sink.js';
export { flowHash } from './flow-key.js';

const SYN_ACK = TcpFlag.SYN | TcpFlag.ACK;

/**
 * Flow table, TCP session tracking and stream reassembly for one inspection thread.
 *
 * `process` is called for every decoded, non-fragment IP packet in capture order; `expire` once per
 * second of capture time; `flushAll` (or `closeAll`) at the end of the input.
 */
export class FlowEngine {
  readonly stats: FlowStats = newFlowStats();
  private readonly cfg: FlowConfig;
  private readonly timeouts: Float64Array;
  private readonly table = new FlowTable();
  private readonly lists: LruList[] = [];
  private readonly key = new FlowKey();
  private readonly free: FlowRecord[] = [];
  private readonly ctx: StreamCtx;
  /** Stands in for the triggering packet of flushes caused by time or shutdown. */
  private readonly idlePkt = new Packet();
  private clock = 0;
  private nextId = 1;
  private lastDir: Dir = 0;
  private lastStreamed = false;

  constructor(
    cfg: Partial<FlowConfig>,
    private readonly events: EventCounts,
    private readonly sink: StreamSink,
  ) {
    this.cfg = flowConfig(cfg);
    this.timeouts = classTimeouts(this.cfg);
    for (let i = 0; i < TIMEOUT_CLASSES; i++) this.lists.push(new LruList());
    this.ctx = {
      cfg: this.cfg,
      events,
      sink,
      stats: this.stats,
      oooTotal: 0,
      heldTotal: 0,
      clock: new PduClock(),
      pool: new BufferPool(),
    };
  }

  /** Direction of the last processed packet (TO_SERVER / TO_CLIENT). */
  get dir(): Dir {
    return this.lastDir;
  }

  /** Whether the last processed packet's payload was taken into reassembly. */
  get streamed(): boolean {
    return this.lastStreamed;
  }

  /** Out-of-order bytes queued over all streams. */
  get queuedBytes(): number {
    return this.ctx.oooTotal;
  }

  /** The flow of `pkt`, created as needed; null when the packet has no IP layer. */
  process(pkt: Packet): Flow | null {
    this.lastStreamed = false;
    const k = this.key;
    if (!fillKey(k, pkt)) {
      this.events.add('flow_not_ip');
      return null;
    }
    if (pkt.tsSec > this.clock) this.clock = pkt.tsSec;
    let f = this.table.find(k);
    let dir: Dir;
    if (f === null) {
      const clientIsSrc = k.proto === IpProto.TCP ? tcpClientIsSrc(pkt) : true;
      f = this.create(k, pkt, clientIsSrc);
      dir = clientIsSrc ? 0 : 1;
    } else {
      dir = this.table.dir === 0 ? 0 : 1;
      if (
        f.tcpState === TcpState.CLOSED &&
        k.proto === IpProto.TCP &&
        (pkt.tcpFlags & SYN_ACK) === TcpFlag.SYN
      ) {
        // Port reuse: a new connection on the 5-tuple of a closed one.
        this.stats.reused++;
        this.end(f, EndReason.REUSE);
        f = this.create(k, pkt, true);
        dir = 0;
      }
    }
    this.lastDir = dir;
    if (this.sink.onPacketFlow !== undefined) this.sink.onPacketFlow(f, pkt);
    if (dir === 0) {
      f.pkts0++;
      f.bytes0 += pkt.ipLen;
    } else {
      f.pkts1++;
      f.bytes1 += pkt.ipLen;
    }
    f.lastTsSec = pkt.tsSec;
    f.lastTsUsec = pkt.tsUsec;
    f.seen |= 1 << dir;
    if (k.proto === IpProto.TCP) this.tcp(f, dir, pkt);
    else if (!f.established && (f.seen === 3 || this.cfg.udpEstablishedOnFirst)) f.established = true;
    this.touch(f);
    return f;
  }

  /** Evict flows idle for longer than their timeout; cost is proportional to the flows evicted. */
  expire(nowSec: number): void {
    if (nowSec > this.clock) this.clock = nowSec;
    for (let c = 0; c < TIMEOUT_CLASSES; c++) {
      const list = this.lists[c]!;
      const t = this.timeouts[c]!;
      for (let f = list.tail; f !== null && nowSec - f.lastSeen > t; f = list.tail) {
        this.stats.timedOut++;
        this.end(f, EndReason.TIMEOUT);
      }
    }
  }

  /** Flush every stream, holes skipped (end of input); flows stay in the table. */
  flushAll(): void {
    const p = this.idle();
    this.table.forEach((f) => {
      f.stream0?.flushAll(p, true);
      f.stream1?.flushAll(p, true);
    });
  }

  /** Flush and end every flow (`onFlowEnd` with EndReason.CLOSE_ALL). */
  closeAll(): void {
    for (const list of this.lists) {
      for (let f = list.tail; f !== null; f = list.tail) this.end(f, EndReason.CLOSE_ALL);
    }
  }

  private create(k: FlowKey, pkt: Packet, clientIsSrc: boolean): FlowRecord {
    if (this.table.size >= this.cfg.maxFlows) this.evictOldest();
    const f = this.free.pop() ?? new FlowRecord();
    f.init(this.nextId++, k, pkt, clientIsSrc);
    const s = this.stats;
    switch (k.proto) {
      case IpProto.TCP:
        initTcp(f, pkt);
        s.tcp++;
        break;
      case IpProto.UDP:
        s.udp++;
        break;
      case IpProto.ICMP:
      case IpProto.ICMPV6:
        s.icmp++;
        break;
      default:
        s.ip++;
    }
    s.created++;
    this.table.insert(f);
    if (this.table.size > s.peak) s.peak = this.table.size;
    s.active = this.table.size;
    return f;
  }

  private tcp(f: FlowRecord, dir: Dir, pkt: Packet): void {
    updateTcpState(f, dir, pkt);
    if (!this.cfg.reassemble) return;
    const fl = pkt.tcpFlags;
    // ACK-driven flush of the other direction first, so its PDUs precede this packet's data.
    const peer = dir === 0 ? f.stream1 : f.stream0;
    if (fl & TcpFlag.ACK && peer !== null) peer.flushAcked(pkt.ack, pkt);
    const syn = (fl & TcpFlag.SYN) !== 0;
    if (syn || pkt.payLen > 0 || fl & TcpFlag.FIN) {
      const s = this.stream(f, dir);
      if (syn) s.setIsn(pkt.seq);
      if (pkt.payLen > 0) {
        s.insert(syn ? (pkt.seq + 1) >>> 0 : pkt.seq, pkt.data, pkt.payOff, pkt.payLen, pkt);
        this.lastStreamed = true;
        f.streamedNum = pkt.num;
      }
      if (fl & TcpFlag.FIN) s.flushAll(pkt, false);
    }
    if (f.tcpState === TcpState.CLOSED) {
      f.stream0?.flushAll(pkt, true);
      f.stream1?.flushAll(pkt, true);
    }
  }

  private stream(f: FlowRecord, dir: Dir): TcpStream {
    if (dir === 0) return (f.stream0 ??= new TcpStream(this.ctx, f, 0));
    return (f.stream1 ??= new TcpStream(this.ctx, f, 1));
  }

  private classOf(f: FlowRecord): number {
    switch (f.proto) {
      case IpProto.TCP:
        return f.established && f.tcpState !== TcpState.CLOSED
          ? TimeoutClass.TCP_EST
          : TimeoutClass.TCP_UNEST;
      case IpProto.UDP:
        return TimeoutClass.UDP;
      case IpProto.ICMP:
      case IpProto.ICMPV6:
        return TimeoutClass.ICMP;
      default:
        return TimeoutClass.IP;
    }
  }

  private touch(f: FlowRecord): void {
    f.lastSeen = this.clock;
    const cls = this.classOf(f);
    const list = this.lists[cls]!;
    if (list.head === f) return;
    if (f.lruClass >= 0) this.lists[f.lruClass]!.unlink(f);
    list.pushFront(f, cls);
  }

  /** Cap reached: end the least recently used flow over all classes. */
  private evictOldest(): void {
    let victim: FlowRecord | null = null;
    for (const list of this.lists) {
      const t = list.tail;
      if (t !== null && (victim === null || t.lastSeen < victim.lastSeen)) victim = t;
    }
    if (victim === null) return;
    this.events.add('flow_lru_evict');
    this.stats.lruEvicted++;
    this.end(victim, EndReason.LRU);
  }

  private end(f: FlowRecord, reason: number): void {
    const p = this.idle();
    f.stream0?.flushAll(p, true);
    f.stream1?.flushAll(p, true);
    this.sink.onFlowEnd?.(f, reason, p);
    this.table.remove(f);
    if (f.lruClass >= 0) this.lists[f.lruClass]!.unlink(f);
    f.restartSession();
    this.free.push(f);
    this.stats.active = this.table.size;
  }

  private idle(): Packet {
    const p = this.idlePkt;
    p.tsSec = this.clock;
    p.tsUsec = 0;
    return p;
  }
}

/** Whether `pkt`'s payload was taken into `flow`'s reassembly (the detector then sees it in a PDU). */
export function isStreamed(flow: Flow, pkt: Packet): boolean {
  return flow instanceof FlowRecord && flow.streamedNum === pkt.num;
}
