/** Test support: SMB2 messages in NetBIOS session framing, built field by field (MS-SMB2 2.2). */

function le(v: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.floor(v / 2 ** (8 * i)) & 0xff);
  return out;
}

export function nbss(msg: number[]): Uint8Array {
  return Uint8Array.from([0, (msg.length >> 16) & 0xff, (msg.length >> 8) & 0xff, msg.length & 0xff, ...msg]);
}

function header(cmd: number, msgId: number, response: boolean): number[] {
  const h = [0xfe, 0x53, 0x4d, 0x42, ...le(64, 2), ...le(0, 2), ...le(0, 4), ...le(cmd, 2), ...le(1, 2)];
  h.push(...le(response ? 1 : 0, 4), ...le(0, 4), ...le(msgId, 8), ...le(0, 4), ...le(1, 4), ...le(0, 8));
  return [...h, ...new Array<number>(16).fill(0)];
}

export function fileId(n: number): number[] {
  return [...le(n, 8), ...le(n + 1000, 8)];
}

export function createReq(msgId: number, name: string): Uint8Array {
  const utf16 = [...name].flatMap((c) => le(c.charCodeAt(0), 2));
  const body = [
    ...le(57, 2),
    0,
    0,
    ...le(2, 4),
    ...new Array<number>(16).fill(0),
    ...new Array<number>(20).fill(0),
  ];
  body.push(...le(64 + 56, 2), ...le(utf16.length, 2), ...le(0, 4), ...le(0, 4));
  return nbss([...header(5, msgId, false), ...body, ...utf16]);
}

export function createResp(msgId: number, fid: number): Uint8Array {
  const body = [
    ...le(89, 2),
    0,
    0,
    ...le(1, 4),
    ...new Array<number>(56).fill(0),
    ...fileId(fid),
    ...le(0, 8),
  ];
  return nbss([...header(5, msgId, true), ...body]);
}

export function writeReq(msgId: number, fid: number, offset: number, data: number[]): Uint8Array {
  const body = [...le(49, 2), ...le(64 + 48, 2), ...le(data.length, 4), ...le(offset, 8), ...fileId(fid)];
  body.push(...le(0, 4), ...le(0, 4), ...le(0, 2), ...le(0, 2), ...le(0, 4));
  return nbss([...header(9, msgId, false), ...body, ...data]);
}

export function readReq(msgId: number, fid: number, offset: number, len: number): Uint8Array {
  const body = [
    ...le(49, 2),
    0,
    0,
    ...le(len, 4),
    ...le(offset, 8),
    ...fileId(fid),
    ...new Array<number>(17).fill(0),
  ];
  return nbss([...header(8, msgId, false), ...body]);
}

export function readResp(msgId: number, data: number[]): Uint8Array {
  const body = [...le(17, 2), 64 + 16, 0, ...le(data.length, 4), ...le(0, 4), ...le(0, 4)];
  return nbss([...header(8, msgId, true), ...body, ...data]);
}

export function closeReq(msgId: number, fid: number): Uint8Array {
  return nbss([...header(6, msgId, false), ...le(24, 2), ...le(0, 2), ...le(0, 4), ...fileId(fid)]);
}
