import type { Codec } from './codec.js';

const PPP_IP = 0x0021;
const PPP_IPV6 = 0x0057;

/** PPP as carried by PPTP's GRE (EtherType 0x880b): optional ff 03 address/control, 1- or 2-byte protocol. */
export const ppp: Codec = {
  name: 'ppp_encap',
  decode(dec, pkt, off, end) {
    const d = pkt.data;
    if (end - off >= 2 && d[off] === 0xff && d[off + 1] === 0x03) off += 2;
    if (end - off < 1) return dec.fail('ppp_truncated');
    let proto: number;
    if (d[off]! & 1) {
      proto = d[off]!; // protocol-field compression
      off += 1;
    } else {
      if (end - off < 2) return dec.fail('ppp_truncated');
      proto = (d[off]! << 8) | d[off + 1]!;
      off += 2;
    }
    if (proto === PPP_IP) return dec.decodeEther(pkt, 0x0800, off, end);
    if (proto === PPP_IPV6) return dec.decodeEther(pkt, 0x86dd, off, end);
    return dec.fail('non_ip');
  },
};

/** PPPoE session stage (EtherType 0x8864): 6-byte header, then the PPP protocol. */
export const pppoe: Codec = {
  name: 'pppoe',
  decode(dec, pkt, off, end) {
    const d = pkt.data;
    if (end - off < 8) return dec.fail('pppoe_truncated');
    const len = (d[off + 4]! << 8) | d[off + 5]!;
    const stop = Math.min(end, off + 6 + len);
    return ppp.decode(dec, pkt, off + 6, stop);
  },
};
