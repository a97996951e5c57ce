import { describe, expect, it } from 'vitest';
import { CaptureFormatError } from '../core/errors.js';
import { CaptureReader } from './capture-reader.js';
import { concat } from './testkit.js';
import { ngBlock, ngEpb, ngIdb, ngOpb, ngShb, ngSpb, pcapFile } from './testkit-capture.js';

interface Rec {
  tsSec: number;
  tsUsec: number;
  tsNsec: number;
  caplen: number;
  wirelen: number;
  linktype: number;
  iface: number;
  offset: number;
  data: number[];
}

/** Read everything, pushing `step` bytes at a time; records are copied since the reader reuses them. */
function readAll(file: Uint8Array, step = file.length): { recs: Rec[]; reader: CaptureReader } {
  const reader = new CaptureReader();
  const recs: Rec[] = [];
  for (let o = 0; o < file.length; o += step) {
    reader.push(file.subarray(o, o + step));
    for (let r = reader.next(); r !== null; r = reader.next()) recs.push({ ...r, data: [...r.data] });
  }
  reader.end();
  return { recs, reader };
}

function errorOf(f: () => unknown): CaptureFormatError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CaptureFormatError);
    return e as CaptureFormatError;
  }
  throw new Error('expected a CaptureFormatError');
}

const p1 = Uint8Array.from([1, 2, 3, 4, 5]);
const p2 = Uint8Array.from([9, 8, 7]);

describe('CaptureReader: pcap', () => {
  for (const le of [true, false]) {
    it(`reads ${le ? 'little' : 'big'}-endian microsecond files`, () => {
      const file = pcapFile(
        [
          { data: p1, tsSec: 1700000000, tsFrac: 123456, wirelen: 60 },
          { data: p2, tsSec: 1700000001, tsFrac: 7 },
        ],
        { le, linktype: 113 },
      );
      const { recs, reader } = readAll(file);
      expect(recs).toEqual([
        {
          tsSec: 1700000000,
          tsUsec: 123456,
          tsNsec: 123456000,
          caplen: 5,
          wirelen: 60,
          linktype: 113,
          iface: 0,
          offset: 24,
          data: [1, 2, 3, 4, 5],
        },
        {
          tsSec: 1700000001,
          tsUsec: 7,
          tsNsec: 7000,
          caplen: 3,
          wirelen: 3,
          linktype: 113,
          iface: 0,
          offset: 45,
          data: [9, 8, 7],
        },
      ]);
      expect(reader.linktypes).toEqual([113]);
      expect(reader.bytesConsumed).toBe(file.length);
    });
  }

  it('reads nanosecond files in both byte orders, keeping nanoseconds', () => {
    for (const le of [true, false]) {
      const { recs } = readAll(pcapFile([{ data: p1, tsSec: 5, tsFrac: 999_999_999 }], { le, nano: true }));
      expect(recs[0]).toMatchObject({ tsSec: 5, tsUsec: 999_999, tsNsec: 999_999_999 });
    }
  });

  it('rejects a bad magic at offset 0', () => {
    const file = pcapFile([{ data: p1 }]);
    file[0] = 0x00;
    const e = errorOf(() => readAll(file));
    expect(e.offset).toBe(0);
    expect(e.code).toBe('E_CAPTURE_FORMAT');
  });

  it('rejects an absurd record length at the record offset, after returning the good records', () => {
    const file = pcapFile([{ data: p1 }, { data: p2 }], { snaplen: 65535 });
    // caplen of the second record (at 24 + 16 + 5 = 45): 2·256 KiB + 1
    new DataView(file.buffer).setUint32(45 + 8, 2 * 262144 + 1, true);
    const reader = new CaptureReader();
    reader.push(file);
    expect(reader.next()?.caplen).toBe(5);
    const e = errorOf(() => reader.next());
    expect(e.offset).toBe(45);
    expect(() => reader.next()).toThrow(CaptureFormatError);
  });

  it('reports a truncated last record at end() with its offset', () => {
    const file = pcapFile([{ data: p1 }, { data: p2 }]);
    const cut = file.subarray(0, file.length - 1);
    const reader = new CaptureReader();
    reader.push(cut);
    expect(reader.next()?.caplen).toBe(5);
    expect(reader.next()).toBeNull();
    const e = errorOf(() => reader.end());
    expect(e.offset).toBe(45);
  });

  it('reports an empty or cut header at end()', () => {
    expect(errorOf(() => new CaptureReader().end()).offset).toBe(0);
    const r = new CaptureReader();
    r.push(pcapFile([]).subarray(0, 10));
    expect(r.next()).toBeNull();
    expect(errorOf(() => r.end()).offset).toBe(0);
  });
});

describe('CaptureReader: pcapng', () => {
  const ts = 1_700_000_000_123_456_789n; // ns: needs the exact 64-bit split

  function twoSections(): Uint8Array {
    return concat(
      ngShb(true),
      ngIdb(true, 1, 65535),
      ngIdb(true, 101, 128, { tsresol: 9, tsoffset: 10 }),
      ngBlock(0x0bad, [1, 2, 3], true), // unknown block: skipped
      ngEpb(true, 0, 1_700_000_000_000_042n, p1, 64),
      ngEpb(true, 1, ts, p2),
      ngSpb(true, p1),
      ngOpb(true, 1, ts, p2),
      ngShb(false),
      ngIdb(false, 113, 0),
      ngEpb(false, 0, 2_000_000n, p1),
    );
  }

  it('reads two sections (LE then BE), multi-IDB, EPB/SPB/OPB, per-interface resolution and offset', () => {
    const file = twoSections();
    const { recs, reader } = readAll(file);
    expect(
      recs.map((r) => [r.linktype, r.iface, r.tsSec, r.tsUsec, r.tsNsec, r.caplen, r.wirelen, r.data.length]),
    ).toEqual([
      [1, 0, 1700000000, 42, 42000, 5, 64, 5],
      [101, 1, 1700000010, 123456, 123456789, 3, 3, 3],
      [1, 0, 0, 0, 0, 5, 5, 5],
      [101, 1, 1700000010, 123456, 123456789, 3, 3, 3],
      [113, 2, 2, 0, 0, 5, 5, 5],
    ]);
    expect(recs[0]!.data).toEqual([1, 2, 3, 4, 5]);
    expect(reader.linktypes).toEqual([1, 101, 113]);
    expect(reader.bytesConsumed).toBe(file.length);
  });

  it('bounds an SPB by the snaplen of IDB 0', () => {
    const file = concat(ngShb(false), ngIdb(false, 1, 4), ngSpb(false, p1, 100));
    const { recs } = readAll(file);
    expect(recs[0]).toMatchObject({ caplen: 4, wirelen: 100, data: [1, 2, 3, 4] });
  });

  it('gives the same records when fed one byte at a time', () => {
    const file = twoSections();
    expect(readAll(file, 1).recs).toEqual(readAll(file).recs);
    const pcap = pcapFile([{ data: p1 }, { data: p2 }, { data: p1 }], { le: false });
    expect(readAll(pcap, 1).recs).toEqual(readAll(pcap).recs);
    expect(readAll(pcap, 7).recs).toEqual(readAll(pcap).recs);
  });

  it('rejects a block length that is not a multiple of 4, at the block offset', () => {
    const head = concat(ngShb(true), ngIdb(true, 1, 0));
    const epb = ngEpb(true, 0, 0n, p1);
    new DataView(epb.buffer).setUint32(4, epb.length - 2, true);
    const e = errorOf(() => readAll(concat(head, epb)));
    expect(e.offset).toBe(head.length);
  });

  it('rejects a mismatched trailer and a too-small block', () => {
    const head = concat(ngShb(true), ngIdb(true, 1, 0));
    const epb = ngEpb(true, 0, 0n, p1);
    new DataView(epb.buffer).setUint32(epb.length - 4, 12, true);
    expect(errorOf(() => readAll(concat(head, epb))).offset).toBe(head.length);
    const tiny = Uint8Array.from([6, 0, 0, 0, 8, 0, 0, 0, 8, 0, 0, 0]);
    expect(errorOf(() => readAll(concat(head, tiny))).offset).toBe(head.length);
  });

  it('rejects a packet for an unknown interface and an absurd caplen', () => {
    const head = concat(ngShb(true), ngIdb(true, 1, 0));
    expect(errorOf(() => readAll(concat(head, ngEpb(true, 3, 0n, p1)))).offset).toBe(head.length);
    const epb = ngEpb(true, 0, 0n, p1);
    new DataView(epb.buffer).setUint32(20, 17 << 20, true);
    expect(errorOf(() => readAll(concat(head, epb))).offset).toBe(head.length);
  });

  it('reports a truncated block at end()', () => {
    const head = concat(ngShb(true), ngIdb(true, 1, 0), ngEpb(true, 0, 0n, p1));
    const file = concat(head, ngEpb(true, 0, 0n, p2)).subarray(0, head.length + 10);
    const reader = new CaptureReader();
    reader.push(file);
    expect(reader.next()?.caplen).toBe(5);
    expect(reader.next()).toBeNull();
    expect(errorOf(() => reader.end()).offset).toBe(head.length);
  });

  it('rejects a bad byte-order magic', () => {
    const shb = ngShb(true);
    shb[8] = 0;
    expect(errorOf(() => readAll(shb)).offset).toBe(0);
  });
});

describe('CaptureReader: memory', () => {
  it('keeps its buffer bounded by the largest record, not the input size', () => {
    const recs = Array.from({ length: 2000 }, () => ({ data: new Uint8Array(1000) }));
    const file = pcapFile(recs);
    const reader = new CaptureReader();
    let n = 0;
    for (let o = 0; o < file.length; o += 4096) {
      reader.push(file.subarray(o, o + 4096));
      while (reader.next() !== null) n++;
    }
    reader.end();
    expect(n).toBe(2000);
    expect(reader.buf.length).toBeLessThanOrEqual(1 << 16);
  });
});
