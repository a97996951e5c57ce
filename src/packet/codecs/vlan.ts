import type { Codec } from './codec.js';

/** More stacked tags than any real network uses: treated as malformed (bounds `pkt.vlanIds`). */
const MAX_TAGS = 8;

/** 802.1Q / 802.1ad (QinQ) tag, also the pre-standard 0x9100/0x9200 S-tags: TCI then inner EtherType. */
export const vlan: Codec = {
  name: 'vlan',
  decode(dec, pkt, off, end) {
    if (end - off < 4) return dec.fail('vlan_truncated');
    if (pkt.vlanIds.length >= MAX_TAGS) return dec.fail('vlan_too_many_tags');
    const d = pkt.data;
    pkt.vlanIds.push(((d[off]! << 8) | d[off + 1]!) & 0x0fff);
    const type = (d[off + 2]! << 8) | d[off + 3]!;
    return dec.decodeEther(pkt, type, off + 4, end);
  },
};
