import type { Decoder } from '../decode.js';
import { TunnelKind, type Packet } from '../packet.js';
import type { Codec } from './codec.js';

const F_CSUM = 0x8000;
const F_ROUTING = 0x4000;
const F_KEY = 0x2000;
const F_SEQ = 0x1000;
const F_ACK = 0x0080;
const PPP = 0x880b;

/**
 * GRE (IP protocol 47, and UDP 4754 for GRE-over-UDP): version 0 (RFC 2784/2890: checksum, key, sequence,
 * and the RFC 1701 routing list) and version 1 (PPTP's enhanced GRE carrying PPP). The payload's protocol
 * type is an EtherType: 0x6558 transparent Ethernet bridging, IPv4, IPv6, ERSPAN, PPP.
 *
 * A malformed GRE header leaves the packet as the outer IP packet (payload = GRE header onwards): the
 * outer layers are valid and are inspected, as Snort does when a codec stops.
 */
export const gre: Codec = {
  name: 'gre',
  decode(dec, pkt, off, end) {
    const d = pkt.data;
    if (end - off < 4) return notTunnel(dec, 'gre_truncated');
    const flags = (d[off]! << 8) | d[off + 1]!;
    const proto = (d[off + 2]! << 8) | d[off + 3]!;
    const ver = flags & 7;
    let hl: number;
    if (ver === 0) {
      hl = v0HeaderLen(pkt, flags, off, end);
      if (hl < 0) return notTunnel(dec, 'gre_truncated');
    } else if (ver === 1) {
      if ((flags & (F_CSUM | F_ROUTING)) !== 0 || (flags & F_KEY) === 0 || proto !== PPP) {
        return notTunnel(dec, 'gre_v1_bad_header');
      }
      hl = 8 + (flags & F_SEQ ? 4 : 0) + (flags & F_ACK ? 4 : 0);
      if (hl > end - off) return notTunnel(dec, 'gre_truncated');
    } else {
      return notTunnel(dec, 'gre_bad_version');
    }
    return dec.tunnel(pkt, TunnelKind.GRE, proto, off + hl, end);
  },
};

function notTunnel(dec: Decoder, event: string): true {
  dec.events.add(event);
  return true;
}

/** Header length of a version-0 GRE header including the SRE list, or -1 when it overruns `end`. */
function v0HeaderLen(pkt: Packet, flags: number, off: number, end: number): number {
  let hl = 4 + (flags & (F_CSUM | F_ROUTING) ? 4 : 0) + (flags & F_KEY ? 4 : 0) + (flags & F_SEQ ? 4 : 0);
  if (hl > end - off) return -1;
  if ((flags & F_ROUTING) === 0) return hl;
  // Source route entries: family u16, offset u8, length u8, then `length` bytes; a zero entry ends them.
  const d = pkt.data;
  for (;;) {
    if (off + hl + 4 > end) return -1;
    const af = (d[off + hl]! << 8) | d[off + hl + 1]!;
    const len = d[off + hl + 3]!;
    hl += 4 + len;
    if (af === 0 && len === 0) return hl;
  }
}
