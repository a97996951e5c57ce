import { TunnelKind } from '../packet.js';
import type { Codec } from './codec.js';

/** VXLAN (UDP 4789, and 8472 as Linux used first): 8-byte header with the I flag, then Ethernet. */
export const vxlan: Codec = {
  name: 'vxlan',
  decode(dec, pkt, off, end) {
    // Not a VXLAN header: the UDP payload stays as it is.
    if (end - off < 8) return notTunnel(dec, 'vxlan_truncated');
    if ((pkt.data[off]! & 0x08) === 0) return notTunnel(dec, 'vxlan_bad_flags');
    return dec.tunnel(pkt, TunnelKind.VXLAN, 0x6558, off + 8, end);
  },
};

/** Geneve (UDP 6081): version 0, variable options, protocol type (EtherType) of the inner packet. */
export const geneve: Codec = {
  name: 'geneve',
  decode(dec, pkt, off, end) {
    const d = pkt.data;
    if (end - off < 8) return notTunnel(dec, 'geneve_truncated');
    if (d[off]! >> 6 !== 0) return notTunnel(dec, 'geneve_bad_version');
    const hl = 8 + ((d[off]! & 0x3f) << 2);
    if (hl > end - off) return notTunnel(dec, 'geneve_truncated');
    const proto = (d[off + 2]! << 8) | d[off + 3]!;
    return dec.tunnel(pkt, TunnelKind.GENEVE, proto, off + hl, end);
  },
};

function notTunnel(dec: Parameters<Codec['decode']>[0], event: string): true {
  dec.events.add(event);
  return true;
}
