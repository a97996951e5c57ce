import type { Decoder } from '../decode.js';
import type { Packet } from '../packet.js';
import type { Codec } from './codec.js';

const HOPOPTS = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AH = 51;
const DSTOPTS = 60;
const MOBILITY = 135;

/** More extension headers than any legitimate datagram carries: an evasion attempt, treated as malformed. */
const MAX_EXT = 16;

/** IPv6 fixed header, then the extension-header chain (hop-by-hop, routing, fragment, destination, AH). */
export const ipv6: Codec = {
  name: 'ipv6',
  decode(dec, pkt, off, end) {
    const d = pkt.data;
    if (end - off < 40) return dec.fail('ipv6_truncated');
    if (d[off]! >> 4 !== 6) return dec.fail('ipv6_bad_version');
    const plen = (d[off + 4]! << 8) | d[off + 5]!;
    let tlen = 40 + plen;
    if (plen === 0 && d[off + 6] === HOPOPTS) {
      tlen = end - off; // jumbogram: the real length is in a hop-by-hop option
    } else if (tlen > end - off) {
      if (pkt.caplen >= pkt.wirelen) dec.events.add('ipv6_dgram_gt_caplen');
      tlen = end - off;
    }
    const dend = off + tlen;
    pkt.ipVer = 6;
    pkt.ipOff = off;
    pkt.ipLen = tlen;
    pkt.tos = ((d[off]! & 15) << 4) | (d[off + 1]! >> 4);
    pkt.ttl = d[off + 7]!;
    pkt.ipId = 0;
    pkt.fragOffset = 0;
    pkt.mf = false;
    pkt.df = false;
    pkt.rb = false;
    pkt.isFragment = false;
    pkt.ipOptMask = 0;
    const src = pkt.src;
    const dst = pkt.dst;
    for (let i = 0; i < 16; i++) {
      src[i] = d[off + 8 + i]!;
      dst[i] = d[off + 24 + i]!;
    }
    pkt.src4 = 0;
    pkt.dst4 = 0;
    return extensions(dec, pkt, d[off + 6]!, off + 40, dend);
  },
};

function extensions(dec: Decoder, pkt: Packet, nh: number, o: number, end: number): boolean {
  const d = pkt.data;
  const ipOff = pkt.ipOff;
  let n = 0;
  for (;;) {
    if (nh !== HOPOPTS && nh !== ROUTING && nh !== FRAGMENT && nh !== DSTOPTS && nh !== AH && nh !== MOBILITY)
      break;
    if (n === MAX_EXT) return dec.fail('ipv6_too_many_ext');
    if (nh === HOPOPTS && n !== 0) dec.events.add('ipv6_bad_hopopts_position');
    if (end - o < 8) return dec.fail('ipv6_truncated_ext');
    const next = d[o]!;
    n++;
    if (nh === FRAGMENT) {
      const fo = (d[o + 2]! << 8) | d[o + 3]!;
      pkt.fragOffset = fo & 0xfff8;
      pkt.mf = (fo & 1) !== 0;
      pkt.ipId = ((d[o + 4]! << 24) | (d[o + 5]! << 16) | (d[o + 6]! << 8) | d[o + 7]!) >>> 0;
      // An atomic fragment (offset 0, no MF) is a whole datagram.
      pkt.isFragment = pkt.mf || pkt.fragOffset !== 0;
      o += 8;
      nh = next;
      if (pkt.fragOffset !== 0) break;
      continue;
    }
    const hlen = nh === AH ? (d[o + 1]! + 2) << 2 : (d[o + 1]! + 1) << 3;
    if (hlen > end - o) return dec.fail('ipv6_truncated_ext');
    o += hlen;
    nh = next;
  }
  pkt.ipOptsLen = n;
  pkt.ipHdrLen = o - ipOff;
  return dec.decodeIpPayload(pkt, nh, o, end);
}
