import type { Codec } from './codec.js';

/** Ethernet II; 802.3 length frames (type < 0x600) are not IP and end decoding. */
export const eth: Codec = {
  name: 'eth',
  decode(dec, pkt, off, end) {
    if (end - off < 14) return dec.fail('eth_truncated');
    const d = pkt.data;
    const type = (d[off + 12]! << 8) | d[off + 13]!;
    return dec.decodeEther(pkt, type, off + 14, end);
  },
};
