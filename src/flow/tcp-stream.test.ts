import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventCounts } from '../core/counters.js';
import { Packet } from '../packet/packet.js';
import { flowConfig, newFlowStats, type FlowConfig } from './config.js';
import { FlowRecord } from './flow-record.js';
import { BufferPool } from './buffer-pool.js';
import { PduClock, TcpStream } from './tcp-stream.js';
import { bytes } from './test-packets.js';
import { concatBytes } from '../core/bytes.js';

function mk(cfg: Partial<FlowConfig> = {}) {
  const events = new EventCounts();
  const out: string[] = [];
  const chunks: Uint8Array[] = [];
  const times: number[] = [];
  const sink = {
    onPdu(_f: unknown, _d: number, data: Uint8Array, s: number, e: number, _p: unknown, clock: PduClock) {
      const us = clock.at(0);
      chunks.push(data.slice(s, e));
      out.push(String.fromCharCode(...data.subarray(s, e)));
      times.push(us);
    },
  };
  const ctx = {
    cfg: flowConfig(cfg),
    events,
    sink,
    stats: newFlowStats(),
    oooTotal: 0,
    heldTotal: 0,
    clock: new PduClock(),
    pool: new BufferPool(),
  };
  const st = new TcpStream(ctx, new FlowRecord(), 0);
  const pkt = new Packet();
  const put = (seq: number, s: string | Uint8Array) => {
    const b = typeof s === 'string' ? bytes(s) : s;
    st.insert(seq >>> 0, b, 0, b.length, pkt);
  };
  const all = () => concatBytes(chunks);
  return { st, events, out, put, pkt, ctx, all, chunks, times };
}

describe('TcpStream', () => {
  it('queues out-of-order segments until the hole fills', () => {
    const { st, put, out, pkt } = mk();
    st.setIsn(99);
    put(106, 'world');
    put(100, 'hello ');
    expect(st.queued).toBe(0);
    expect(st.pending).toBe(11);
    st.flushAcked(111, pkt);
    expect(out).toEqual(['hello world']);
  });

  it('flushes only up to the acknowledged byte', () => {
    const { st, put, out, pkt } = mk();
    st.setIsn(0);
    put(1, 'abcdef');
    st.flushAcked(4, pkt);
    st.flushAcked(3, pkt); // old ACK: nothing
    st.flushAcked(7, pkt);
    expect(out).toEqual(['abc', 'def']);
  });

  it('counts an exact retransmission and keeps a single copy', () => {
    const { st, put, out, pkt, events } = mk();
    st.setIsn(0);
    put(1, 'abc');
    put(1, 'abc');
    st.flushAcked(4, pkt);
    put(1, 'abc'); // after delivery
    st.flushAll(pkt, true);
    expect(out).toEqual(['abc']);
    expect(events.get('stream_retransmit')).toBe(2);
    expect(events.get('stream_overlap')).toBe(0);
  });

  it('keeps the first data on a conflicting overlap (buffered and queued cases)', () => {
    const { st, put, out, pkt, events } = mk();
    st.setIsn(0);
    put(1, 'abcd');
    put(3, 'XYef'); // overlaps "cd" with different bytes, extends by "ef"
    put(10, 'klm');
    put(9, 'QRS'); // overlaps queued "kl"
    put(7, 'gh');
    st.flushAll(pkt, true);
    expect(out.join('')).toBe('abcdefghQklm');
    expect(events.get('stream_overlap_conflict')).toBe(2);
    expect(events.get('stream_overlap')).toBe(2);
  });

  it('skips a hole the peer has acknowledged past, with stream_gap', () => {
    const { st, put, out, pkt, events } = mk();
    st.setIsn(0);
    put(1, 'aa');
    put(6, 'bb'); // 3..5 never seen
    st.flushAcked(8, pkt);
    expect(out).toEqual(['aa', 'bb']);
    expect(events.get('stream_gap')).toBe(1);
    put(8, 'cc'); // in order again: fast path
    expect(st.queued).toBe(0);
    put(3, 'zzz'); // the lost bytes arriving late are old now
    st.flushAll(pkt, true);
    expect(out).toEqual(['aa', 'bb', 'cc']);
  });

  it('does not skip a hole the ACK has not passed', () => {
    const { st, put, out, pkt } = mk();
    st.setIsn(0);
    put(1, 'aa');
    put(6, 'bb');
    st.flushAcked(5, pkt); // acknowledges part of the hole only
    expect(out).toEqual(['aa']);
    put(5, 'x');
    st.flushAcked(8, pkt);
    expect(out).toEqual(['aa', 'xbb']);
  });

  it('drops early data beyond the per-direction memcap', () => {
    const { st, put, out, pkt, events, ctx } = mk({ streamMemcap: 4 });
    st.setIsn(0);
    put(10, 'abc');
    put(20, 'def'); // would make 6 queued bytes
    expect(events.get('stream_memcap')).toBe(1);
    expect(st.oooBytes).toBe(3);
    expect(ctx.oooTotal).toBe(3);
    put(1, '123456789'); // in-order data is always taken and drains the queue
    st.flushAll(pkt, true);
    expect(out.join('')).toBe('123456789abc');
    expect(ctx.oooTotal).toBe(0);
  });

  it('ignores segments absurdly far from the expected sequence number', () => {
    const { st, put, events } = mk();
    st.setIsn(0);
    put(1, 'a');
    put(0x7000_0000, 'b');
    expect(events.get('stream_bad_seq')).toBe(1);
    expect(st.queued).toBe(0);
  });

  it('property: any arrival order with duplicates and overlaps gives the same stream', () => {
    const arb = fc
      .record({
        data: fc.uint8Array({ minLength: 1, maxLength: 300 }),
        isn: fc.integer({ min: 0, max: 0xffffffff }),
        cuts: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })), { minLength: 1, maxLength: 40 }),
        seed: fc.integer(),
        maxPdu: fc.integer({ min: 1, max: 64 }),
      })
      .chain((r) => {
        // Segments covering the whole stream (a partition) plus random extra slices (duplicates/overlaps).
        const segs: [number, number][] = [];
        let o = 0;
        let i = 0;
        while (o < r.data.length) {
          const len = Math.min(r.cuts[i++ % r.cuts.length]![1], r.data.length - o);
          segs.push([o, len]);
          o += len;
        }
        for (const [at, len] of r.cuts) {
          const s = at % r.data.length;
          segs.push([s, Math.min(len, r.data.length - s)]);
        }
        return fc
          .shuffledSubarray(segs, { minLength: segs.length, maxLength: segs.length })
          .map((order) => ({ ...r, order }));
      });
    fc.assert(
      fc.property(arb, ({ data, isn, order, maxPdu }) => {
        const { st, put, pkt, all } = mk({ maxPdu });
        st.setIsn(isn);
        for (const [o, len] of order) put(isn + 1 + o, data.subarray(o, o + len));
        st.flushAll(pkt, true);
        expect(all()).toEqual(data);
      }),
      { numRuns: 300 },
    );
  });

  it('property: each PDU carries the arrival time of the segment that brought its first byte', () => {
    const arb = fc.record({
      len: fc.integer({ min: 1, max: 200 }),
      segs: fc.array(fc.tuple(fc.nat(199), fc.integer({ min: 1, max: 30 })), { minLength: 1, maxLength: 30 }),
      maxPdu: fc.integer({ min: 1, max: 50 }),
      acks: fc.array(fc.nat(200), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(arb, ({ len, segs, maxPdu, acks }) => {
        const { st, put, pkt, chunks, times } = mk({ maxPdu });
        st.setIsn(999);
        const data = Uint8Array.from({ length: len }, (_, i) => i & 0xff);
        // Policy "first": a byte belongs to the first segment that brought it.
        const owner = new Array<number>(len).fill(-1);
        const order = [
          ...segs.map(([o, n]) => [o % len, Math.min(n, len - (o % len))] as const),
          [0, len] as const,
        ];
        order.forEach(([o, n], i) => {
          for (let b = o; b < o + n; b++) if (owner[b] === -1) owner[b] = i + 1;
          pkt.tsSec = i + 1;
          pkt.tsUsec = 0;
          put(1000 + o, data.subarray(o, o + n));
          const ack = acks[i];
          if (ack !== undefined) st.flushAcked(1000 + (ack % (len + 1)), pkt);
        });
        st.flushAll(pkt, true);
        // Byte i holds i (len <= 200): a PDU's first byte tells where it starts, holes skipped or not.
        chunks.forEach((c, k) => expect(times[k]).toBe(owner[c[0]!]! * 1e6));
        expect(chunks.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('hands buffers on through the pool: a stream reset gives its buffer to the next one, bytes stay right', () => {
    const { st, put, ctx, all } = mk({ maxPdu: 1 << 20, maxUnacked: 1 << 30 });
    const other = new TcpStream(ctx, new FlowRecord(), 1);
    const got: string[] = [];
    const sink = ctx.sink;
    ctx.sink = {
      onPdu(f: unknown, d: number, data: Uint8Array, s: number, e: number, p: unknown, c: PduClock) {
        if (d === 1) got.push(String.fromCharCode(...data.subarray(s, e)));
        else sink.onPdu(f, d, data, s, e, p, c);
      },
    } as typeof sink;
    st.setIsn(0);
    // Grows through 2 KiB, 4 KiB and 8 KiB buffers, giving the smaller ones back.
    put(1, 'a'.repeat(1500));
    put(1501, 'a'.repeat(1500));
    put(3001, 'a'.repeat(2000));
    expect(ctx.pool.keptBytes).toBe(2048 + 4096);
    st.reset(); // its 8 KiB buffer goes to the pool
    expect(ctx.pool.keptBytes).toBe(2048 + 4096 + 8192);
    other.setIsn(100);
    other.insert(101, bytes('b'.repeat(6000)), 0, 6000, new Packet());
    st.setIsn(0);
    put(1, 'c'.repeat(3000));
    other.flushAll(new Packet(), true);
    st.flushAll(new Packet(), true);
    expect(got).toEqual(['b'.repeat(6000)]);
    expect(String.fromCharCode(...all())).toBe('c'.repeat(3000));
  });
});
