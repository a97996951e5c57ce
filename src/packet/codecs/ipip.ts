import { TunnelKind } from '../packet.js';
import type { Codec } from './codec.js';

/** IPv4 encapsulated in IP (protocol 4). */
export const ipip: Codec = {
  name: 'ipip',
  decode(dec, pkt, off, end) {
    return dec.tunnel(pkt, TunnelKind.IP, 0x0800, off, end);
  },
};

/** IPv6 encapsulated in IP (protocol 41, 6in4 / 6to4). */
export const ip6in4: Codec = {
  name: 'ipv6_in_ip',
  decode(dec, pkt, off, end) {
    return dec.tunnel(pkt, TunnelKind.IP, 0x86dd, off, end);
  },
};
