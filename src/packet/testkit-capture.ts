/** Byte builders for whole pcap and pcapng files (tests only; see testkit.ts for packets). */
import { concat } from './testkit.js';

function be16(v: number): number[] {
  return [(v >>> 8) & 255, v & 255];
}

function be32(v: number): number[] {
  return [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
}

function u16(v: number, le: boolean): number[] {
  return le ? be16(v).reverse() : be16(v);
}

function u32(v: number, le: boolean): number[] {
  return le ? be32(v).reverse() : be32(v);
}

export interface RecordSpec {
  data: Uint8Array;
  tsSec?: number;
  /** µs, or ns for nanosecond files. */
  tsFrac?: number;
  wirelen?: number;
}

export function pcapFile(
  records: RecordSpec[],
  o: { linktype?: number; le?: boolean; nano?: boolean; snaplen?: number } = {},
): Uint8Array {
  const le = o.le ?? true;
  const magic = o.nano ? 0xa1b23c4d : 0xa1b2c3d4;
  const parts: number[][] = [
    [
      ...u32(magic, le),
      ...u16(2, le),
      ...u16(4, le),
      ...u32(0, le),
      ...u32(0, le),
      ...u32(o.snaplen ?? 65535, le),
      ...u32(o.linktype ?? 1, le),
    ],
  ];
  for (const r of records) {
    parts.push([
      ...u32(r.tsSec ?? 0, le),
      ...u32(r.tsFrac ?? 0, le),
      ...u32(r.data.length, le),
      ...u32(r.wirelen ?? r.data.length, le),
    ]);
    parts.push([...r.data]);
  }
  return concat(...parts);
}

function pad4(b: ArrayLike<number>): number[] {
  const a = Array.from(b);
  while (a.length % 4) a.push(0);
  return a;
}

/** One pcapng block: type, total length, body (padded), total length. */
export function ngBlock(type: number, body: ArrayLike<number>, le: boolean): Uint8Array {
  const b = pad4(body);
  const len = 12 + b.length;
  return concat(u32(type, le), u32(len, le), b, u32(len, le));
}

export function ngShb(le: boolean): Uint8Array {
  return ngBlock(
    0x0a0d0d0a,
    [...u32(0x1a2b3c4d, le), ...u16(1, le), ...u16(0, le), ...u32(0xffffffff, le), ...u32(0xffffffff, le)],
    le,
  );
}

export function ngIdb(
  le: boolean,
  linktype: number,
  snaplen = 0,
  o: { tsresol?: number; tsoffset?: number } = {},
): Uint8Array {
  const opts: number[] = [];
  if (o.tsresol !== undefined) opts.push(...u16(9, le), ...u16(1, le), o.tsresol, 0, 0, 0);
  if (o.tsoffset !== undefined) {
    const lo = u32(o.tsoffset >>> 0, le);
    const hi = u32(Math.floor(o.tsoffset / 4294967296) >>> 0, le);
    opts.push(...u16(14, le), ...u16(8, le), ...(le ? [...lo, ...hi] : [...hi, ...lo]));
  }
  if (opts.length) opts.push(0, 0, 0, 0);
  return ngBlock(1, [...u16(linktype, le), 0, 0, ...u32(snaplen, le), ...opts], le);
}

/** Enhanced Packet Block; `ts` is the 64-bit timestamp in the interface's units. */
export function ngEpb(
  le: boolean,
  iface: number,
  ts: bigint,
  data: Uint8Array,
  wirelen = data.length,
): Uint8Array {
  const hi = Number(ts >> 32n);
  const lo = Number(ts & 0xffffffffn);
  return ngBlock(
    6,
    [
      ...u32(iface, le),
      ...u32(hi, le),
      ...u32(lo, le),
      ...u32(data.length, le),
      ...u32(wirelen, le),
      ...pad4(data),
    ],
    le,
  );
}

export function ngOpb(le: boolean, iface: number, ts: bigint, data: Uint8Array): Uint8Array {
  const hi = Number(ts >> 32n);
  const lo = Number(ts & 0xffffffffn);
  return ngBlock(
    2,
    [
      ...u16(iface, le),
      0,
      0,
      ...u32(hi, le),
      ...u32(lo, le),
      ...u32(data.length, le),
      ...u32(data.length, le),
      ...pad4(data),
    ],
    le,
  );
}

export function ngSpb(le: boolean, data: Uint8Array, wirelen = data.length): Uint8Array {
  return ngBlock(3, [...u32(wirelen, le), ...pad4(data)], le);
}
