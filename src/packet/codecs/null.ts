import type { Decoder } from '../decode.js';
import type { Packet } from '../packet.js';
import type { Codec } from './codec.js';

/** Address-family values for IPv6 differ by OS: Linux 10, NetBSD/OpenBSD 24, FreeBSD 28, Darwin 30. */
function familyToEther(af: number): number {
  if (af === 2) return 0x0800;
  if (af === 10 || af === 24 || af === 28 || af === 30) return 0x86dd;
  return 0;
}

function dispatch(af: number, dec: Decoder, pkt: Packet, off: number, end: number): boolean {
  const type = familyToEther(af);
  if (type === 0) return dec.fail('non_ip');
  return dec.decodeEther(pkt, type, off + 4, end);
}

/**
 * BSD loopback (LINKTYPE_NULL, 0): a 4-byte family in the capturing host's byte order, which the file does
 * not record — families are small, so a value above 0xffff means the other order.
 */
export const null_: Codec = {
  name: 'null',
  decode(dec, pkt, off, end) {
    if (end - off < 4) return dec.fail('null_truncated');
    const d = pkt.data;
    let af = (d[off]! | (d[off + 1]! << 8) | (d[off + 2]! << 16) | (d[off + 3]! << 24)) >>> 0;
    if (af > 0xffff) af = ((d[off]! << 24) | (d[off + 1]! << 16) | (d[off + 2]! << 8) | d[off + 3]!) >>> 0;
    return dispatch(af, dec, pkt, off, end);
  },
};

/** OpenBSD loopback (LINKTYPE_LOOP, 108): the family in network byte order. */
export const loop: Codec = {
  name: 'loop',
  decode(dec, pkt, off, end) {
    if (end - off < 4) return dec.fail('null_truncated');
    const d = pkt.data;
    const af = ((d[off]! << 24) | (d[off + 1]! << 16) | (d[off + 2]! << 8) | d[off + 3]!) >>> 0;
    return dispatch(af, dec, pkt, off, end);
  },
};
