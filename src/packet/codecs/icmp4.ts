import type { Codec } from './codec.js';

/** ICMPv4 types whose header carries an identifier and sequence number. */
function hasIdSeq(type: number): boolean {
  return type === 0 || type === 8 || (type >= 13 && type <= 18);
}

/**
 * ICMPv4: type, code, id/seq for echo, timestamp, information and address-mask messages. The payload
 * starts after the 8-byte header, so for error messages it is the quoted datagram.
 */
export const icmp4: Codec = {
  name: 'icmp4',
  decode(dec, pkt, off, end) {
    const d = pkt.data;
    if (end - off < 8) return dec.fail('icmp4_truncated');
    pkt.l4Off = off;
    const type = d[off]!;
    pkt.icmpType = type;
    pkt.icmpCode = d[off + 1]!;
    if (hasIdSeq(type)) {
      pkt.icmpId = (d[off + 4]! << 8) | d[off + 5]!;
      pkt.icmpSeq = (d[off + 6]! << 8) | d[off + 7]!;
    }
    pkt.payOff = off + 8;
    pkt.payLen = end - off - 8;
    return true;
  },
};
