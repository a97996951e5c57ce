import { IpProto, type Packet } from '../packet/packet.js';

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function addrSum(a: Uint8Array, ver: number): number {
  if (ver === 4) return ((a[0]! << 24) | (a[1]! << 16) | (a[2]! << 8) | a[3]!) >>> 0;
  let s = 0;
  for (let i = 0; i < 16; i += 4)
    s = (s + ((a[i]! << 24) | (a[i + 1]! << 16) | (a[i + 2]! << 8) | a[i + 3]!)) >>> 0;
  return s;
}

/**
 * Symmetric shard key: both directions of a conversation land on the same worker. TCP and UDP use the
 * 5-tuple; ICMP and other protocols use the address pair. A fragment's own key is its address pair (it has
 * no ports): the dispatcher sends fragments by their rebuilt datagram's key instead (frag-router.ts).
 */
export function shardKey(pkt: Packet): number {
  const a = addrSum(pkt.src, pkt.ipVer);
  const b = addrSum(pkt.dst, pkt.ipVer);
  let h = (a + b) >>> 0;
  if (!pkt.isFragment && (pkt.proto === IpProto.TCP || pkt.proto === IpProto.UDP)) {
    h = (h ^ Math.imul((pkt.sport + pkt.dport) >>> 0, 0x9e3779b1)) >>> 0;
    h = (h ^ Math.imul(pkt.sport ^ pkt.dport, 0x7feb352d)) >>> 0;
  }
  return mix((h ^ pkt.proto) >>> 0);
}

/** Picks the shard (0 .. shards-1) of a decoded packet that is not a fragment. */
export type ShardPicker = (pkt: Packet) => number;

/**
 * The dispatcher's rule: by `shardKey`, except that with logs a packet that came through a tunnel goes to
 * shard 0. Its carrier connection (conn.log, tunnel.log) is then tracked by one thread that sees every
 * packet of the tunnel, and so are the inner connections that name the carrier in `tunnel_parents`.
 */
export function shardPicker(shards: number, logs: boolean): ShardPicker {
  if (!logs) return (pkt) => shardKey(pkt) % shards;
  return (pkt) => (pkt.tunnelDepth > 0 ? 0 : shardKey(pkt) % shards);
}
