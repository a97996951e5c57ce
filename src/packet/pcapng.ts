import type { CaptureReader, ReaderRecord } from './capture-reader.js';
import { MAX_RECORD, recordLimit } from './limits.js';

/** Section Header Block type: a palindrome, so it reads the same in both byte orders. */
export const PCAPNG_SHB = 0x0a0d0d0a;
const BT_IDB = 1;
const BT_OPB = 2;
const BT_SPB = 3;
const BT_EPB = 6;
const BOM = 0x1a2b3c4d;
const BOM_SWAPPED = 0x4d3c2b1a;
const OPT_IF_TSRESOL = 9;
const OPT_IF_TSOFFSET = 14;
/** A block may hold a maximal record plus its headers and options. */
const MAX_BLOCK = MAX_RECORD + 65536;
const TWO32 = 4294967296;

/** Per-file pcapng state: the current section's byte order and its interfaces. */
export class PcapngState {
  le = true;
  /** Global index (across sections) of the current section's first interface. */
  ifaceBase = 0;
  linktype: number[] = [];
  snaplen: number[] = [];
  /** Timestamp units per second (if_tsresol; default 10^6). */
  units: number[] = [];
  /** if_tsoffset in seconds. */
  tsOffset: number[] = [];
  readonly allLinktypes: number[] = [];
}

/**
 * Parse blocks from the reader's buffer until a packet block is found (returned) or more input is needed
 * (null). Unknown blocks are skipped. Throws CaptureFormatError (offset = block start in the file).
 */
export function readPcapngBlock(r: CaptureReader): ReaderRecord | null {
  const st = r.ng;
  for (;;) {
    const s = r.head;
    const avail = r.tail - s;
    if (avail < 12) return null;
    const v = r.view;
    const at = r.fileBase;
    let type = v.getUint32(s, st.le);
    if (type === PCAPNG_SHB) {
      const bom = v.getUint32(s + 8, false);
      if (bom === BOM) st.le = false;
      else if (bom === BOM_SWAPPED) st.le = true;
      else r.fail('bad pcapng byte-order magic', at);
      type = PCAPNG_SHB;
    }
    const le = st.le;
    const len = v.getUint32(s + 4, le);
    if (len % 4 !== 0) r.fail(`pcapng block length ${len} not a multiple of 4`, at);
    if (len < (type === PCAPNG_SHB ? 28 : 12)) r.fail(`pcapng block length ${len} too small`, at);
    if (len > MAX_BLOCK) r.fail(`absurd pcapng block length ${len}`, at);
    if (avail < len) return null;
    if (v.getUint32(s + len - 4, le) !== len) r.fail('pcapng block trailer does not match its length', at);
    let rec: ReaderRecord | null = null;
    switch (type) {
      case PCAPNG_SHB:
        startSection(st);
        break;
      case BT_IDB:
        readIdb(r, s, len, at);
        break;
      case BT_EPB:
        rec = readEpb(r, s, len, at, false);
        break;
      case BT_OPB:
        rec = readEpb(r, s, len, at, true);
        break;
      case BT_SPB:
        rec = readSpb(r, s, len, at);
        break;
      default:
        break; // NRB, ISB, DSB, custom blocks: nothing the engine needs
    }
    r.consume(len);
    if (rec !== null) return rec;
  }
}

function startSection(st: PcapngState): void {
  st.ifaceBase += st.linktype.length;
  st.linktype = [];
  st.snaplen = [];
  st.units = [];
  st.tsOffset = [];
}

function readIdb(r: CaptureReader, s: number, len: number, at: number): void {
  const st = r.ng;
  const v = r.view;
  const le = st.le;
  if (len < 20) r.fail('pcapng IDB too small', at);
  const linktype = v.getUint16(s + 8, le);
  st.linktype.push(linktype);
  st.snaplen.push(v.getUint32(s + 12, le));
  st.allLinktypes.push(linktype);
  let units = 1e6;
  let offset = 0;
  // Options: code u16, length u16, value padded to 4; opt_endofopt (0) ends the list.
  let o = s + 16;
  const end = s + len - 4;
  while (o + 4 <= end) {
    const code = v.getUint16(o, le);
    const olen = v.getUint16(o + 2, le);
    if (code === 0) break;
    if (o + 4 + olen > end) r.fail('pcapng IDB option overruns its block', at);
    if (code === OPT_IF_TSRESOL && olen >= 1) {
      const b = r.buf[o + 4]!;
      const exp = b & 0x7f;
      units = b & 0x80 ? Math.pow(2, exp) : Math.pow(10, exp);
    } else if (code === OPT_IF_TSOFFSET && olen >= 8) {
      const lo = v.getUint32(o + 4 + (le ? 0 : 4), le);
      const hi = v.getInt32(o + 4 + (le ? 4 : 0), le);
      offset = hi * TWO32 + lo;
    }
    o += 4 + ((olen + 3) & ~3);
  }
  st.units.push(units);
  st.tsOffset.push(offset);
}

function readEpb(r: CaptureReader, s: number, len: number, at: number, obsolete: boolean): ReaderRecord {
  const st = r.ng;
  const v = r.view;
  const le = st.le;
  if (len < 32) r.fail('pcapng packet block too small', at);
  const iface = obsolete ? v.getUint16(s + 8, le) : v.getUint32(s + 8, le);
  if (iface >= st.linktype.length) r.fail(`pcapng packet block names unknown interface ${iface}`, at);
  const caplen = v.getUint32(s + 20, le);
  if (caplen > recordLimit(st.snaplen[iface]!)) r.fail(`absurd record length ${caplen}`, at);
  if (28 + caplen + 4 > len) r.fail(`record length ${caplen} overruns its block`, at);
  const rec = r.rec;
  setTimestamp(rec, v.getUint32(s + 12, le), v.getUint32(s + 16, le), st.units[iface]!, st.tsOffset[iface]!);
  rec.caplen = caplen;
  rec.wirelen = v.getUint32(s + 24, le);
  rec.linktype = st.linktype[iface]!;
  rec.iface = st.ifaceBase + iface;
  rec.offset = at;
  rec.data = r.buf.subarray(s + 28, s + 28 + caplen);
  return rec;
}

function readSpb(r: CaptureReader, s: number, len: number, at: number): ReaderRecord {
  const st = r.ng;
  if (st.linktype.length === 0) r.fail('pcapng simple packet block before any interface', at);
  const wirelen = r.view.getUint32(s + 8, st.le);
  // The SPB has no caplen: it is the original length bounded by IDB 0's snaplen and by the block.
  const snap = st.snaplen[0]!;
  let caplen = Math.min(wirelen, len - 16);
  if (snap !== 0 && snap < caplen) caplen = snap;
  const rec = r.rec;
  rec.tsSec = 0;
  rec.tsUsec = 0;
  rec.tsNsec = 0;
  rec.caplen = caplen;
  rec.wirelen = wirelen;
  rec.linktype = st.linktype[0]!;
  rec.iface = st.ifaceBase;
  rec.offset = at;
  rec.data = r.buf.subarray(s + 12, s + 12 + caplen);
  return rec;
}

/** Split a 64-bit timestamp of `units` per second into seconds, µs and ns without losing precision. */
export function setTimestamp(rec: ReaderRecord, hi: number, lo: number, units: number, offset: number): void {
  let sec: number;
  let frac: number;
  if (hi < 0x200000) {
    const t = hi * TWO32 + lo; // < 2^53: exact
    sec = Math.floor(t / units);
    frac = t - sec * units;
    if (frac < 0) {
      sec -= 1;
      frac += units;
    } else if (frac >= units) {
      sec += 1;
      frac -= units;
    }
  } else {
    // Long division by 16-bit digits keeps every intermediate below 2^53 for units up to 2^36.
    let rem = 0;
    sec = 0;
    const digits0 = hi >>> 16;
    const digits1 = hi & 0xffff;
    const digits2 = lo >>> 16;
    const digits3 = lo & 0xffff;
    for (let i = 0; i < 4; i++) {
      const d = i === 0 ? digits0 : i === 1 ? digits1 : i === 2 ? digits2 : digits3;
      const cur = rem * 65536 + d;
      const q = Math.floor(cur / units);
      rem = cur - q * units;
      sec = sec * 65536 + q;
    }
    frac = rem;
  }
  rec.tsSec = sec + offset;
  if (units === 1e6) {
    rec.tsUsec = frac;
    rec.tsNsec = frac * 1000;
  } else if (units === 1e9) {
    rec.tsNsec = frac;
    rec.tsUsec = Math.floor(frac / 1000);
  } else {
    rec.tsUsec = Math.floor((frac * 1e6) / units);
    rec.tsNsec = Math.floor((frac * 1e9) / units);
  }
}
