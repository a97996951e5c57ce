/**
 * What the SMB1 and SMB2 readers report from one message: file opens, data transfers and closes. `req`
 * pairs a request with its response (message id), `file` names an open file (FID / FileId); data offsets
 * are relative to the start of the SMB message (after the 4-byte NetBIOS header).
 */
export type SmbCommand =
  | { op: 'create-req'; req: string; name: string }
  | { op: 'create-resp'; req: string; file: string }
  | { op: 'write'; file: string; offset: number; dataOff: number; dataLen: number }
  | { op: 'read-req'; req: string; file: string; offset: number }
  | { op: 'read-resp'; req: string; dataOff: number; dataLen: number }
  | { op: 'close'; file: string };

/** UTF-16LE (or 8-bit) name bytes to text, without a trailing NUL; at most 1024 characters. */
export function decodeName(b: Uint8Array, off: number, end: number, unicode: boolean): string {
  let s = '';
  const step = unicode ? 2 : 1;
  for (let i = off; i + step <= end && s.length < 1024; i += step) {
    const c = unicode ? b[i]! | (b[i + 1]! << 8) : b[i]!;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}
