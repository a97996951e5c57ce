import { u16le, u32le } from '../../core/bytes.js';
import { decodeName, type SmbCommand } from './commands.js';

/** SMB1 (MS-CIFS 2.2.3.1): 32-byte header, then WordCount, parameter words, ByteCount and bytes. */
const HDR = 32;
const FLAGS_REPLY = 0x80;
const FLAGS2_UNICODE = 0x8000;

const NT_CREATE_ANDX = 0xa2;
const WRITE_ANDX = 0x2f;
const READ_ANDX = 0x2e;
const CLOSE = 0x04;

/**
 * Commands of the first SMB1 command in `b[0, len)` (the part of the message the reader holds; data of a
 * WRITE_ANDX may extend past it). AndX chains are not followed beyond the first command.
 */
export function readSmb1(b: Uint8Array, len: number, msgLen: number, out: SmbCommand[]): void {
  if (len < HDR + 3) return;
  const cmd = b[4]!;
  const status = u32le(b, 5);
  const reply = (b[9]! & FLAGS_REPLY) !== 0;
  const unicode = (u16le(b, 10) & FLAGS2_UNICODE) !== 0;
  const req = `${u16le(b, 26)}:${u16le(b, 30)}`; // PID:MID pairs a reply with its request
  const wc = b[HDR]!;
  const w = HDR + 1; // parameter words
  const bytesOff = w + 2 * wc + 2;
  if (bytesOff > len) return;
  if (reply && status !== 0) return;
  switch (cmd) {
    case NT_CREATE_ANDX:
      if (!reply && wc >= 24) {
        const nameLen = u16le(b, w + 5);
        // Unicode strings are aligned to 2 bytes from the start of the header.
        let p = bytesOff;
        if (unicode && (p & 1) === 1) p++;
        out.push({ op: 'create-req', req, name: decodeName(b, p, Math.min(len, p + nameLen), unicode) });
      } else if (reply && wc >= 34) out.push({ op: 'create-resp', req, file: `f${u16le(b, w + 5)}` });
      return;
    case WRITE_ANDX:
      if (!reply && wc >= 12) {
        const offset = u32le(b, w + 6) + (wc >= 14 ? u32le(b, w + 24) * 2 ** 32 : 0);
        const dataLen = u16le(b, w + 20) + u16le(b, w + 18) * 65536;
        const dataOff = u16le(b, w + 22);
        out.push({
          op: 'write',
          file: `f${u16le(b, w + 4)}`,
          offset,
          dataOff,
          dataLen: clamp(dataOff, dataLen, msgLen),
        });
      }
      return;
    case READ_ANDX:
      if (!reply && wc >= 10) {
        const offset = u32le(b, w + 6) + (wc >= 12 ? u32le(b, w + 20) * 2 ** 32 : 0);
        out.push({ op: 'read-req', req, file: `f${u16le(b, w + 4)}`, offset });
      } else if (reply && wc >= 12) {
        const dataLen = u16le(b, w + 10) + u16le(b, w + 14) * 65536;
        const dataOff = u16le(b, w + 12);
        out.push({ op: 'read-resp', req, dataOff, dataLen: clamp(dataOff, dataLen, msgLen) });
      }
      return;
    case CLOSE:
      if (!reply && wc >= 3) out.push({ op: 'close', file: `f${u16le(b, w)}` });
      return;
    default:
      return;
  }
}

/** Data length limited to the message (a lying length never reads past it). */
export function clamp(off: number, len: number, msgLen: number): number {
  return off >= msgLen ? 0 : Math.min(len, msgLen - off);
}
