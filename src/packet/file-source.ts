import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { VigilError } from '../core/errors.js';
import { CaptureReader } from './capture-reader.js';
import type { ReaderRecord } from './capture-reader.js';

async function openCapture(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (e) {
    throw new VigilError('E_IO', `cannot open capture ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Feed a file through a CaptureReader chunk by chunk (one reusable read buffer), calling `onChunk` after
 * each push so the caller drains the records, then `afterChunk` (progress, back-pressure); ends with
 * `reader.end()`.
 */
async function pump(
  path: string,
  chunkSize: number,
  onChunk: (reader: CaptureReader) => boolean,
  afterChunk?: (bytesRead: number) => Promise<void> | void,
  maxBytes = Infinity,
): Promise<void> {
  const fh = await openCapture(path);
  try {
    const reader = new CaptureReader();
    const chunk = new Uint8Array(chunkSize);
    let total = 0;
    // At most `maxBytes` in all: a read never asks for more than what is left of them.
    const read = (): Promise<{ bytesRead: number }> =>
      fh.read(chunk, 0, Math.max(0, Math.min(chunkSize, maxBytes - total)), null);
    // push() copies the chunk, so the next read can fill it while this chunk's records are processed:
    // the thread no longer waits for each read (about a tenth of a run's time on a file in the page cache).
    let pending: Promise<{ bytesRead: number }> | null = read();
    try {
      for (;;) {
        const { bytesRead } = await pending;
        pending = null;
        if (bytesRead === 0) break;
        total += bytesRead;
        reader.push(bytesRead === chunkSize ? chunk : chunk.subarray(0, bytesRead));
        pending = read();
        if (!onChunk(reader)) return;
        if (afterChunk) await afterChunk(total);
      }
    } finally {
      // A read still in flight (early stop, a throwing callback) must finish before the handle closes.
      if (pending !== null) await pending.catch(() => undefined);
    }
    reader.end();
  } finally {
    await fh.close();
  }
}

/**
 * Read a pcap/pcapng file record by record. Each yielded record (and its `data`) is valid only until the
 * generator is resumed. Format errors surface as CaptureFormatError after every record before the bad
 * one was yielded; I/O errors as VigilError E_IO.
 */
export async function* readCaptureFile(path: string, chunkSize = 1 << 20): AsyncGenerator<ReaderRecord> {
  const fh = await openCapture(path);
  try {
    const reader = new CaptureReader();
    const chunk = new Uint8Array(chunkSize);
    for (;;) {
      const { bytesRead } = await fh.read(chunk, 0, chunkSize, null);
      if (bytesRead === 0) break;
      reader.push(bytesRead === chunkSize ? chunk : chunk.subarray(0, bytesRead));
      for (let rec = reader.next(); rec !== null; rec = reader.next()) yield rec;
    }
    reader.end();
  } finally {
    await fh.close();
  }
}

/**
 * Same records as readCaptureFile, delivered to a synchronous callback: no promise per record, which
 * is what the engine's hot loop wants (an async generator costs about 1 µs a record). Return false from
 * `onRecord` to stop early. `afterChunk` runs after each chunk's records, with the bytes read so far.
 * `maxBytes`: read no further (every thread of a run then reads a file that is still growing to the same
 * point).
 */
export async function forEachCaptureRecord(
  path: string,
  onRecord: (rec: ReaderRecord) => boolean | void,
  chunkSize = 1 << 20,
  afterChunk?: (bytesRead: number) => Promise<void> | void,
  maxBytes = Infinity,
): Promise<void> {
  await pump(
    path,
    chunkSize,
    (reader) => {
      for (let rec = reader.next(); rec !== null; rec = reader.next())
        if (onRecord(rec) === false) return false;
      return true;
    },
    afterChunk,
    maxBytes,
  );
}

/**
 * The records of a capture arriving as a byte stream (a pipe from a capture helper such as
 * `tcpdump -w -`), delivered like forEachCaptureRecord. Chunks are copied into the reader, so the stream may
 * reuse its buffers. Ends with `reader.end()` when the stream does: a record cut short throws
 * CaptureFormatError after every whole record before it was delivered.
 */
export async function forEachStreamRecord(
  chunks: AsyncIterable<Uint8Array>,
  onRecord: (rec: ReaderRecord) => boolean | void,
): Promise<void> {
  const reader = new CaptureReader();
  for await (const chunk of chunks) {
    reader.push(chunk);
    for (let rec = reader.next(); rec !== null; rec = reader.next()) if (onRecord(rec) === false) return;
  }
  reader.end();
}
