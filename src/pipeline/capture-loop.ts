import { CaptureFormatError } from '../core/errors.js';
import { forEachCaptureRecord } from '../packet/file-source.js';
import type { CaptureRecord } from '../packet/packet.js';

/**
 * Read a capture file in constant memory and hand each record, with its 1-based number, to `onRecord`
 * (synchronously, in order). A format error ends the loop and is returned (records before it were all
 * delivered); I/O errors throw. `onChunk` runs after each chunk (progress reporting, back-pressure).
 * `maxBytes`: the bytes of the file to read at most.
 */
export async function forEachRecord(
  path: string,
  onRecord: (rec: CaptureRecord, num: number) => void,
  onChunk?: (bytesRead: number) => Promise<void> | void,
  maxBytes = Infinity,
): Promise<CaptureFormatError | null> {
  let num = 0;
  try {
    await forEachCaptureRecord(path, (rec) => onRecord(rec, ++num), 1 << 20, onChunk, maxBytes);
    return null;
  } catch (err) {
    if (err instanceof CaptureFormatError) return err;
    throw err;
  }
}
