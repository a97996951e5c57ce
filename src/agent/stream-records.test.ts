import { describe, expect, it } from 'vitest';
import { forEachStreamRecord } from '../packet/file-source.js';
import { pcapFile } from '../packet/testkit-capture.js';

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  // One buffer reused for every chunk, as a pipe's reader may do: the reader must copy.
  const buf = new Uint8Array(size);
  for (let i = 0; i < bytes.length; i += size) {
    const n = Math.min(size, bytes.length - i);
    buf.set(bytes.subarray(i, i + n));
    yield buf.subarray(0, n);
  }
}

const FILE = pcapFile([
  { data: new Uint8Array([1, 2, 3]), tsSec: 100, tsFrac: 1 },
  { data: new Uint8Array(1500).fill(7), tsSec: 101, tsFrac: 2 },
  { data: new Uint8Array([9]), tsSec: 102, tsFrac: 3 },
]);

describe('capture records from a byte stream (the tcpdump pipe)', () => {
  for (const size of [1, 7, 24, 4096])
    it(`gives every record whole when chunks are ${size} bytes`, async () => {
      const got: string[] = [];
      await forEachStreamRecord(chunks(FILE, size), (r) => {
        got.push(`${r.tsSec}:${r.caplen}:${r.data[0]}`);
      });
      expect(got).toEqual(['100:3:1', '101:1500:7', '102:1:9']);
    });

  it('delivers the whole records before a stream cut mid-record, then says where it was cut', async () => {
    const got: number[] = [];
    await expect(
      forEachStreamRecord(chunks(FILE.subarray(0, FILE.length - 5), 100), (r) => {
        got.push(r.tsSec);
      }),
    ).rejects.toThrow(/truncated record/);
    expect(got).toEqual([100, 101]);
  });
});
