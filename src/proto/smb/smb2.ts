import { u16le, u32le } from '../../core/bytes.js';
import { decodeName, type SmbCommand } from './commands.js';
import { clamp } from './smb1.js';

/** SMB2/3 (MS-SMB2 2.2): 64-byte header, command bodies; compounded commands follow NextCommand. */
const HDR = 64;
const FLAGS_RESPONSE = 0x1;
const CREATE = 5;
const CLOSE = 6;
const READ = 8;
const WRITE = 9;
/** Compounded commands read from one message. */
const MAX_COMPOUND = 16;

function fileId(b: Uint8Array, o: number): string {
  let s = 'F';
  for (let i = 0; i < 16; i++) s += b[o + i]!.toString(16).padStart(2, '0');
  return s;
}

function u64le(b: Uint8Array, o: number): number {
  return u32le(b, o) + u32le(b, o + 4) * 2 ** 32;
}

/** Commands of the SMB2 message whose first `len` bytes are in `b` (data of the last may extend past). */
export function readSmb2(b: Uint8Array, len: number, msgLen: number, out: SmbCommand[]): void {
  let h = 0;
  for (let n = 0; n < MAX_COMPOUND && h + HDR <= len; n++) {
    if (b[h] !== 0xfe || b[h + 1] !== 0x53 || b[h + 2] !== 0x4d || b[h + 3] !== 0x42) return;
    readCommand(b, h, len, msgLen, out);
    const next = u32le(b, h + 20);
    if (next === 0 || next < HDR) return;
    h += next;
  }
}

function readCommand(b: Uint8Array, h: number, len: number, msgLen: number, out: SmbCommand[]): void {
  const cmd = u16le(b, h + 12);
  const status = u32le(b, h + 8);
  const resp = (u32le(b, h + 16) & FLAGS_RESPONSE) !== 0;
  const req = `m${u64le(b, h + 24)}`;
  const p = h + HDR;
  if (resp && status !== 0) return;
  switch (cmd) {
    case CREATE:
      if (!resp && p + 48 <= len) {
        const off = h + u16le(b, p + 44);
        out.push({
          op: 'create-req',
          req,
          name: decodeName(b, off, Math.min(len, off + u16le(b, p + 46)), true),
        });
      } else if (resp && p + 80 <= len) out.push({ op: 'create-resp', req, file: fileId(b, p + 64) });
      return;
    case WRITE:
      if (!resp && p + 32 <= len) {
        const dataOff = h + u16le(b, p + 2);
        out.push({
          op: 'write',
          file: fileId(b, p + 16),
          offset: u64le(b, p + 8),
          dataOff,
          dataLen: clamp(dataOff, u32le(b, p + 4), msgLen),
        });
      }
      return;
    case READ:
      if (!resp && p + 32 <= len)
        out.push({ op: 'read-req', req, file: fileId(b, p + 16), offset: u64le(b, p + 8) });
      else if (resp && p + 8 <= len) {
        const dataOff = h + b[p + 2]!;
        out.push({ op: 'read-resp', req, dataOff, dataLen: clamp(dataOff, u32le(b, p + 4), msgLen) });
      }
      return;
    case CLOSE:
      if (!resp && p + 24 <= len) out.push({ op: 'close', file: fileId(b, p + 8) });
      return;
    default:
      return;
  }
}
