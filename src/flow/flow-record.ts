import type { Packet } from '../packet/packet.js';
import { TcpState, type Dir, type Flow } from './flow.js';
import type { FlowKey } from './flow-key.js';
import type { TcpStream } from './tcp-stream.js';
import { DOUBLE_ZERO } from '../core/double-zero.js';

/** Address bytes of 1,024 records (2 × 16 each) share one buffer: a record holds two views into it. */
const SLAB_RECORDS = 1024;
let slab = new Uint8Array(0);
let slabNext = 0;

/** A fresh 16-byte view for a record's address (records are recycled, never freed, so nor are views). */
function addrView(): Uint8Array {
  if (slabNext === slab.length) {
    slab = new Uint8Array(SLAB_RECORDS * 32);
    slabNext = 0;
  }
  const v = slab.subarray(slabNext, slabNext + 16);
  slabNext += 16;
  return v;
}

/**
 * The flow table's implementation of `Flow`. Records are recycled through a free list when flows end,
 * so consumers must not keep a record past `StreamSink.onFlowEnd`.
 *
 * Besides the public fields it carries the key (client/server address words and key ports), the
 * intrusive links of its hash chain and LRU list, and the TCP bookkeeping of the state machine.
 */
export class FlowRecord implements Flow {
  id = 0;
  proto = 0;
  ipVer: 4 | 6 = 4;
  /** Views into a shared buffer (one ArrayBuffer per 1,024 records, not one per address). */
  readonly clientIp = addrView();
  readonly serverIp = addrView();
  clientPort = 0;
  serverPort = 0;
  firstTsSec = 0;
  firstTsUsec = 0;
  lastTsSec = 0;
  lastTsUsec = 0;
  // packets and IP bytes per direction: plain fields, not two small arrays per record
  pkts0 = 0;
  pkts1 = 0;
  bytes0 = 0;
  bytes1 = 0;
  tcpState: number = TcpState.NONE;
  established = false;
  midstream = false;
  service: string | null = null;
  ignored = false;
  detect: unknown = null;
  app: unknown = null;

  // ---- key (client side first) ----
  hash = 0;
  c0 = 0;
  c1 = 0;
  c2 = 0;
  c3 = 0;
  v0 = 0;
  v1 = 0;
  v2 = 0;
  v3 = 0;
  cp = 0;
  vp = 0;

  // ---- table links ----
  chainNext: FlowRecord | null = null;
  lruPrev: FlowRecord | null = null;
  lruNext: FlowRecord | null = null;
  /** TimeoutClass of the LRU list holding the record, -1 when unlisted. */
  lruClass = -1;
  /** Engine clock (seconds) at the last packet; lists are ordered by it. */
  lastSeen = 0;

  // ---- per-direction state ----
  /** Bit per direction that has sent a packet. */
  seen = 0;
  /** TCP: bit 1<<dir once that side sent FIN, 4<<dir once the peer acknowledged it. */
  finMask = 0;
  finEnd0 = DOUBLE_ZERO;
  finEnd1 = DOUBLE_ZERO;
  packets(dir: Dir): number {
    return dir === 0 ? this.pkts0 : this.pkts1;
  }

  ipBytes(dir: Dir): number {
    return dir === 0 ? this.bytes0 : this.bytes1;
  }

  streamSize(dir: Dir): number {
    const st = dir === 0 ? this.stream0 : this.stream1;
    return st === null ? 0 : st.size;
  }

  stream0: TcpStream | null = null;
  stream1: TcpStream | null = null;
  /** `Packet.num` of the last packet whose payload went into reassembly (-1: none). */
  streamedNum = -1;

  /** Initialise for a new conversation; `clientIsSrc` says whether the packet's source is the client. */
  init(id: number, k: FlowKey, pkt: Packet, clientIsSrc: boolean): void {
    this.id = id;
    this.proto = k.proto;
    this.ipVer = k.ipVer;
    this.hash = k.hash;
    const tcpUdp = k.sp < 0x10000;
    if (clientIsSrc) {
      this.c0 = k.s0;
      this.c1 = k.s1;
      this.c2 = k.s2;
      this.c3 = k.s3;
      this.v0 = k.d0;
      this.v1 = k.d1;
      this.v2 = k.d2;
      this.v3 = k.d3;
      this.cp = k.sp;
      this.vp = k.dp;
      this.clientIp.set(pkt.src);
      this.serverIp.set(pkt.dst);
    } else {
      this.c0 = k.d0;
      this.c1 = k.d1;
      this.c2 = k.d2;
      this.c3 = k.d3;
      this.v0 = k.s0;
      this.v1 = k.s1;
      this.v2 = k.s2;
      this.v3 = k.s3;
      this.cp = k.dp;
      this.vp = k.sp;
      this.clientIp.set(pkt.dst);
      this.serverIp.set(pkt.src);
    }
    this.clientPort = tcpUdp ? this.cp : 0;
    this.serverPort = tcpUdp ? this.vp : 0;
    this.firstTsSec = this.lastTsSec = pkt.tsSec;
    this.firstTsUsec = this.lastTsUsec = pkt.tsUsec;
    this.restartSession();
  }

  /** Clear conversation state but keep the key (also used for TCP port reuse). */
  restartSession(): void {
    this.pkts0 = this.pkts1 = 0;
    this.bytes0 = this.bytes1 = 0;
    this.tcpState = TcpState.NONE;
    this.established = false;
    this.midstream = false;
    this.service = null;
    this.ignored = false;
    this.detect = null;
    this.app = null;
    this.seen = 0;
    this.finMask = 0;
    this.finEnd0 = this.finEnd1 = 0;
    this.streamedNum = -1;
    this.stream0?.reset();
    this.stream1?.reset();
  }

  /** Direction of a packet with key `k` (0 from client, 1 from server), or -1 when it is another flow. */
  match(k: FlowKey): number {
    if (this.proto !== k.proto || this.ipVer !== k.ipVer) return -1;
    if (
      this.c0 === k.s0 &&
      this.v0 === k.d0 &&
      this.cp === k.sp &&
      this.vp === k.dp &&
      this.c1 === k.s1 &&
      this.c2 === k.s2 &&
      this.c3 === k.s3 &&
      this.v1 === k.d1 &&
      this.v2 === k.d2 &&
      this.v3 === k.d3
    )
      return 0;
    if (
      this.c0 === k.d0 &&
      this.v0 === k.s0 &&
      this.cp === k.dp &&
      this.vp === k.sp &&
      this.c1 === k.d1 &&
      this.c2 === k.d2 &&
      this.c3 === k.d3 &&
      this.v1 === k.s1 &&
      this.v2 === k.s2 &&
      this.v3 === k.s3
    )
      return 1;
    return -1;
  }
}
