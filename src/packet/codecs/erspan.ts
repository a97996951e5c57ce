import type { Codec } from './codec.js';
import { eth } from './eth.js';

/** ERSPAN type II (GRE protocol 0x88be): 8-byte header, version 1, then the mirrored Ethernet frame. */
export const erspan2: Codec = {
  name: 'erspan2',
  decode(dec, pkt, off, end) {
    if (end - off < 8) return dec.fail('erspan_truncated');
    if (pkt.data[off]! >> 4 !== 1) return dec.fail('erspan_bad_version');
    return eth.decode(dec, pkt, off + 8, end);
  },
};

/** ERSPAN type III (GRE protocol 0x22eb): 12-byte header, 8 more with the platform-specific subheader. */
export const erspan3: Codec = {
  name: 'erspan3',
  decode(dec, pkt, off, end) {
    if (end - off < 12) return dec.fail('erspan_truncated');
    if (pkt.data[off]! >> 4 !== 2) return dec.fail('erspan_bad_version');
    const hl = pkt.data[off + 11]! & 1 ? 20 : 12;
    if (end - off < hl) return dec.fail('erspan_truncated');
    return eth.decode(dec, pkt, off + hl, end);
  },
};
