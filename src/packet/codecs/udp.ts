import type { Codec } from './codec.js';

/** UDP; the payload may be a tunnel (VXLAN, Geneve, GRE-over-UDP) chosen by destination port. */
export const udp: Codec = {
  name: 'udp',
  decode(dec, pkt, off, end) {
    const d = pkt.data;
    if (end - off < 8) return dec.fail('udp_truncated');
    let ulen = (d[off + 4]! << 8) | d[off + 5]!;
    const avail = end - off;
    if (ulen === 0 && pkt.ipVer === 6 && avail > 0xffff) {
      ulen = avail; // jumbogram
    } else if (ulen < 8) {
      return dec.fail('udp_bad_length');
    }
    if (!pkt.isFragment) {
      if (ulen > avail) {
        // A snaplen-cut capture legitimately loses the tail; a whole frame that is short is malformed.
        if (pkt.caplen >= pkt.wirelen) dec.events.add('udp_long_packet');
        ulen = avail;
      } else if (ulen < avail) {
        dec.events.add('udp_short_packet');
      }
    } else if (ulen > avail) {
      ulen = avail; // a first fragment holds only part of the datagram
    }
    pkt.l4Off = off;
    pkt.sport = (d[off]! << 8) | d[off + 1]!;
    pkt.dport = (d[off + 2]! << 8) | d[off + 3]!;
    pkt.payOff = off + 8;
    pkt.payLen = ulen - 8;
    return dec.decodeUdpPayload(pkt, off + 8, off + ulen);
  },
};
