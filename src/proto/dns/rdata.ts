import type { EventCounts } from '../../core/counters.js';
import { hex, latin1, u16be, u32be } from '../../core/bytes.js';
import { ipText } from '../../output/addr.js';
import { DnsType } from './consts.js';
import { readName, type NameOut } from './names.js';
import type { DnsRdata, EdnsOption, SvcParam } from './types.js';

/** What an RDATA decoder sees: the whole message (for compressed names) and this record's RDATA span. */
export interface RdataInput {
  b: Uint8Array;
  msgStart: number;
  msgEnd: number;
  off: number;
  end: number;
  events: EventCounts;
  scratch: NameOut;
}

/** Decode RDATA of one type; null when it does not fit its length (the caller counts the weird). */
type RdataDecoder = (r: RdataInput) => DnsRdata | null;

function name(r: RdataInput, pos: number): string | null {
  if (!readName(r.b, r.msgStart, r.msgEnd, pos, r.events, r.scratch)) return null;
  return r.scratch.end <= r.end ? r.scratch.name : null;
}

const single: RdataDecoder = (r) => {
  const n = name(r, r.off);
  return n === null ? null : { kind: 'name', name: n };
};

function addr(r: RdataInput, size: 4 | 16): DnsRdata | null {
  if (r.end - r.off !== size) return null;
  const a = new Uint8Array(16);
  a.set(r.b.subarray(r.off, r.end));
  return { kind: 'addr', addr: ipText(size === 4 ? 4 : 6, a) };
}

function charStrings(r: RdataInput): string[] | null {
  const out: string[] = [];
  let p = r.off;
  while (p < r.end) {
    const n = r.b[p]!;
    if (p + 1 + n > r.end) return null;
    out.push(latin1(r.b, p + 1, p + 1 + n));
    p += 1 + n;
  }
  return out;
}

const txt: RdataDecoder = (r) => {
  const s = charStrings(r);
  return s === null ? null : { kind: 'txt', strings: s };
};

const mx: RdataDecoder = (r) => {
  if (r.end - r.off < 3) return null;
  const n = name(r, r.off + 2);
  return n === null ? null : { kind: 'mx', preference: u16be(r.b, r.off), name: n };
};

const soa: RdataDecoder = (r) => {
  const mname = name(r, r.off);
  if (mname === null) return null;
  const rname = name(r, r.scratch.end);
  const p = r.scratch.end;
  if (rname === null || p + 20 !== r.end) return null;
  const b = r.b;
  return {
    kind: 'soa',
    mname,
    rname,
    serial: u32be(b, p),
    refresh: u32be(b, p + 4),
    retry: u32be(b, p + 8),
    expire: u32be(b, p + 12),
    minimum: u32be(b, p + 16),
  };
};

const srv: RdataDecoder = (r) => {
  if (r.end - r.off < 7) return null;
  const t = name(r, r.off + 6);
  if (t === null) return null;
  const b = r.b;
  return {
    kind: 'srv',
    priority: u16be(b, r.off),
    weight: u16be(b, r.off + 2),
    port: u16be(b, r.off + 4),
    target: t,
  };
};

const caa: RdataDecoder = (r) => {
  if (r.end - r.off < 2) return null;
  const tagLen = r.b[r.off + 1]!;
  if (r.off + 2 + tagLen > r.end) return null;
  const tag = latin1(r.b, r.off + 2, r.off + 2 + tagLen);
  return { kind: 'caa', flags: r.b[r.off]!, tag, value: latin1(r.b, r.off + 2 + tagLen, r.end) };
};

const ds: RdataDecoder = (r) => {
  if (r.end - r.off < 4) return null;
  const b = r.b;
  return {
    kind: 'ds',
    keyTag: u16be(b, r.off),
    algorithm: b[r.off + 2]!,
    digestType: b[r.off + 3]!,
    digest: hex(b, r.off + 4, r.end),
  };
};

const dnskey: RdataDecoder = (r) => {
  if (r.end - r.off < 4) return null;
  return { kind: 'dnskey', flags: u16be(r.b, r.off), protocol: r.b[r.off + 2]!, algorithm: r.b[r.off + 3]! };
};

const rrsig: RdataDecoder = (r) => {
  if (r.end - r.off < 19) return null;
  const b = r.b;
  const o = r.off;
  const signer = name(r, o + 18);
  if (signer === null) return null;
  return {
    kind: 'rrsig',
    typeCovered: u16be(b, o),
    algorithm: b[o + 2]!,
    labels: b[o + 3]!,
    originalTtl: u32be(b, o + 4),
    expiration: u32be(b, o + 8),
    inception: u32be(b, o + 12),
    keyTag: u16be(b, o + 16),
    signer,
  };
};

/** Type bitmaps (RFC 4034 §4.1.2): window, length, bits. */
function typeBitmaps(b: Uint8Array, p: number, end: number): number[] | null {
  const types: number[] = [];
  while (p < end) {
    if (p + 2 > end) return null;
    const win = b[p]!;
    const len = b[p + 1]!;
    if (len === 0 || len > 32 || p + 2 + len > end) return null;
    for (let i = 0; i < len; i++) {
      const byte = b[p + 2 + i]!;
      for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) types.push(win * 256 + i * 8 + bit);
    }
    p += 2 + len;
  }
  return types;
}

const nsec: RdataDecoder = (r) => {
  // The next-domain name is never compressed (RFC 4034 §4.1.1); reading it the usual way accepts both.
  const next = name(r, r.off);
  if (next === null) return null;
  const types = typeBitmaps(r.b, r.scratch.end, r.end);
  return types === null ? null : { kind: 'nsec', next, types };
};

const svcb: RdataDecoder = (r) => {
  if (r.end - r.off < 3) return null;
  const target = name(r, r.off + 2);
  if (target === null) return null;
  const params: SvcParam[] = [];
  let p = r.scratch.end;
  while (p < r.end) {
    if (p + 4 > r.end) return null;
    const len = u16be(r.b, p + 2);
    if (p + 4 + len > r.end) return null;
    params.push({ key: u16be(r.b, p), value: r.b.slice(p + 4, p + 4 + len) });
    p += 4 + len;
  }
  return { kind: 'svcb', priority: u16be(r.b, r.off), target, params };
};

/** OPT pseudo-RR (RFC 6891): the options live in RDATA; class and TTL are read by the caller. */
export function ednsOptions(b: Uint8Array, off: number, end: number): EdnsOption[] | null {
  const out: EdnsOption[] = [];
  let p = off;
  while (p < end) {
    if (p + 4 > end) return null;
    const len = u16be(b, p + 2);
    if (p + 4 + len > end) return null;
    out.push({ code: u16be(b, p), data: b.slice(p + 4, p + 4 + len) });
    p += 4 + len;
  }
  return out;
}

/** One decoder per record type; adding a type is one line here and its function above. */
export const RDATA_DECODERS: Readonly<Record<number, RdataDecoder>> = {
  [DnsType.A]: (r) => addr(r, 4),
  [DnsType.AAAA]: (r) => addr(r, 16),
  [DnsType.NS]: single,
  [DnsType.CNAME]: single,
  [DnsType.PTR]: single,
  [DnsType.DNAME]: single,
  [DnsType.MX]: mx,
  [DnsType.TXT]: txt,
  [DnsType.SPF]: txt,
  [DnsType.SOA]: soa,
  [DnsType.SRV]: srv,
  [DnsType.CAA]: caa,
  [DnsType.DS]: ds,
  [DnsType.DNSKEY]: dnskey,
  [DnsType.RRSIG]: rrsig,
  [DnsType.NSEC]: nsec,
  [DnsType.SVCB]: svcb,
  [DnsType.HTTPS]: svcb,
};
