import { TcpFlag, type Packet } from '../packet/packet.js';
import { TcpState, TO_CLIENT, TO_SERVER, type Dir } from './flow.js';
import type { FlowRecord } from './flow-record.js';

const SYN_ACK = TcpFlag.SYN | TcpFlag.ACK;
/** finMask value once both sides sent FIN and both FINs were acknowledged. */
const BOTH_FINS_ACKED = 0xf;

/** Initial state of a TCP flow created by `pkt`. */
export function initTcp(f: FlowRecord, pkt: Packet): void {
  const fl = pkt.tcpFlags & SYN_ACK;
  if (fl === TcpFlag.SYN) {
    f.tcpState = TcpState.SYN_SENT;
  } else if (fl === SYN_ACK) {
    // The SYN was missed; the SYN-ACK's receiver is the client.
    f.tcpState = TcpState.SYN_RCVD;
    f.midstream = true;
  } else {
    f.midstream = true;
    if (pkt.tcpFlags & TcpFlag.RST) f.tcpState = TcpState.CLOSED;
  }
}

/** Who opened a TCP flow first seen with `pkt`: true when its source is the client. */
export function tcpClientIsSrc(pkt: Packet): boolean {
  const fl = pkt.tcpFlags & SYN_ACK;
  if (fl === TcpFlag.SYN) return true;
  if (fl === SYN_ACK) return false;
  // Midstream: the lower port is the service (this also puts a well-known port < 1024 on the server).
  return pkt.sport >= pkt.dport;
}

/**
 * Advance the session state for a packet of direction `dir` (SYN_SENT → SYN_RCVD → ESTABLISHED →
 * CLOSING → CLOSED). RST closes at once; both FINs acknowledged close. Sequence numbers are not
 * validated against the window (a forged RST closes the session: see NOTES.md).
 */
export function updateTcpState(f: FlowRecord, dir: Dir, pkt: Packet): void {
  const fl = pkt.tcpFlags;
  if (fl & TcpFlag.RST) {
    f.tcpState = TcpState.CLOSED;
    return;
  }
  switch (f.tcpState) {
    case TcpState.SYN_SENT:
      if (dir === TO_CLIENT && (fl & SYN_ACK) === SYN_ACK) f.tcpState = TcpState.SYN_RCVD;
      break;
    case TcpState.SYN_RCVD:
      if (dir === TO_SERVER && (fl & SYN_ACK) === TcpFlag.ACK) establish(f);
      break;
    case TcpState.NONE:
      // Picked up midstream: data means the session is in its data transfer phase (Snort's default).
      if (pkt.payLen > 0) establish(f);
      break;
  }
  if (fl & TcpFlag.FIN) noteFin(f, dir, pkt);
  if (fl & TcpFlag.ACK && f.finMask !== 0) noteAck(f, dir, pkt.ack);
}

function establish(f: FlowRecord): void {
  f.tcpState = TcpState.ESTABLISHED;
  f.established = true;
}

function noteFin(f: FlowRecord, dir: Dir, pkt: Packet): void {
  const bit = 1 << dir;
  if ((f.finMask & bit) === 0) {
    f.finMask |= bit;
    // The FIN occupies the sequence number after the data (and after the SYN when both are set).
    const end = (pkt.seq + pkt.payLen + (pkt.tcpFlags & TcpFlag.SYN ? 1 : 0) + 1) >>> 0;
    if (dir === TO_SERVER) f.finEnd0 = end;
    else f.finEnd1 = end;
  }
  if (f.tcpState !== TcpState.CLOSED) f.tcpState = TcpState.CLOSING;
}

function noteAck(f: FlowRecord, dir: Dir, ack: number): void {
  const peer = dir === TO_SERVER ? TO_CLIENT : TO_SERVER;
  const finBit = 1 << peer;
  if ((f.finMask & finBit) === 0 || (f.finMask & (finBit << 2)) !== 0) return;
  const end = peer === TO_SERVER ? f.finEnd0 : f.finEnd1;
  if (((ack - end) | 0) >= 0) {
    f.finMask |= finBit << 2;
    if (f.finMask === BOTH_FINS_ACKED) f.tcpState = TcpState.CLOSED;
  }
}
