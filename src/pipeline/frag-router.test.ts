import { describe, expect, it } from 'vitest';
import { EventCounts } from '../core/counters.js';
import { Decoder } from '../packet/decode.js';
import { Packet, type CaptureRecord } from '../packet/packet.js';
import { captureRecord, ethernet, ipv4, udp } from '../packet/testkit.js';
import { FragmentRouter } from './frag-router.js';
import { shardKey } from './shard.js';

const SHARDS = 7;

/** A UDP datagram from `sport` in three fragments (offsets 0, 40, 80), and the same datagram whole. */
function datagram(sport: number, id: number): { frags: Uint8Array[]; whole: Uint8Array } {
  const d = udp({ sport, dport: 9, payload: new Uint8Array(100).fill(0x41) });
  const parts = [d.subarray(0, 40), d.subarray(40, 80), d.subarray(80)];
  return {
    frags: parts.map((p, i) =>
      ethernet(0x0800, ipv4({ proto: 17, id, frag: (i < 2 ? 0x2000 : 0) | (i * 5), payload: p })),
    ),
    whole: ethernet(0x0800, ipv4({ proto: 17, id, payload: d })),
  };
}

function harness(limits?: { timeout?: number; maxBytes?: number }) {
  const router = new FragmentRouter(SHARDS, limits);
  const decoder = new Decoder(new EventCounts());
  const pkt = new Packet();
  const sent: { shard: number; num: number; first: number }[] = [];
  const send = (shard: number, rec: CaptureRecord, num: number) =>
    sent.push({ shard, num, first: rec.data[0]! });
  const push = (data: Uint8Array, num: number, ts = 1) => {
    const rec = captureRecord(data, ts);
    expect(decoder.decode(rec, num, pkt)).toBe(true);
    expect(pkt.isFragment).toBe(true);
    router.route(pkt, rec, num, send);
  };
  const shardOf = (data: Uint8Array) => {
    expect(decoder.decode(captureRecord(data, 1), 1, pkt)).toBe(true);
    return shardKey(pkt) % SHARDS;
  };
  return { router, sent, push, send, shardOf };
}

describe('FragmentRouter', () => {
  it("holds a datagram's fragments until it completes, then sends all to its flow's shard in order", () => {
    for (let sport = 1000; sport < 1020; sport++) {
      const h = harness();
      const { frags, whole } = datagram(sport, 7);
      h.push(frags[2]!, 1);
      h.push(frags[1]!, 2);
      expect(h.sent).toEqual([]);
      expect(h.router.pending).toBe(2);
      h.push(frags[0]!, 3);
      const flowShard = h.shardOf(whole);
      expect(h.sent.map((s) => [s.shard, s.num])).toEqual([
        [flowShard, 1],
        [flowShard, 2],
        [flowShard, 3],
      ]);
      expect(h.router.pending).toBe(0);
    }
  });

  it('keeps the record bytes it holds (the reader reuses its buffer)', () => {
    const h = harness();
    const { frags } = datagram(1234, 8);
    const reused = new Uint8Array(frags[1]!);
    h.push(reused, 1);
    reused.fill(0xee);
    h.push(frags[0]!, 2);
    h.push(frags[2]!, 3);
    expect(h.sent.map((s) => s.first)).toEqual([frags[1]![0], frags[0]![0], frags[2]![0]]);
  });

  it('sends an incomplete datagram to its address-pair shard at the timeout, at the cap, or at the end', () => {
    // Timeout: time moves past it.
    let h = harness({ timeout: 10 });
    const a = datagram(2000, 1);
    h.push(a.frags[1]!, 1, 100);
    h.router.expire(105, h.send);
    expect(h.sent).toEqual([]);
    h.router.expire(111, h.send);
    expect(h.sent.map((s) => s.num)).toEqual([1]);
    // A fragment's own shard key is its address pair.
    expect(h.sent[0]!.shard).toBe(h.shardOf(a.frags[1]!));
    // Cap: the oldest datagram goes first.
    h = harness({ maxBytes: 100 });
    const b = datagram(2001, 2);
    const c = datagram(2002, 3);
    h.push(b.frags[1]!, 1);
    h.push(c.frags[1]!, 2);
    expect(h.sent.map((s) => s.num)).toEqual([1]);
    // End of input.
    h = harness();
    h.push(a.frags[2]!, 1);
    h.push(a.frags[1]!, 2);
    h.router.flush(h.send);
    expect(h.sent.map((s) => s.num)).toEqual([1, 2]);
    expect(h.router.pending).toBe(0);
  });
});
