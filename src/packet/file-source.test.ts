import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureFormatError } from '../core/errors.js';
import { forEachCaptureRecord } from './file-source.js';
import { pcapFile } from './testkit-capture.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-file-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** n records of different sizes; record i's first byte is i & 255 and its length 20 + (i * 37) % 300. */
function capture(n: number): { path: string; bytes: Uint8Array } {
  const recs = [];
  for (let i = 0; i < n; i++) {
    const data = new Uint8Array(20 + ((i * 37) % 300)).fill(0xee);
    data[0] = i & 255;
    recs.push({ data, tsSec: i });
  }
  const bytes = pcapFile(recs, { linktype: 101 });
  const path = join(dir, `n${n}-${bytes.length}.pcap`);
  writeFileSync(path, bytes);
  return { path, bytes };
}

describe('forEachCaptureRecord (reads the next chunk while this one is processed)', () => {
  it('gives every record, whole and in order, for any chunk size', async () => {
    const { path } = capture(400);
    for (const chunkSize of [1, 7, 64, 333, 4096, 1 << 20]) {
      const seen: number[] = [];
      let chunks = 0;
      let lastTotal = 0;
      await forEachCaptureRecord(
        path,
        (rec) => {
          const i = seen.length;
          expect(rec.tsSec).toBe(i);
          expect(rec.caplen).toBe(20 + ((i * 37) % 300));
          expect(rec.data[0]).toBe(i & 255);
          expect(rec.data[rec.caplen - 1]).toBe(0xee);
          seen.push(i);
        },
        chunkSize,
        (total) => {
          chunks++;
          expect(total).toBeGreaterThan(lastTotal);
          lastTotal = total;
        },
      );
      expect(seen.length).toBe(400);
      expect(chunks).toBeGreaterThan(0);
    }
  });

  it('stops early without error when the callback returns false (the read in flight is awaited)', async () => {
    const { path } = capture(200);
    let n = 0;
    await forEachCaptureRecord(path, () => ++n < 50, 128);
    expect(n).toBe(50);
  });

  it('passes a throwing callback through and still closes the file', async () => {
    const { path } = capture(100);
    let n = 0;
    await expect(
      forEachCaptureRecord(
        path,
        () => {
          if (++n === 30) throw new Error('boom');
        },
        256,
      ),
    ).rejects.toThrow('boom');
  });

  it('delivers every whole record before a truncated one, then names its offset', async () => {
    const { bytes } = capture(60);
    const cut = join(dir, 'cut.pcap');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 5));
    let n = 0;
    const err = await forEachCaptureRecord(cut, () => void n++, 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaptureFormatError);
    expect(n).toBe(59);
    expect((err as CaptureFormatError).message).toMatch(/truncated record/);
  });

  it('reads no further than maxBytes: a whole-record prefix gives its records, a cut one an error', async () => {
    const { path, bytes } = capture(50);
    // The first 10 records: a 24-byte header, then 16 bytes of record header and caplen each.
    let end = 24;
    for (let i = 0; i < 10; i++) end += 16 + 20 + ((i * 37) % 300);
    for (const chunkSize of [64, 1 << 20]) {
      let n = 0;
      await forEachCaptureRecord(path, () => void n++, chunkSize, undefined, end);
      expect(n).toBe(10);
      n = 0;
      const err = await forEachCaptureRecord(path, () => void n++, chunkSize, undefined, end + 7).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(CaptureFormatError);
      expect(n).toBe(10);
    }
    let all = 0;
    await forEachCaptureRecord(path, () => void all++, 1 << 20, undefined, bytes.length + 1000);
    expect(all).toBe(50);
  });
});
