import type { Codec } from './codec.js';

/** LINKTYPE_RAW (101): an IPv4 or IPv6 datagram, told apart by its version nibble. */
export const raw: Codec = {
  name: 'raw',
  decode(dec, pkt, off, end) {
    return dec.decodeIpAt(pkt, off, end);
  },
};

/** LINKTYPE_IPV4 (228). */
export const raw4: Codec = {
  name: 'raw4',
  decode(dec, pkt, off, end) {
    return dec.decodeEther(pkt, 0x0800, off, end);
  },
};

/** LINKTYPE_IPV6 (229). */
export const raw6: Codec = {
  name: 'raw6',
  decode(dec, pkt, off, end) {
    return dec.decodeEther(pkt, 0x86dd, off, end);
  },
};
