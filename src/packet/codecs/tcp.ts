import type { Decoder } from '../decode.js';
import type { Packet } from '../packet.js';
import type { Codec } from './codec.js';

/** TCP: header, flags, and the options the engine uses (MSS, WS, SACK-permitted, SACK, timestamps). */
export const tcp: Codec = {
  name: 'tcp',
  decode(dec, pkt, off, end) {
    const d = pkt.data;
    if (end - off < 20) return dec.fail('tcp_truncated');
    const hlen = (d[off + 12]! >> 4) << 2;
    if (hlen < 20) return dec.fail('tcp_bad_offset');
    if (hlen > end - off) return dec.fail('tcp_truncated');
    pkt.l4Off = off;
    pkt.sport = (d[off]! << 8) | d[off + 1]!;
    pkt.dport = (d[off + 2]! << 8) | d[off + 3]!;
    pkt.seq = ((d[off + 4]! << 24) | (d[off + 5]! << 16) | (d[off + 6]! << 8) | d[off + 7]!) >>> 0;
    pkt.ack = ((d[off + 8]! << 24) | (d[off + 9]! << 16) | (d[off + 10]! << 8) | d[off + 11]!) >>> 0;
    pkt.tcpFlags = d[off + 13]!;
    pkt.win = (d[off + 14]! << 8) | d[off + 15]!;
    pkt.tcpHdrLen = hlen;
    pkt.tcpOptMask = 0;
    pkt.tcpWscale = -1;
    if (hlen > 20) readOptions(dec, pkt, off + 20, off + hlen);
    pkt.payOff = off + hlen;
    pkt.payLen = end - off - hlen;
    return true;
  },
};

/** Walk the options: note each kind in tcpOptMask; a bad length is counted and ends the walk. */
function readOptions(dec: Decoder, pkt: Packet, o: number, end: number): void {
  const d = pkt.data;
  let mask = 0;
  while (o < end) {
    const kind = d[o]!;
    if (kind === 0) break;
    if (kind === 1) {
      o++;
      continue;
    }
    if (o + 1 >= end) {
      dec.events.add('tcp_bad_option');
      break;
    }
    const olen = d[o + 1]!;
    if (olen < 2 || o + olen > end) {
      dec.events.add('tcp_bad_option');
      break;
    }
    if (kind < 32) mask |= 1 << kind;
    if (kind === 3) {
      if (olen === 3) pkt.tcpWscale = d[o + 2]!;
      else dec.events.add('tcp_bad_option');
    }
    o += olen;
  }
  pkt.tcpOptMask = mask >>> 0;
}
