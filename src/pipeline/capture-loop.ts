import { open } from 'node:fs/promises';
import { CaptureFormatError, VigilError } from '../core/errors.js';
import { CaptureReader } from '../packet/capture-reader.js';
import type { CaptureRecord } from '../packet/packet.js';

const CHUNK = 1 << 20;

/**
 * Read a capture file in constant memory and hand each record to `onRecord` (synchronously, in order).
 * A format error ends the loop and is returned (records before it were all delivered); I/O errors throw.
 * `onChunk` runs after each chunk (progress reporting, back-pressure).
 */
export async function forEachRecord(
  path: string,
  onRecord: (rec: CaptureRecord, num: number) => void,
  onChunk?: (bytesRead: number) => Promise<void> | void,
): Promise<CaptureFormatError | null> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw new VigilError('E_IO', `cannot open capture ${path}: ${(err as Error).message}`, { cause: err });
  }
  const reader = new CaptureReader();
  const buf = new Uint8Array(CHUNK);
  let num = 0;
  let total = 0;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      reader.push(buf.subarray(0, bytesRead));
      for (let rec = reader.next(); rec !== null; rec = reader.next()) onRecord(rec, ++num);
      if (onChunk) await onChunk(total);
    }
    reader.end();
    return null;
  } catch (err) {
    if (err instanceof CaptureFormatError) return err;
    throw err;
  } finally {
    await fh.close();
  }
}
