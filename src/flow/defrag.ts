import type { EventCounts } from '../core/counters.js';
import type { Packet } from '../packet/packet.js';
import { FragTracker, fragLayout, type FragLayout } from './defrag-tracker.js';

export interface DefragConfig {
  /** Seconds from a datagram's first fragment until it is abandoned (`frag_timeout`). */
  timeout: number;
  /** Datagrams in reassembly at once; the oldest is dropped beyond it (`frag_memcap`). */
  maxDatagrams: number;
  /** Fragment bytes held over all datagrams; oldest datagrams are dropped to make room (`frag_memcap`). */
  maxBytes: number;
  /** A fragment other than the last carrying fewer bytes than this is counted as `frag_tiny`. */
  minFragLength: number;
}

export const DEFAULT_DEFRAG_CONFIG: Readonly<DefragConfig> = {
  timeout: 60,
  maxDatagrams: 8192,
  maxBytes: 32 << 20,
  minFragLength: 16,
};

const MAX_IP = 65535;

function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function fragHash(pkt: Packet): number {
  let h = Math.imul(pkt.ipId ^ 0x9e3779b1, 0xcc9e2d51);
  for (let i = 0; i < 16; i++) h = Math.imul(h ^ (pkt.src[i]! | (pkt.dst[i]! << 8)), 0x1b873593);
  return fmix(h ^ (pkt.ipVer === 4 ? pkt.proto : 0x100));
}

/**
 * IPv4 and IPv6 fragment reassembly. Overlaps resolve "first": bytes already held win over bytes of
 * a later fragment for the same offsets (Linux and BSD keep the first data too); the overlap is counted.
 */
export class Defragmenter {
  private readonly cfg: DefragConfig;
  /** Chains of trackers by hash. */
  private readonly table = new Map<number, FragTracker>();
  /** Trackers in creation order: the oldest is first, for timeouts and eviction. */
  private readonly age = new Set<FragTracker>();
  private readonly layout: FragLayout = { start: 0, end: 0, fragHdr: -1, nhPos: 0 };
  private heldBytes = 0;
  private clock = 0;

  constructor(
    cfg: Partial<DefragConfig>,
    private readonly events: EventCounts,
  ) {
    this.cfg = { ...DEFAULT_DEFRAG_CONFIG, ...cfg };
  }

  /** Datagrams currently being rebuilt. */
  get pending(): number {
    return this.age.size;
  }

  /**
   * Take one fragment; returns the rebuilt datagram (starting at its IP header, a fresh buffer the
   * caller owns) when it completes the datagram, else null.
   */
  insert(pkt: Packet): Uint8Array | null {
    if (!pkt.isFragment || pkt.ipVer === 0) return null;
    if (pkt.tsSec > this.clock) this.clock = pkt.tsSec;
    const L = this.layout;
    if (!fragLayout(pkt, L)) return this.drop('frag_bad_header');
    const off = pkt.fragOffset;
    let len = L.end - L.start;
    const hdrLen = pkt.ipVer === 4 ? pkt.ipHdrLen : L.fragHdr - pkt.ipOff;
    if (hdrLen + off + len > MAX_IP + (pkt.ipVer === 6 ? 40 : 0)) return this.drop('frag_too_large');
    if (pkt.mf && len < this.cfg.minFragLength) this.events.add('frag_tiny');
    if (pkt.mf && (len & 7) !== 0) this.events.add('frag_bad_len');
    const hash = fragHash(pkt);
    const t = this.find(hash, pkt) ?? this.create(hash, pkt);
    if (!pkt.mf) {
      if (t.end < 0) {
        t.end = off + len;
        if (t.maxEnd() > t.end) {
          this.events.add('frag_beyond_end');
          this.heldBytes -= t.truncate(t.end);
        }
      } else if (t.end !== off + len) {
        this.events.add('frag_bad_end');
      }
    }
    if (t.end >= 0 && off + len > t.end) {
      if (pkt.mf) this.events.add('frag_beyond_end');
      len = Math.max(0, t.end - off);
    }
    if (off === 0 && t.hdr === null) this.takeHeader(t, pkt, L);
    if (len > 0) {
      if (!this.makeRoom(t, len)) return this.drop('frag_memcap');
      const added = t.add(off, pkt.data, L.start, len);
      this.heldBytes += added;
      if (t.overlapped) this.events.add('frag_overlap');
    }
    if (!t.complete()) return null;
    this.remove(t);
    return t.build();
  }

  /** Abandon datagrams whose first fragment is older than the timeout. */
  expire(nowSec: number): void {
    if (nowSec > this.clock) this.clock = nowSec;
    for (const t of this.age) {
      if (nowSec - t.createdSec <= this.cfg.timeout) break;
      this.events.add('frag_timeout');
      this.remove(t);
    }
  }

  private drop(event: string): null {
    this.events.add(event);
    return null;
  }

  private find(hash: number, pkt: Packet): FragTracker | null {
    for (let t = this.table.get(hash) ?? null; t !== null; t = t.chainNext) {
      if (t.matches(hash, pkt)) return t;
    }
    return null;
  }

  private create(hash: number, pkt: Packet): FragTracker {
    while (this.age.size >= this.cfg.maxDatagrams) this.evictOldest();
    const t = new FragTracker();
    t.hash = hash;
    t.ipVer = pkt.ipVer === 6 ? 6 : 4;
    t.proto = pkt.proto;
    t.id = pkt.ipId;
    t.src.set(pkt.src);
    t.dst.set(pkt.dst);
    t.createdSec = this.clock;
    t.chainNext = this.table.get(hash) ?? null;
    this.table.set(hash, t);
    this.age.add(t);
    return t;
  }

  private takeHeader(t: FragTracker, pkt: Packet, L: FragLayout): void {
    const d = pkt.data;
    if (t.ipVer === 4) {
      t.hdr = d.slice(pkt.ipOff, L.start);
      return;
    }
    t.hdr = d.slice(pkt.ipOff, L.fragHdr);
    t.hdrNhPos = L.nhPos - pkt.ipOff;
    t.nextProto = d[L.fragHdr]!;
  }

  /** Keep total held bytes under the cap by dropping the oldest other datagrams. */
  private makeRoom(keep: FragTracker, len: number): boolean {
    while (this.heldBytes + len > this.cfg.maxBytes) {
      const oldest = this.age.values().next().value;
      if (oldest === undefined || oldest === keep) return false;
      this.events.add('frag_memcap');
      this.remove(oldest);
    }
    return true;
  }

  private evictOldest(): void {
    const oldest = this.age.values().next().value;
    if (oldest === undefined) return;
    this.events.add('frag_memcap');
    this.remove(oldest);
  }

  private remove(t: FragTracker): void {
    this.age.delete(t);
    this.heldBytes -= t.bytes;
    const head = this.table.get(t.hash) ?? null;
    if (head === t) {
      if (t.chainNext === null) this.table.delete(t.hash);
      else this.table.set(t.hash, t.chainNext);
    } else {
      let p = head;
      while (p !== null && p.chainNext !== t) p = p.chainNext;
      if (p !== null) p.chainNext = t.chainNext;
    }
    t.chainNext = null;
  }
}
