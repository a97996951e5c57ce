import type { Decoder } from '../decode.js';
import type { Packet } from '../packet.js';
import type { Codec } from './codec.js';

/** Bits of `Packet.ipOptMask` for the options Snort's `ipopts` names: 1 << (option type & 31). */
export const IpOptBit = {
  eol: 1 << 0,
  nop: 1 << 1,
  sec: 1 << 2, // 130
  lsrr: 1 << 3, // 131
  ts: 1 << 4, // 68
  esec: 1 << 5, // 133
  rr: 1 << 7, // 7
  satid: 1 << 8, // 136
  ssrr: 1 << 9, // 137
} as const;

/** IPv4: validates version, IHL and total length; the header checksum only when the decoder asks. */
export const ipv4: Codec = {
  name: 'ipv4',
  decode(dec, pkt, off, end) {
    const d = pkt.data;
    if (end - off < 20) return dec.fail('ipv4_truncated');
    const vihl = d[off]!;
    if (vihl >> 4 !== 4) return dec.fail('ipv4_bad_version');
    const hlen = (vihl & 15) << 2;
    if (hlen < 20) return dec.fail('ipv4_bad_ihl');
    if (hlen > end - off) return dec.fail('ipv4_truncated');
    let tlen = (d[off + 2]! << 8) | d[off + 3]!;
    if (tlen === 0) {
      // Segmentation offload leaves the length unset in captures taken on the sending host.
      dec.events.add('ipv4_zero_length');
      tlen = end - off;
    } else if (tlen < hlen) {
      return dec.fail('ipv4_bad_length');
    } else if (tlen > end - off) {
      if (pkt.caplen >= pkt.wirelen) dec.events.add('ipv4_dgram_gt_caplen');
      tlen = end - off;
    }
    const dend = off + tlen; // drops Ethernet padding
    pkt.ipVer = 4;
    pkt.ipOff = off;
    pkt.ipHdrLen = hlen;
    pkt.ipLen = tlen;
    pkt.tos = d[off + 1]!;
    pkt.ipId = (d[off + 4]! << 8) | d[off + 5]!;
    const frag = (d[off + 6]! << 8) | d[off + 7]!;
    pkt.rb = (frag & 0x8000) !== 0;
    pkt.df = (frag & 0x4000) !== 0;
    pkt.mf = (frag & 0x2000) !== 0;
    pkt.fragOffset = (frag & 0x1fff) << 3;
    pkt.isFragment = pkt.mf || pkt.fragOffset !== 0;
    pkt.ttl = d[off + 8]!;
    setAddrs(pkt, d, off);
    pkt.ipOptsLen = 0;
    pkt.ipOptMask = 0;
    if (hlen > 20) readOptions(dec, pkt, off + 20, off + hlen);
    if (dec.verifyIpv4Checksum && checksum(d, off, hlen) !== 0xffff) dec.events.add('ipv4_bad_checksum');
    const proto = d[off + 9]!;
    return dec.decodeIpPayload(pkt, proto, off + hlen, dend);
  },
};

function setAddrs(pkt: Packet, d: Uint8Array, off: number): void {
  const src = pkt.src;
  const dst = pkt.dst;
  for (let i = 0; i < 4; i++) {
    src[i] = d[off + 12 + i]!;
    dst[i] = d[off + 16 + i]!;
  }
  // Zero the IPv6 part so 16-byte comparisons of IPv4 addresses never see a previous packet's bytes.
  for (let i = 4; i < 16; i++) {
    src[i] = 0;
    dst[i] = 0;
  }
  pkt.src4 = ((d[off + 12]! << 24) | (d[off + 13]! << 16) | (d[off + 14]! << 8) | d[off + 15]!) >>> 0;
  pkt.dst4 = ((d[off + 16]! << 24) | (d[off + 17]! << 16) | (d[off + 18]! << 8) | d[off + 19]!) >>> 0;
}

/** Walk the options: count them and note their types; a bad length is counted and ends the walk. */
function readOptions(dec: Decoder, pkt: Packet, o: number, end: number): void {
  const d = pkt.data;
  let n = 0;
  let mask = 0;
  while (o < end) {
    const type = d[o]!;
    n++;
    mask |= 1 << (type & 31);
    if (type === 0) break;
    if (type === 1) {
      o++;
      continue;
    }
    if (o + 1 >= end) {
      dec.events.add('ipv4_bad_option');
      break;
    }
    const olen = d[o + 1]!;
    if (olen < 2 || o + olen > end) {
      dec.events.add('ipv4_bad_option');
      break;
    }
    o += olen;
  }
  pkt.ipOptsLen = n;
  pkt.ipOptMask = mask;
}

/** One's-complement sum of the header; 0xffff when the checksum field is right. */
export function checksum(d: Uint8Array, off: number, len: number): number {
  let sum = 0;
  for (let i = 0; i + 1 < len; i += 2) sum += (d[off + i]! << 8) | d[off + i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}
