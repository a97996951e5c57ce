/** Test support: byte builders for TLS records and hellos. */

const u16 = (v: number) => [(v >> 8) & 255, v & 255];
const u24 = (v: number) => [(v >> 16) & 255, (v >> 8) & 255, v & 255];

export function ext(type: number, data: number[]): number[] {
  return [...u16(type), ...u16(data.length), ...data];
}

export function sniExt(host: string): number[] {
  const name = [...Buffer.from(host, 'latin1')];
  const entry = [0, ...u16(name.length), ...name];
  return ext(0, [...u16(entry.length), ...entry]);
}

export function u16ListExt(type: number, values: number[], lenBytes: 1 | 2 = 2): number[] {
  const body = values.flatMap(u16);
  return ext(type, lenBytes === 1 ? [body.length, ...body] : [...u16(body.length), ...body]);
}

export function clientHelloMsg(o: {
  version?: number;
  ciphers: number[];
  exts: number[][];
  sessionId?: number[];
}): number[] {
  const sid = o.sessionId ?? [];
  const extBytes = o.exts.flat();
  const body = [
    ...u16(o.version ?? 0x0303),
    ...new Array<number>(32).fill(7),
    sid.length,
    ...sid,
    ...u16(o.ciphers.length * 2),
    ...o.ciphers.flatMap(u16),
    1,
    0,
    ...(o.exts.length > 0 ? [...u16(extBytes.length), ...extBytes] : []),
  ];
  return [1, ...u24(body.length), ...body];
}

export function serverHelloMsg(o: { version?: number; cipher: number; exts: number[][] }): number[] {
  const extBytes = o.exts.flat();
  const body = [
    ...u16(o.version ?? 0x0303),
    ...new Array<number>(32).fill(9),
    0,
    ...u16(o.cipher),
    0,
    ...(o.exts.length > 0 ? [...u16(extBytes.length), ...extBytes] : []),
  ];
  return [2, ...u24(body.length), ...body];
}

export function record(type: number, payload: number[], version = 0x0301): Uint8Array {
  return Uint8Array.from([type, ...u16(version), ...u16(payload.length), ...payload]);
}
