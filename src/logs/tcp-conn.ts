import { TcpFlag } from '../packet/packet.js';
import { Hist, History } from './history.js';
import { Ep, seqDelta, TcpEndpoint } from './tcp-endpoint.js';

const SYN = TcpFlag.SYN;
const FIN = TcpFlag.FIN;
const RST = TcpFlag.RST;
const ACK = TcpFlag.ACK;
const URG = TcpFlag.URG;
const TOO_LARGE_SEQ_DELTA = 1048576;
/** Zeek's tcp_storm_thresh and tcp_storm_interarrival_thresh (1 s): FINs or RSTs this many, this close. */
const STORM_THRESH = 1000;
const STORM_INTERARRIVAL_US = 1e6;

/** The TCP fields of one packet, already oriented (isOrig = sent by Zeek's originator). */
export interface TcpSeg {
  flags: number;
  seq: number;
  ack: number;
  win: number;
  /** The window scale option's shift, -1 without the option (read on SYNs only). */
  wscale: number;
  /** Payload length from the IP header's length (not the captured bytes). */
  len: number;
}

/** What the TCP analysis reports to its connection. */
export interface TcpConnEvents {
  /** A weird of Zeek's TCP analyzer (`SYN_seq_jump`, `data_before_established` …). */
  weird(name: string): void;
  /** SYN/SYN-ACK reversal: the originator and responder swap (Connection::FlipRoles). */
  flip(): void;
}

const NO_EVENTS: TcpConnEvents = { weird() {}, flip() {} };

/**
 * Zeek's per-connection TCP analysis as far as conn.log and weird.log need it (TCPSessionAdapter::Process
 * and its state machine): endpoint states for `conn_state`, sequence spaces for the byte counts, `history`
 * letters, gaps for `missed_bytes`, the last time that counts for `duration`, the analyzer's weirds, and
 * the SYN/SYN-ACK reversal that flips the connection's roles.
 */
export class TcpConn {
  orig = new TcpEndpoint(true);
  resp = new TcpEndpoint(false);
  /** Microseconds of the last packet before both sides closed. */
  lastUs = 0;
  missedBytes = 0;
  private partial = false;
  private firstSeen = 0;
  /** A weird was raised (Connection::DidWeird, for `possible_split_routing`). */
  private didWeird = false;

  constructor(
    readonly hist: History,
    private readonly events: TcpConnEvents = NO_EVENTS,
  ) {
    this.orig.peer = this.resp;
    this.resp.peer = this.orig;
  }

  private weird(name: string): void {
    this.didWeird = true;
    this.events.weird(name);
  }

  packet(isOrig: boolean, p: TcpSeg, us: number): void {
    const ep = isOrig ? this.orig : this.resp;
    const peer = ep.peer;
    const f = p.flags;
    this.setPartial(f, isOrig);
    let segLen = p.len;
    if (f & SYN) segLen++;
    if (f & FIN) segLen++;
    if (f & RST) segLen -= p.len;
    const seqEnd = (p.seq + segLen) >>> 0;
    this.initEndpoint(ep, f, p.seq, seqEnd);
    const rel = ep.relative(p.seq, ep.lastSeq, ep.seqWraps);
    const underflow = ep.underflow;
    if (underflow && !(f & RST)) this.weird('TCP_seq_underflow_or_misorder');
    updateHistory(this.hist, f, ep, rel, p.len);
    this.updateWindow(ep, p);
    if (!this.orig.didClose || !this.resp.didClose) this.lastUs = us;
    if (f & SYN) {
      if (f & RST) this.weird('TCP_christmas');
      if (f & URG) this.weird('baroque_SYN');
      if (p.len > 0) this.weird('SYN_with_data');
      initWindow(ep, peer, f, p.wscale, p.seq, p.ack);
    }
    if (f & FIN) {
      ep.finCnt++;
      if (ep.finCnt >= STORM_THRESH && us < ep.lastUs + STORM_INTERARRIVAL_US) this.weird('FIN_storm');
      ep.finSeq = rel + segLen;
    }
    if (f & RST) {
      ep.rstCnt++;
      if (ep.rstCnt >= STORM_THRESH && us < ep.lastUs + STORM_INTERARRIVAL_US) this.weird('RST_storm');
    }
    let relAck = 0;
    if (f & ACK) {
      if (peer.state === Ep.INACTIVE) {
        relAck = 1;
        if (
          !(f & (SYN | FIN | RST)) &&
          (ep.state === Ep.SYN_SENT || ep.state === Ep.SYN_ACK_SENT || ep.state === Ep.ESTABLISHED) &&
          !this.didWeird
        ) {
          // A SYN was sent, the other side never answered, yet its data is acknowledged.
          this.weird('possible_split_routing');
        }
        // Number the silent peer's bytes as if its SYN had been seen.
        const a = (p.ack - 1) >>> 0;
        peer.init(a, a, a);
      } else {
        const r = peer.relative(p.ack, peer.ackSeq, peer.ackWraps);
        if (peer.underflow) this.weird('TCP_ack_underflow_or_misorder');
        else {
          relAck = r;
          if (!(f & RST)) updateAckSeq(peer, p.ack);
        }
      }
    }
    const deltaLast = updateLastSeq(ep, seqEnd, f, p.len, this.hist);
    ep.lastUs = us;
    const close = this.stateMachine(ep, peer, p, isOrig, deltaLast);
    if (f & ACK) this.acked(peer, relAck);
    if (p.len > 0 && !(f & RST) && !underflow) ep.dataSent(f & SYN ? rel + 1 : rel, p.len);
    if (close) ep.didClose = true;
    this.firstSeen |= isOrig ? 1 : 2;
  }

  /** update_window: zero windows for the history, and windows taken back (`window_recision`). */
  private updateWindow(ep: TcpEndpoint, p: TcpSeg): void {
    const f = p.flags;
    const scale = ep.windowScale;
    const window = p.win * 2 ** scale;
    if (window === 0 && !(f & RST) && ep.peer.state !== Ep.CLOSED && ep.state !== Ep.RESET) {
      ep.zeroWindowLetter(this.hist);
    }
    // SYN, FIN and RST windows are often rescinded at once: not judged, as in Zeek.
    if (f & (SYN | FIN | RST) || ep.state === Ep.CLOSED || ep.state === Ep.RESET) return;
    if (seqDelta(p.seq, ep.windowSeq) < 0 || seqDelta(p.ack, ep.windowAckSeq) < 0) return;
    const advance = seqDelta((p.ack + window) >>> 0, (ep.windowAckSeq + ep.window) >>> 0);
    if (advance < 0 && -advance >= 2 ** scale) this.weird('window_recision');
    ep.window = window;
    ep.windowAckSeq = p.ack;
    ep.windowSeq = p.seq;
  }

  private acked(ep: TcpEndpoint, relAck: number): void {
    const missing = ep.ackReceived(relAck);
    // Zeek reports gaps only while both sides are established: a gap revealed by a FIN or RST at the
    // end, or on a partial connection, is not trustworthy.
    if (missing > 0 && ep.state === Ep.ESTABLISHED && ep.peer.state === Ep.ESTABLISHED) {
      this.missedBytes += missing;
      ep.gapLetter(this.hist);
    }
  }

  private setPartial(f: number, isOrig: boolean): void {
    if (isOrig) {
      if (!(this.firstSeen & 1)) this.partial = !(f & SYN) || (f & ACK) !== 0;
    } else if (!(this.firstSeen & 2) && !this.partial) this.partial = !(f & SYN);
  }

  /** UpdateStateMachine; returns whether this side closed (FIN or RST). */
  private stateMachine(
    ep: TcpEndpoint,
    peer: TcpEndpoint,
    p: TcpSeg,
    isOrig: boolean,
    deltaLast: number,
  ): boolean {
    const f = p.flags;
    switch (ep.state) {
      case Ep.INACTIVE:
        return this.inactive(ep, peer, p, isOrig);
      case Ep.SYN_SENT:
      case Ep.SYN_ACK_SENT:
        return this.synSent(ep, peer, p, isOrig);
      case Ep.ESTABLISHED:
      case Ep.PARTIAL: {
        let close = false;
        if (f & SYN && ep.state === Ep.PARTIAL && peer.state === Ep.INACTIVE && !(f & ACK)) {
          this.weird('SYN_after_partial');
          ep.setState(Ep.SYN_SENT);
        }
        if (f & FIN && !(f & RST)) {
          ep.setState(Ep.CLOSED);
          // A FIN then RST from the peer was a normal close after all.
          if (peer.state === Ep.RESET && peer.prevState === Ep.CLOSED) peer.setState(Ep.CLOSED);
          close = true;
        }
        if (f & RST) {
          ep.setState(Ep.RESET);
          close = true;
        }
        return close;
      }
      case Ep.CLOSED:
        if (f & SYN) this.weird('SYN_after_close');
        if (f & FIN && deltaLast > 0) this.weird('FIN_advanced_last_seq');
        // After a FIN exchange a RST does not change the states.
        if (f & RST && peer.state !== Ep.CLOSED) {
          ep.setState(Ep.RESET);
          return !ep.didClose;
        }
        return false;
      case Ep.RESET:
        if (f & SYN) this.weird('SYN_after_reset');
        if (f & FIN) this.weird('FIN_after_reset');
        if (p.len > 0 && !(f & RST)) this.weird('data_after_reset');
        return false;
      default:
        return false;
    }
  }

  private synSent(ep: TcpEndpoint, peer: TcpEndpoint, p: TcpSeg, isOrig: boolean): boolean {
    const f = p.flags;
    if (f & SYN) {
      if (isOrig) {
        if (f & ACK && !(f & (FIN | RST)) && ep.state !== Ep.SYN_ACK_SENT)
          this.weird('repeated_SYN_with_ack');
      } else if (!(f & ACK) && ep.state !== Ep.SYN_SENT) this.weird('repeated_SYN_reply_wo_ack');
    }
    if (f & FIN) {
      if (peer.state === Ep.INACTIVE || peer.state === Ep.SYN_SENT) this.weird('inappropriate_FIN');
      ep.setState(Ep.CLOSED);
    }
    if (f & RST) ep.setState(Ep.RESET);
    else if (p.len > 0) this.weird('data_before_established');
    return (f & (FIN | RST)) !== 0;
  }

  private inactive(ep: TcpEndpoint, peer: TcpEndpoint, p: TcpSeg, isOrig: boolean): boolean {
    const f = p.flags;
    let close = false;
    if (f & SYN) {
      if (isOrig) {
        if (f & ACK) {
          this.weird('connection_originator_SYN_ack');
          ep.setState(Ep.SYN_ACK_SENT);
        } else ep.setState(Ep.SYN_SENT);
      } else {
        if (f & ACK) {
          if (
            peer.state !== Ep.INACTIVE &&
            peer.state !== Ep.PARTIAL &&
            !seqBetween(p.ack, peer.startSeq, peer.lastSeq)
          ) {
            this.weird('bad_SYN_ack');
          }
        } else if (peer.state === Ep.SYN_ACK_SENT && p.seq === ep.startSeq) {
          // SYN/SYN-ACK reversal: the SYN-ACK was seen first. This side opened the connection.
          this.partial = false;
          this.flipRoles();
          peer.setState(Ep.ESTABLISHED);
        } else this.weird('simultaneous_open');
        if (peer.state === Ep.SYN_SENT) peer.setState(Ep.ESTABLISHED);
        else if (peer.state === Ep.INACTIVE) this.weird('unsolicited_SYN_response');
        ep.setState(Ep.ESTABLISHED);
      }
    }
    if (f & FIN) {
      ep.setState(Ep.CLOSED);
      close = true;
      if (peer.state !== Ep.PARTIAL && !(f & SYN)) this.weird('spontaneous_FIN');
    }
    if (f & RST) {
      ep.setState(Ep.RESET);
      close = true;
      const reject = isOrig
        ? peer.state === Ep.ESTABLISHED
        : peer.state === Ep.SYN_SENT || peer.state === Ep.SYN_ACK_SENT;
      if (!reject && peer.state === Ep.INACTIVE) this.weird('spontaneous_RST');
    }
    if (ep.state === Ep.INACTIVE) {
      if (!isOrig && p.len === 0 && this.orig.state === Ep.SYN_SENT) {
        // Some stacks ACK a SYN before answering it: not a partial connection.
      } else if (f & ACK && peer.state === Ep.ESTABLISHED) {
        // SYN-ACK seen, SYN missed, now a pure ACK: treat as established.
        ep.setState(Ep.ESTABLISHED);
        this.partial = false;
      } else {
        ep.setState(Ep.PARTIAL);
      }
    }
    return close;
  }

  /** TCPSessionAdapter::FlipRoles: the endpoints swap roles; the connection swaps its side too. */
  flipRoles(): void {
    const o = this.orig;
    this.orig = this.resp;
    this.resp = o;
    this.orig.isOrig = !this.orig.isOrig;
    this.resp.isOrig = !this.resp.isOrig;
    this.events.flip();
  }

  /** init_endpoint, with its weirds. */
  private initEndpoint(ep: TcpEndpoint, f: number, seq: number, seqEnd: number): void {
    switch (ep.state) {
      case Ep.INACTIVE:
        if (f & SYN) ep.init(seq, seq, seqEnd);
        // Partial connection: number as though a SYN had been seen, and do not call this packet a retransmit.
        else ep.init(seq - 1, seq - 1, seq);
        break;
      case Ep.SYN_SENT:
      case Ep.SYN_ACK_SENT:
        if (f & SYN && seq !== ep.startSeq) {
          this.weird('SYN_seq_jump');
          ep.init(seq, seq, seqEnd);
        }
        break;
      case Ep.ESTABLISHED:
      case Ep.PARTIAL:
        // A SYN inside a connection: guess that this SYN is the one that really sets it up.
        if (f & SYN) {
          if (ep.size() > 0) this.weird('SYN_inside_connection');
          if (seq !== ep.startSeq) this.weird('SYN_seq_jump');
          ep.init(seq, seq, seqEnd);
        }
        break;
      case Ep.RESET:
        if (f & SYN && ep.prevState === Ep.INACTIVE) ep.init(seq, seq, seqEnd);
        break;
    }
  }
}

/** init_window: the scale a SYN offers, and where both sides' windows are measured from. */
function initWindow(
  ep: TcpEndpoint,
  peer: TcpEndpoint,
  f: number,
  scale: number,
  seq: number,
  ack: number,
): void {
  if (scale < 0) {
    // No window scaling: if this SYN-ACK declines it, neither side scales.
    ep.windowScale = 0;
    if (f & ACK) peer.windowScale = 0;
    return;
  }
  ep.windowScale = scale;
  ep.windowSeq = seq;
  ep.windowAckSeq = ack;
  peer.windowSeq = ack;
  peer.windowAckSeq = seq;
}

/** Zeek's seq_between: `seq` lies in [low, high] of the 32-bit sequence space. */
function seqBetween(seq: number, low: number, high: number): boolean {
  return seqDelta(seq, low) >= 0 && seqDelta(seq, high) <= 0;
}

function updateHistory(h: History, f: number, ep: TcpEndpoint, rel: number, len: number): void {
  const bits = (f & SYN ? 1 : 0) + (f & FIN ? 1 : 0) + (f & RST ? 1 : 0);
  if (bits > 1) {
    if (f & FIN && f & RST) ep.check(h, Hist.FIN_RST, 'I');
    else ep.check(h, Hist.MULTI_FLAG, 'Q');
  } else if (bits === 1) {
    if (f & SYN) {
      const code = f & ACK ? 'H' : 'S';
      if (ep.check(h, Hist.SYN, code) && rel !== ep.histLastSyn) ep.add(h, code);
      ep.histLastSyn = rel;
    }
    if (f & FIN) {
      // A FIN's sequence number is the one after its data.
      if (ep.check(h, Hist.FIN, 'F') && rel + len !== ep.histLastFin) ep.add(h, 'F');
      ep.histLastFin = rel + len;
    }
    if (f & RST) {
      if (ep.check(h, Hist.RST, 'R') && rel !== ep.histLastRst) ep.add(h, 'R');
      ep.histLastRst = rel;
    }
  } else if (len > 0) ep.check(h, Hist.DATA, 'D');
  else if (f & ACK) ep.check(h, Hist.ACK, 'A');
}

function updateAckSeq(ep: TcpEndpoint, ack: number): void {
  const d = seqDelta(ack, ep.ackSeq);
  if (ack === 0 && d > TOO_LARGE_SEQ_DELTA) return; // a broken ACK, not a wrap onto 0
  if (d > 0) ep.updateAckSeq(ack);
}

/**
 * Advance the endpoint's last sequence number; data that does not advance it is a retransmission. Returns
 * how far `last` lies past the endpoint's last sequence number (negative: before it).
 */
function updateLastSeq(ep: TcpEndpoint, last: number, f: number, len: number, h: History): number {
  const d = seqDelta(last, ep.lastSeq);
  if (f & (SYN | RST) && (d > TOO_LARGE_SEQ_DELTA || d < -TOO_LARGE_SEQ_DELTA)) {
    // Implausible SYN/RST sequence numbers are not trusted.
  } else if (f & FIN && ep.lastSeq === (ep.startSeq + 1) >>> 0) {
    ep.updateLastSeq(last); // > 2 GB connections where only SYN and FIN were seen
  } else if (ep.state === Ep.RESET) {
    // Nothing after a RST is trusted.
  } else if (d > 0) ep.updateLastSeq(last);
  else if (len > 0) ep.rxmitLetter(h);
  return d;
}
