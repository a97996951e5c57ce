import { describe, expect, it } from 'vitest';
import { BatchWriter, forEachInBatch } from './batch.js';
import type { CaptureRecord } from '../packet/packet.js';

function rec(n: number, len: number): CaptureRecord {
  const data = new Uint8Array(len).map((_, i) => (i * 7 + n) & 0xff);
  return {
    tsSec: 1000 + n,
    tsUsec: n * 3,
    caplen: len,
    wirelen: len + 1,
    linktype: 1,
    iface: n % 2,
    data,
    offset: 0,
  };
}

describe('record batches', () => {
  it('round-trips records, splitting when full', () => {
    const w = new BatchWriter(256);
    const batches: { buf: ArrayBuffer; bytes: number }[] = [];
    const input = [rec(1, 60), rec(2, 61), rec(3, 200), rec(4, 1), rec(5, 500)];
    input.forEach((r, i) => {
      if (!w.add(r, i + 1)) {
        batches.push(w.take());
        expect(w.add(r, i + 1)).toBe(true);
      }
    });
    batches.push(w.take());
    const out: { num: number; data: number[]; tsSec: number; wirelen: number; iface: number }[] = [];
    for (const b of batches)
      forEachInBatch(b.buf, b.bytes, (r, num) =>
        out.push({ num, data: [...r.data], tsSec: r.tsSec, wirelen: r.wirelen, iface: r.iface }),
      );
    expect(out.map((o) => o.num)).toEqual([1, 2, 3, 4, 5]);
    out.forEach((o, i) => {
      expect(o.data).toEqual([...input[i]!.data]);
      expect(o.tsSec).toBe(input[i]!.tsSec);
      expect(o.wirelen).toBe(input[i]!.wirelen);
      expect(o.iface).toBe(input[i]!.iface);
    });
  });
});
