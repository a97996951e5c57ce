import { EMPTY } from '../core/bytes.js';
import type { EventCounts } from '../core/counters.js';
import type { Packet } from '../packet/packet.js';
import type { BufferPool } from './buffer-pool.js';
import type { FlowConfig, FlowStats } from './config.js';
import type { Dir, Flow } from './flow.js';
import type { StreamSink } from './sink.js';
import { DOUBLE_ZERO } from '../core/double-zero.js';

/** State shared by every stream of one engine. */
export interface StreamCtx {
  readonly cfg: FlowConfig;
  readonly events: EventCounts;
  readonly sink: StreamSink;
  readonly stats: FlowStats;
  /** Out-of-order bytes queued over all streams (checked against cfg.flowMemcap). */
  oooTotal: number;
  /** In-order bytes waiting for an ACK, over all streams (bounded by `flowMemcap` too). */
  heldTotal: number;
  /** Times of the bytes of the PDU being delivered (one per engine: PDUs are delivered one at a time). */
  readonly clock: PduClock;
  /** Where streams take their buffers from and give them back to. */
  readonly pool: BufferPool;
}

/**
 * When the bytes of the PDU being delivered arrived: `at(k)` is the capture time (µs) of the segment that
 * brought byte `k` of it (Snort stamps a reassembled packet, an HTTP section for instance, with the time of
 * its first byte's segment). Valid only during `StreamSink.onPdu`.
 */
export class PduClock {
  /** The stream's (position one past a segment's bytes, time) pairs, from `head`. */
  times: readonly number[] = [];
  head = 0;
  /** Stream position of the PDU's first byte. */
  base = 0;

  at(k: number): number {
    const t = this.times;
    const pos = this.base + k;
    for (let h = this.head; h < t.length; h += 2) if (t[h]! > pos) return t[h + 1]!;
    return t.length > 0 ? t[t.length - 1]! : 0;
  }
}

/** An out-of-order segment; segments never overlap each other and all start after `nextSeq`. */
interface Seg {
  seq: number;
  data: Uint8Array;
  /** Capture time (µs) of the packet that brought it. */
  us: number;
}

/** Segments further than this from the expected sequence number are bogus, not just early or late. */
const MAX_SEQ_DISTANCE = 1 << 30;
/** Never grows: `insertQueued` gives a stream a list of its own before its first segment. */
const NO_SEGS: Seg[] = [];
/** Never grows: a stream gets its own list of arrival times with its first in-order bytes. */
const NO_TIMES: number[] = [];

/**
 * Reassembly of one direction of a TCP connection.
 *
 * In-order bytes not yet flushed sit in `buf[bufStart..bufEnd)`, whose first byte has sequence number
 * `flushSeq`; segments that arrive early wait in `segs` (sorted, disjoint) until the hole before them is
 * filled or skipped. All sequence arithmetic is modulo 2^32: positions are compared through the signed
 * 32-bit difference `(a - b) | 0`.
 *
 * Overlap policy "first": bytes already received win over bytes that arrive later for the same
 * sequence numbers (see NOTES.md).
 */
export class TcpStream {
  hasBase = false;
  flushSeq = DOUBLE_ZERO;
  /** Sequence number the stream counts from: the ISN, or one before the first byte seen midstream. */
  isn = DOUBLE_ZERO;
  private buf: Uint8Array = EMPTY;
  private bufStart = 0;
  private bufEnd = 0;
  /** Queued segments; the shared empty list until the first one (most streams never queue any). */
  private segs: Seg[] = NO_SEGS;
  /** Out-of-order bytes queued in this direction. */
  oooBytes = 0;
  /**
   * Arrival times of the in-order bytes held: pairs (stream position one past a segment's bytes, capture
   * time in µs), oldest first from `timeHead`; positions count the bytes flushed (`flushed`), then those
   * held in the buffer, since the stream began. A PDU takes the time of its first byte's segment, as Snort stamps a
   * reassembled packet.
   */
  private times: number[] = NO_TIMES;
  private timeHead = 0;
  private flushed = DOUBLE_ZERO;

  constructor(
    private readonly ctx: StreamCtx,
    readonly flow: Flow,
    readonly dir: Dir,
  ) {}

  /** Sequence number of the next in-order byte expected. */
  get nextSeq(): number {
    return (this.flushSeq + (this.bufEnd - this.bufStart)) >>> 0;
  }

  /** In-order bytes waiting for a flush. */
  get pending(): number {
    return this.bufEnd - this.bufStart;
  }

  /** Number of out-of-order segments queued. */
  get queued(): number {
    return this.segs.length;
  }

  /** SYN seen: data starts at ISN + 1 (ignored once the stream has a base, e.g. a retransmitted SYN). */
  setIsn(isn: number): void {
    if (this.hasBase) return;
    this.hasBase = true;
    this.isn = isn >>> 0;
    this.flushSeq = (isn + 1) >>> 0;
  }

  /** Sequence space used so far, SYN included (Suricata's and Snort's stream_size: next_seq - isn). */
  get size(): number {
    return this.hasBase ? (this.nextSeq - this.isn) >>> 0 : 0;
  }

  /** Take `data[off..off+len)` with sequence number `seq`; flushes when in-order data reaches maxPdu. */
  insert(seq: number, data: Uint8Array, off: number, len: number, pkt: Packet): void {
    if (len <= 0) return;
    if (!this.hasBase) {
      // Picked up without a SYN: the first data seen defines the start of the stream.
      this.hasBase = true;
      this.isn = (seq - 1) >>> 0;
      this.flushSeq = seq >>> 0;
    }
    const next = this.nextSeq;
    let rel = (seq - next) | 0;
    const us = pkt.tsSec * 1e6 + pkt.tsUsec;
    if (rel === 0 && this.segs.length === 0) {
      this.append(data, off, len, us);
    } else {
      if (rel > MAX_SEQ_DISTANCE || rel < -MAX_SEQ_DISTANCE) {
        this.ctx.events.add('stream_bad_seq');
        return;
      }
      if (rel < 0) {
        const old = Math.min(-rel, len);
        this.checkOld(seq, data, off, old, old === len);
        off += old;
        len -= old;
        if (len === 0) return;
        rel = 0;
      }
      this.insertQueued(next, rel, data, off, len, us);
      this.drain();
    }
    const cfg = this.ctx.cfg;
    if (this.bufEnd - this.bufStart < cfg.maxUnacked && this.ctx.heldTotal <= cfg.flowMemcap) return;
    while (this.bufEnd - this.bufStart >= cfg.maxPdu) this.emit(cfg.maxPdu, pkt);
  }

  /**
   * The peer acknowledged up to `ack`: flush the bytes it covers. A hole the ACK reaches past is data
   * the peer has and we never saw: skip it (`stream_gap`) so what follows still flows.
   */
  flushAcked(ack: number, pkt: Packet): void {
    if (!this.hasBase) return;
    let lim = (ack - this.flushSeq) | 0;
    if (lim <= 0 || lim > MAX_SEQ_DISTANCE) return;
    for (;;) {
      const n = Math.min(lim, this.bufEnd - this.bufStart);
      this.deliver(n, pkt);
      lim -= n;
      const first = this.segs[0];
      if (lim <= 0 || first === undefined) return;
      const skip = Math.min((first.seq - this.flushSeq) | 0, lim);
      this.ctx.events.add('stream_gap');
      this.flushSeq = (this.flushSeq + skip) >>> 0;
      lim -= skip;
      this.drain();
    }
  }

  /** Flush every in-order byte; with `skipGaps` (flow end) also everything queued behind holes. */
  flushAll(pkt: Packet, skipGaps: boolean): void {
    this.deliver(this.bufEnd - this.bufStart, pkt);
    if (!skipGaps) return;
    for (let first = this.segs[0]; first !== undefined; first = this.segs[0]) {
      this.ctx.events.add('stream_gap');
      this.flushSeq = first.seq;
      this.drain();
      this.deliver(this.bufEnd - this.bufStart, pkt);
    }
  }

  reset(): void {
    this.hasBase = false;
    this.flushSeq = 0;
    this.isn = 0;
    this.ctx.heldTotal -= this.bufEnd - this.bufStart;
    this.bufStart = this.bufEnd = 0;
    if (this.times !== NO_TIMES) this.times.length = 0;
    this.timeHead = 0;
    this.flushed = 0;
    // Consumers keep no view of stream bytes past a delivery: the buffer can serve another stream.
    this.ctx.pool.give(this.buf);
    this.buf = EMPTY;
    this.ctx.oooTotal -= this.oooBytes;
    this.oooBytes = 0;
    this.segs.length = 0;
  }

  private deliver(n: number, pkt: Packet): void {
    const max = this.ctx.cfg.maxPdu;
    while (n > 0) {
      const c = n < max ? n : max;
      this.emit(c, pkt);
      n -= c;
    }
  }

  private emit(n: number, pkt: Packet): void {
    const s = this.bufStart;
    const clock = this.ctx.clock;
    clock.times = this.times;
    clock.head = this.timeHead;
    clock.base = this.flushed;
    this.flushed += n;
    this.ctx.stats.pdus++;
    this.ctx.stats.pduBytes += n;
    this.ctx.sink.onPdu(this.flow, this.dir, this.buf, s, s + n, pkt, clock);
    this.consumeTimes(this.flushed);
    this.bufStart = s + n;
    this.ctx.heldTotal -= n;
    this.flushSeq = (this.flushSeq + n) >>> 0;
    if (this.bufStart === this.bufEnd) this.bufStart = this.bufEnd = 0;
  }

  private append(data: Uint8Array, off: number, len: number, us: number): void {
    if (this.bufEnd + len > this.buf.length) this.makeRoom(len);
    this.buf.set(data.subarray(off, off + len), this.bufEnd);
    this.bufEnd += len;
    this.ctx.heldTotal += len;
    // Stream position one past the bytes held: everything flushed, then the buffer.
    const pos = this.flushed + (this.bufEnd - this.bufStart);
    let t = this.times;
    if (t === NO_TIMES) t = this.times = [];
    const last = t.length - 2;
    // Bytes of one capture time share an entry.
    if (last >= this.timeHead && t[last + 1] === us) t[last] = pos;
    else t.push(pos, us);
  }

  /** Entries of bytes up to position `end` are consumed: drop them. */
  private consumeTimes(end: number): void {
    const t = this.times;
    let h = this.timeHead;
    while (h < t.length && t[h]! <= end) h += 2;
    if (h >= t.length) {
      t.length = 0;
      h = 0;
    } else if (h > 64) {
      t.splice(0, h);
      h = 0;
    }
    this.timeHead = h;
  }

  private makeRoom(len: number): void {
    const used = this.bufEnd - this.bufStart;
    if (used + len > this.buf.length) {
      const nb = this.ctx.pool.take(Math.max(used + len, 2 * this.buf.length));
      nb.set(this.buf.subarray(this.bufStart, this.bufEnd));
      this.ctx.pool.give(this.buf);
      this.buf = nb;
    } else {
      this.buf.copyWithin(0, this.bufStart, this.bufEnd);
    }
    this.bufStart = 0;
    this.bufEnd = used;
  }

  /** Bytes `[seq, seq+n)` lie before nextSeq: compare with what is still buffered, keep the old bytes. */
  private checkOld(seq: number, data: Uint8Array, off: number, n: number, whole: boolean): void {
    const rel = (seq - this.flushSeq) | 0;
    let differ = false;
    for (let j = rel < 0 ? -rel : 0; j < n; j++) {
      if (this.buf[this.bufStart + rel + j] !== data[off + j]) {
        differ = true;
        break;
      }
    }
    this.countOverlap(whole, differ);
  }

  private countOverlap(whole: boolean, differ: boolean): void {
    const ev = this.ctx.events;
    if (differ) {
      ev.add('stream_overlap');
      ev.add('stream_overlap_conflict');
    } else if (whole) {
      ev.add('stream_retransmit');
    } else {
      ev.add('stream_overlap');
    }
  }

  /**
   * Queue `data[off..off+len)` at position `rel` (>= 0) after `next`, keeping only the bytes no queued
   * segment already holds.
   */
  private insertQueued(
    next: number,
    rel: number,
    data: Uint8Array,
    off: number,
    len: number,
    us: number,
  ): void {
    let segs = this.segs;
    const end = rel + len;
    const add: number[] = []; // triples: start, end (relative to next), index to insert at
    let cur = rel;
    let overlapped = false;
    let differ = false;
    let i = 0;
    for (; i < segs.length; i++) {
      const sg = segs[i]!;
      const a = (sg.seq - next) | 0;
      const b = a + sg.data.length;
      if (b <= cur) continue;
      if (a >= end) break;
      if (a > cur) add.push(cur, a, i);
      overlapped = true;
      const from = a > cur ? a : cur;
      const to = b < end ? b : end;
      for (let p = from; p < to && !differ; p++) {
        if (sg.data[p - a] !== data[off + p - rel]) differ = true;
      }
      cur = b;
      if (cur >= end) break;
    }
    if (cur < end) add.push(cur, end, i);
    if (overlapped) this.countOverlap(add.length === 0, differ);
    if (add.length === 0) return;
    if (rel > 0 && !this.admit(add)) return;
    if (segs === NO_SEGS) segs = this.segs = [];
    for (let j = add.length - 3; j >= 0; j -= 3) {
      const a = add[j]!;
      const b = add[j + 1]!;
      const piece = data.slice(off + a - rel, off + b - rel);
      segs.splice(add[j + 2]!, 0, { seq: (next + a) >>> 0, data: piece, us });
      this.oooBytes += b - a;
      this.ctx.oooTotal += b - a;
    }
  }

  /** Memory caps for early data (data at nextSeq is always taken: it drains at once). */
  private admit(add: number[]): boolean {
    let bytes = 0;
    for (let j = 0; j < add.length; j += 3) bytes += add[j + 1]! - add[j]!;
    if (this.oooBytes + bytes > this.ctx.cfg.streamMemcap) {
      this.ctx.events.add('stream_memcap');
      return false;
    }
    if (this.ctx.oooTotal + bytes > this.ctx.cfg.flowMemcap) {
      this.ctx.events.add('stream_flow_memcap');
      return false;
    }
    return true;
  }

  /** Move queued segments that became contiguous into the in-order buffer. */
  private drain(): void {
    const segs = this.segs;
    while (segs.length > 0) {
      const sg = segs[0]!;
      const a = (sg.seq - this.nextSeq) | 0;
      if (a > 0) break;
      const n = sg.data.length;
      if (-a < n) this.append(sg.data, -a, n + a, sg.us);
      this.oooBytes -= n;
      this.ctx.oooTotal -= n;
      segs.shift();
    }
  }
}
