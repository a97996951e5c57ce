import type { Codec } from './codec.js';

/** ICMPv6: type, code, id/seq for echo request/reply (128/129); payload after the 8-byte header. */
export const icmp6: Codec = {
  name: 'icmp6',
  decode(dec, pkt, off, end) {
    const d = pkt.data;
    if (end - off < 8) return dec.fail('icmp6_truncated');
    pkt.l4Off = off;
    const type = d[off]!;
    pkt.icmpType = type;
    pkt.icmpCode = d[off + 1]!;
    if (type === 128 || type === 129) {
      pkt.icmpId = (d[off + 4]! << 8) | d[off + 5]!;
      pkt.icmpSeq = (d[off + 6]! << 8) | d[off + 7]!;
    }
    pkt.payOff = off + 8;
    pkt.payLen = end - off - 8;
    return true;
  },
};
