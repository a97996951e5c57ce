import { Scaled, type History } from './history.js';

/** Zeek's TCP endpoint states (EndpointState), in Zeek's numbering. */
export const Ep = {
  INACTIVE: 0,
  SYN_SENT: 1,
  SYN_ACK_SENT: 2,
  PARTIAL: 3,
  ESTABLISHED: 4,
  CLOSED: 5,
  RESET: 6,
} as const;

const TWO32 = 0x1_0000_0000;
/** Out-of-order blocks remembered per direction for gap accounting; more are ignored. */
const MAX_BLOCKS = 64;

export function seqDelta(a: number, b: number): number {
  return (a - b) | 0;
}

/**
 * One side of a TCP connection as Zeek's TCP_Endpoint tracks it: state, sequence space (start, last, ack,
 * with 32-bit wrap counts), FIN count, and the counters behind the logarithmic history letters. Content
 * gaps are found from ACKs passing bytes never seen, like Zeek's reassembler, with a bounded block list.
 */
export class TcpEndpoint {
  state: number = Ep.INACTIVE;
  prevState: number = Ep.INACTIVE;
  startSeq = 0;
  lastSeq = 0;
  ackSeq = 0;
  seqWraps = 0;
  ackWraps = 0;
  finCnt = 0;
  rstCnt = 0;
  /** Capture time (µs) of this side's last packet (for FIN/RST storms). */
  lastUs = 0;
  /** Relative sequence number one past the FIN. */
  finSeq = 0;
  didClose = false;
  /** Window tracking for `window_recision` (TCP_Endpoint window, window_scale, window_seq, window_ack_seq). */
  window = 0;
  windowScale = 0;
  windowSeq = 0;
  windowAckSeq = 0;
  histLastSyn = 0;
  histLastFin = 0;
  histLastRst = 0;
  readonly rxmt = new Scaled();
  readonly win0 = new Scaled();
  readonly gap = new Scaled();
  /** Relative sequence number up to which data was seen in order (or skipped as a gap). */
  reassem = 1;
  /** Out-of-order data seen beyond `reassem`: sorted disjoint [start, end) pairs. */
  private blocks: number[] = [];
  peer!: TcpEndpoint;

  /** Whether this side is Zeek's originator: changes when the connection's roles flip. */
  constructor(public isOrig: boolean) {}

  setState(s: number): void {
    if (s !== this.state) {
      this.prevState = this.state;
      this.state = s;
    }
  }

  init(start: number, ack: number, last: number): void {
    this.startSeq = start >>> 0;
    this.ackSeq = ack >>> 0;
    this.lastSeq = last >>> 0;
  }

  updateLastSeq(seq: number): void {
    if (seq < this.lastSeq && seqDelta(seq, this.lastSeq) > 0) this.seqWraps++;
    this.lastSeq = seq >>> 0;
  }

  updateAckSeq(seq: number): void {
    if (seq < this.ackSeq && seqDelta(seq, this.ackSeq) > 0) this.ackWraps++;
    this.ackSeq = seq >>> 0;
  }

  /** Set by `relative`: the number lay before the start of the sequence space. */
  underflow = false;

  /** Zeek's get_relative_seq (no allocation: the underflow flag is left in `underflow`). */
  relative(cur: number, last: number, wraps: number): number {
    let w = wraps;
    const d = seqDelta(cur, last);
    if (d < 0 && w > 0 && cur > last) w--;
    else if (d > 0 && cur < last) w++;
    if (w === 0) {
      const r = seqDelta(cur, this.startSeq);
      this.underflow = r < 0;
      return r;
    }
    this.underflow = false;
    return w * TWO32 + cur - this.startSeq;
  }

  private noDataAcked(): boolean {
    const ack = this.ackWraps * TWO32 + this.ackSeq;
    return ack === this.startSeq || ack === this.startSeq + 1;
  }

  /** Payload bytes by sequence numbers (TCP_Endpoint::Size). */
  size(): number {
    if (
      this.prevState === Ep.SYN_SENT &&
      this.state === Ep.RESET &&
      this.peer.state === Ep.INACTIVE &&
      !this.noDataAcked()
    )
      return 0;
    const last = this.seqWraps * TWO32 + this.lastSeq;
    const ack = this.ackWraps * TWO32 + this.ackSeq;
    // Zeek subtracts in unsigned 64 bits; a negative span (bogus sequence numbers) is reported as 0 here.
    let size = Math.max(0, (last > ack ? last : ack) - this.startSeq);
    if (size !== 0) size--; // the SYN octet
    if (this.finCnt > 0 && size !== 0) size--; // the FIN octet
    return size;
  }

  rxmitLetter(h: History): void {
    if (this.rxmt.hit()) h.add(this.isOrig ? 'T' : 't');
  }

  zeroWindowLetter(h: History): void {
    if (this.win0.hit()) h.add(this.isOrig ? 'W' : 'w');
  }

  /** Once per mask bit per side (Zeek's TCP_Endpoint::CheckHistory). */
  check(h: History, mask: number, code: string): boolean {
    return this.isOrig ? h.check(mask, code) : h.check(mask << 16, code.toLowerCase());
  }

  add(h: History, code: string): void {
    h.add(this.isOrig ? code : code.toLowerCase());
  }

  /** Payload [seq, seq+len) in relative sequence space was seen. */
  dataSent(seq: number, len: number): void {
    const end = seq + len;
    if (seq <= this.reassem) {
      if (end > this.reassem) {
        this.reassem = end;
        this.absorb();
      }
      return;
    }
    this.insertBlock(seq, end);
  }

  /**
   * The peer acknowledged up to relative `ack`: bytes before it that were never seen are a content gap.
   * Returns the number of missing bytes.
   */
  ackReceived(ack: number): number {
    let upTo = ack;
    // The FIN's sequence octet is not data.
    if (this.finCnt > 0 && upTo >= this.finSeq) upTo = this.finSeq - 1;
    if (upTo <= this.reassem) return 0;
    let missing = 0;
    let cur = this.reassem;
    const b = this.blocks;
    let i = 0;
    for (; i < b.length && b[i]! < upTo; i += 2) {
      if (b[i]! > cur) missing += b[i]! - cur;
      cur = Math.max(cur, b[i + 1]!);
    }
    if (i > 0) b.splice(0, i);
    if (upTo > cur) {
      missing += upTo - cur;
      cur = upTo;
    }
    this.reassem = cur;
    this.absorb();
    return missing;
  }

  gapLetter(h: History): void {
    if (this.gap.hit()) h.add(this.isOrig ? 'G' : 'g');
  }

  private absorb(): void {
    const b = this.blocks;
    let i = 0;
    while (i < b.length && b[i]! <= this.reassem) {
      if (b[i + 1]! > this.reassem) this.reassem = b[i + 1]!;
      i += 2;
    }
    if (i > 0) b.splice(0, i);
  }

  private insertBlock(s: number, e: number): void {
    const b = this.blocks;
    let i = 0;
    while (i < b.length && b[i + 1]! < s) i += 2;
    let ns = s;
    let ne = e;
    let j = i;
    while (j < b.length && b[j]! <= ne) {
      ns = Math.min(ns, b[j]!);
      ne = Math.max(ne, b[j + 1]!);
      j += 2;
    }
    if (j === i && b.length >= MAX_BLOCKS * 2) return;
    b.splice(i, j - i, ns, ne);
  }
}
