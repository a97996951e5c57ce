import { EventCounts } from '../core/counters.js';
import { Defragmenter, DEFAULT_DEFRAG_CONFIG } from '../flow/defrag.js';
import { Decoder } from '../packet/decode.js';
import { Packet, type CaptureRecord } from '../packet/packet.js';
import { shardKey, shardPicker, type ShardPicker } from './shard.js';

/** Where a routed record goes: shard index and the record (its own copy for held ones). */
export type ShardSend = (shard: number, rec: CaptureRecord, num: number) => void;

export interface FragmentRouterLimits {
  /** Seconds a datagram's fragments wait for the rest (the defragmenter's timeout). */
  timeout: number;
  /** Bytes of fragment records held over all datagrams; beyond it the oldest are sent on. */
  maxBytes: number;
}

interface Held {
  created: number;
  /** The address-pair shard: where the fragments go when the datagram never completes here. */
  fallback: number;
  bytes: number;
  recs: { rec: CaptureRecord; num: number }[];
}

/**
 * Sends every fragment of a datagram to the shard that owns the datagram's flow, so the worker that tracks
 * the flow also rebuilds and inspects the datagram: `-z N` then alerts exactly as one thread does, flowbits
 * and stream state included. Only the rebuilt datagram knows its ports (a first fragment may be too short to
 * hold them, fragments arrive in any order), so this thread runs a defragmenter of its own over the fragments
 * it dispatches and holds their records until the datagram completes; then they all go to the 5-tuple shard,
 * in capture order. Fragments of a datagram that never completes are sent, at its timeout or when the held
 * bytes are over the cap, to the address-pair shard: there they are inspected as IP packets only, as on one
 * thread. The defragmenter's events are not counted here (the shard that receives the fragments counts them).
 */
export class FragmentRouter {
  private readonly lim: FragmentRouterLimits;
  private readonly defrag: Defragmenter;
  private readonly decoder = new Decoder(new EventCounts());
  private readonly rebuilt = new Packet();
  /** Datagrams waiting for fragments, oldest first. */
  private readonly held = new Map<string, Held>();
  private heldBytes = 0;
  private clock = 0;

  /** `pick`: the shard of a rebuilt datagram (the dispatcher's rule for whole packets). */
  constructor(
    private readonly shards: number,
    limits: Partial<FragmentRouterLimits> = {},
    private readonly pick: ShardPicker = shardPicker(shards, false),
  ) {
    this.lim = {
      timeout: limits.timeout ?? DEFAULT_DEFRAG_CONFIG.timeout,
      maxBytes: limits.maxBytes ?? DEFAULT_DEFRAG_CONFIG.maxBytes,
    };
    this.defrag = new Defragmenter(
      { timeout: this.lim.timeout, maxBytes: this.lim.maxBytes },
      new EventCounts(),
    );
  }

  /** Fragment records held now. */
  get pending(): number {
    let n = 0;
    for (const h of this.held.values()) n += h.recs.length;
    return n;
  }

  /** Route one decoded fragment (`pkt.isFragment`) whose capture record is `rec` (call `expire` per record first). */
  route(pkt: Packet, rec: CaptureRecord, num: number, send: ShardSend): void {
    const key = datagramKey(pkt);
    let h = this.held.get(key);
    if (h === undefined) {
      h = { created: rec.tsSec, fallback: shardKey(pkt) % this.shards, bytes: 0, recs: [] };
      this.held.set(key, h);
    }
    h.recs.push({ rec: { ...rec, data: rec.data.slice(0, rec.caplen) }, num });
    h.bytes += rec.caplen;
    this.heldBytes += rec.caplen;
    const dg = this.defrag.insert(pkt);
    if (dg !== null) {
      const rp = this.rebuilt;
      rp.reset();
      const k = this.decoder.decodeIp(rp, dg, 0, dg.length) ? this.pick(rp) : h.fallback;
      this.release(key, h, k, send);
    }
    while (this.heldBytes > this.lim.maxBytes) {
      const [oldKey, old] = this.held.entries().next().value as [string, Held];
      this.release(oldKey, old, old.fallback, send);
    }
  }

  /** Send on the fragments of datagrams that waited longer than the timeout. */
  expire(nowSec: number, send: ShardSend): void {
    if (nowSec <= this.clock) return;
    this.clock = nowSec;
    this.defrag.expire(nowSec);
    for (const [key, h] of this.held) {
      if (nowSec - h.created <= this.lim.timeout) break;
      this.release(key, h, h.fallback, send);
    }
  }

  /** End of input: every held fragment goes to its address-pair shard. */
  flush(send: ShardSend): void {
    for (const [key, h] of this.held) this.release(key, h, h.fallback, send);
  }

  private release(key: string, h: Held, shard: number, send: ShardSend): void {
    this.held.delete(key);
    this.heldBytes -= h.bytes;
    for (const r of h.recs) send(shard, r.rec, r.num);
  }
}

/** The defragmenter's datagram identity: version, addresses, IP id, and for IPv4 the protocol. */
function datagramKey(pkt: Packet): string {
  const n = pkt.ipVer === 4 ? 4 : 16;
  let k = `${pkt.ipVer}/${pkt.ipId}/${pkt.ipVer === 4 ? pkt.proto : -1}/`;
  for (let i = 0; i < n; i++) k += String.fromCharCode(pkt.src[i]!);
  for (let i = 0; i < n; i++) k += String.fromCharCode(pkt.dst[i]!);
  return k;
}
