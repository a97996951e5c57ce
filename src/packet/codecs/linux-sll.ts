import type { Codec } from './codec.js';

const ARPHRD_NETLINK = 824;

/** Linux "cooked" capture v1 (LINKTYPE_LINUX_SLL, 113): 16-byte header, protocol last. */
export const linux_sll: Codec = {
  name: 'linux_sll',
  decode(dec, pkt, off, end) {
    if (end - off < 16) return dec.fail('sll_truncated');
    const d = pkt.data;
    const hatype = (d[off + 2]! << 8) | d[off + 3]!;
    if (hatype === ARPHRD_NETLINK) return dec.fail('non_ip');
    const proto = (d[off + 14]! << 8) | d[off + 15]!;
    return dec.decodeEther(pkt, proto, off + 16, end);
  },
};

/** Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 276): 20-byte header, protocol first. */
export const linux_sll2: Codec = {
  name: 'linux_sll2',
  decode(dec, pkt, off, end) {
    if (end - off < 20) return dec.fail('sll_truncated');
    const d = pkt.data;
    const hatype = (d[off + 8]! << 8) | d[off + 9]!;
    if (hatype === ARPHRD_NETLINK) return dec.fail('non_ip');
    const proto = (d[off]! << 8) | d[off + 1]!;
    return dec.decodeEther(pkt, proto, off + 20, end);
  },
};
