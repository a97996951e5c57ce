/**
 * Byte builders for tests (this folder's and others'): packets layer by layer; whole capture files are
 * in testkit-capture.ts. Not used by the engine; nothing here is on a hot path.
 */
import { concatBytes } from '../core/bytes.js';
import type { CaptureRecord } from './packet.js';

export function concat(...parts: ArrayLike<number>[]): Uint8Array {
  return concatBytes(parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p))));
}

function be16(v: number): number[] {
  return [(v >>> 8) & 255, v & 255];
}

function be32(v: number): number[] {
  return [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
}

/** Parse "10.0.0.1" into 4 bytes. */
export function ip4(s: string): number[] {
  return s.split('.').map(Number);
}

/** Parse a full or `::`-compressed IPv6 address into 16 bytes. */
export function ip6(s: string): number[] {
  const [head = '', tail] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => be16(parseInt(g, 16)));
}

export function ethernet(type: number, payload: ArrayLike<number>, vlans: number[] = []): Uint8Array {
  const tags = vlans.flatMap((id) => [...be16(0x8100), ...be16(id)]);
  const dst = [0, 1, 2, 3, 4, 5];
  const src = [6, 7, 8, 9, 10, 11];
  return concat(dst, src, tags, be16(type), payload);
}

export function checksum16(b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < b.length; i += 2) sum += ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export interface Ipv4Spec {
  src?: string;
  dst?: string;
  proto: number;
  payload: ArrayLike<number>;
  id?: number;
  ttl?: number;
  tos?: number;
  /** Raw flags+fragment-offset field (e.g. 0x2000 MF, offset in 8-byte units in the low 13 bits). */
  frag?: number;
  options?: number[];
  /** Override the total-length field. */
  totalLength?: number;
}

export function ipv4(s: Ipv4Spec): Uint8Array {
  const opts = s.options ?? [];
  const hlen = 20 + opts.length;
  const tl = s.totalLength ?? hlen + s.payload.length;
  const h = [
    0x40 | (hlen >> 2),
    s.tos ?? 0,
    ...be16(tl),
    ...be16(s.id ?? 1),
    ...be16(s.frag ?? 0),
    s.ttl ?? 64,
    s.proto,
    0,
    0,
    ...ip4(s.src ?? '10.0.0.1'),
    ...ip4(s.dst ?? '10.0.0.2'),
    ...opts,
  ];
  const c = checksum16(h);
  h[10] = c >> 8;
  h[11] = c & 255;
  return concat(h, s.payload);
}

export function ipv6(s: {
  src?: string;
  dst?: string;
  nh: number;
  payload: ArrayLike<number>;
  hlim?: number;
}): Uint8Array {
  const h = [
    0x60,
    0,
    0,
    0,
    ...be16(s.payload.length),
    s.nh,
    s.hlim ?? 64,
    ...ip6(s.src ?? '2001:db8::1'),
    ...ip6(s.dst ?? '2001:db8::2'),
  ];
  return concat(h, s.payload);
}

/** An IPv6 extension header (hop-by-hop, routing, destination options) padded to 8-byte units. */
export function ip6Ext(next: number, body: number[] = []): Uint8Array {
  const total = Math.max(8, Math.ceil((body.length + 2) / 8) * 8);
  const b = new Uint8Array(total);
  b[0] = next;
  b[1] = total / 8 - 1;
  b.set(body, 2);
  return b;
}

export function ip6Frag(next: number, offsetBytes: number, more: boolean, id: number): Uint8Array {
  return Uint8Array.from([next, 0, ...be16(offsetBytes | (more ? 1 : 0)), ...be32(id)]);
}

export interface TcpSpec {
  sport?: number;
  dport?: number;
  seq?: number;
  ack?: number;
  flags?: number;
  win?: number;
  options?: number[];
  payload?: ArrayLike<number>;
  /** Override the data-offset nibble. */
  dataOffset?: number;
}

export function tcp(s: TcpSpec = {}): Uint8Array {
  const opts = s.options ?? [];
  const hlen = 20 + opts.length;
  return concat(
    be16(s.sport ?? 1234),
    be16(s.dport ?? 80),
    be32(s.seq ?? 1),
    be32(s.ack ?? 0),
    [(s.dataOffset ?? hlen >> 2) << 4, s.flags ?? 0x18],
    be16(s.win ?? 65535),
    [0, 0, 0, 0],
    opts,
    s.payload ?? [],
  );
}

export function udp(s: {
  sport?: number;
  dport?: number;
  payload?: ArrayLike<number>;
  length?: number;
}): Uint8Array {
  const p = s.payload ?? [];
  return concat(be16(s.sport ?? 5353), be16(s.dport ?? 53), be16(s.length ?? 8 + p.length), [0, 0], p);
}

export function icmp(
  type: number,
  code: number,
  rest: number[] = [0, 0, 0, 0],
  payload: ArrayLike<number> = [],
): Uint8Array {
  return concat([type, code, 0, 0], rest, payload);
}

export function gre(
  proto: number,
  payload: ArrayLike<number>,
  opts: { key?: number; seq?: number; csum?: boolean } = {},
): Uint8Array {
  let flags = 0;
  const extra: number[] = [];
  if (opts.csum) {
    flags |= 0x8000;
    extra.push(0, 0, 0, 0);
  }
  if (opts.key !== undefined) {
    flags |= 0x2000;
    extra.push(...be32(opts.key));
  }
  if (opts.seq !== undefined) {
    flags |= 0x1000;
    extra.push(...be32(opts.seq));
  }
  return concat(be16(flags), be16(proto), extra, payload);
}

export function vxlan(vni: number, frame: ArrayLike<number>): Uint8Array {
  return concat([0x08, 0, 0, 0], be32(vni << 8), frame);
}

export function bytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0) & 255);
}

/** A capture record of one Ethernet frame (linktype 1) at `tsSec`. */
export function captureRecord(data: Uint8Array, tsSec = 0): CaptureRecord {
  return {
    tsSec,
    tsUsec: 0,
    caplen: data.length,
    wirelen: data.length,
    linktype: 1,
    iface: 0,
    data,
    offset: 0,
  };
}
