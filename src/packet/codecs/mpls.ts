import type { Codec } from './codec.js';

const MAX_LABELS = 8;

/**
 * MPLS unicast/multicast (0x8847/0x8848): labels up to the bottom-of-stack bit, then the payload by its
 * first nibble — IPv4, IPv6, or 0 for a pseudowire control word followed by Ethernet.
 */
export const mpls: Codec = {
  name: 'mpls',
  decode(dec, pkt, off, end) {
    const d = pkt.data;
    for (let i = 0; ; i++) {
      if (i === MAX_LABELS) return dec.fail('mpls_too_many_labels');
      if (end - off < 4) return dec.fail('mpls_truncated');
      const bos = d[off + 2]! & 1;
      off += 4;
      if (bos) break;
    }
    if (off >= end) return dec.fail('mpls_truncated');
    const nib = d[off]! >> 4;
    if (nib === 4) return dec.decodeEther(pkt, 0x0800, off, end);
    if (nib === 6) return dec.decodeEther(pkt, 0x86dd, off, end);
    if (nib === 0) return dec.decodeEther(pkt, 0x6558, off + 4, end);
    return dec.fail('mpls_bad_payload');
  },
};
