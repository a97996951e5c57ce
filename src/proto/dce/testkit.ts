/** Test support: DCE/RPC connection-oriented PDUs built field by field (C706 12.6), in either byte order. */

export interface PduOpts {
  little?: boolean;
  flags?: number;
  callId?: number;
  authLen?: number;
}

function put(out: number[], v: number, n: number, little: boolean): void {
  for (let i = 0; i < n; i++) out.push(little ? (v >>> (8 * i)) & 0xff : (v >>> (8 * (n - 1 - i))) & 0xff);
}

/** UUID text → 16 bytes, the first three fields in the given byte order. */
export function uuidBytes(uuid: string, little: boolean): number[] {
  const h = uuid.replace(/-/g, '');
  const b = Array.from({ length: 16 }, (_, i) => parseInt(h.slice(2 * i, 2 * i + 2), 16));
  if (!little) return b;
  return [b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.slice(8)];
}

export function pdu(ptype: number, body: number[], o: PduOpts = {}): Uint8Array {
  const little = o.little ?? true;
  const out = [5, 0, ptype, o.flags ?? 3, little ? 0x10 : 0, 0, 0, 0];
  put(out, 16 + body.length + (o.authLen ?? 0), 2, little);
  put(out, o.authLen ?? 0, 2, little);
  put(out, o.callId ?? 1, 4, little);
  out.push(...body);
  for (let i = 0; i < (o.authLen ?? 0); i++) out.push(0xaa);
  return Uint8Array.from(out);
}

export function bind(items: { ctx: number; uuid: string; version: number }[], o: PduOpts = {}): Uint8Array {
  const little = o.little ?? true;
  const body: number[] = [];
  put(body, 4280, 2, little);
  put(body, 4280, 2, little);
  put(body, 0, 4, little);
  body.push(items.length, 0, 0, 0);
  for (const it of items) {
    put(body, it.ctx, 2, little);
    body.push(1, 0, ...uuidBytes(it.uuid, little));
    put(body, it.version, 2, little);
    put(body, 0, 2, little);
    // One transfer syntax: NDR 2.0.
    body.push(...uuidBytes('8a885d04-1ceb-11c9-9fe8-08002b104860', little));
    put(body, 2, 4, little);
  }
  return pdu(11, body, o);
}

export function bindAck(results: number[], o: PduOpts = {}): Uint8Array {
  const little = o.little ?? true;
  const body: number[] = [];
  put(body, 4280, 2, little);
  put(body, 4280, 2, little);
  put(body, 0x1234, 4, little);
  const sec = [...'\\PIPE\\srvsvc'].map((c) => c.charCodeAt(0)).concat(0);
  put(body, sec.length, 2, little);
  body.push(...sec);
  while ((16 + body.length) % 4 !== 0) body.push(0);
  body.push(results.length, 0, 0, 0);
  for (const r of results) {
    put(body, r, 2, little);
    put(body, 0, 2, little);
    body.push(...new Array<number>(20).fill(0));
  }
  return pdu(12, body, o);
}

export function request(ctx: number, opnum: number, stub: number[], o: PduOpts = {}): Uint8Array {
  const little = o.little ?? true;
  const body: number[] = [];
  put(body, stub.length, 4, little);
  put(body, ctx, 2, little);
  put(body, opnum, 2, little);
  return pdu(0, [...body, ...stub], o);
}

export function response(ctx: number, stub: number[], o: PduOpts = {}): Uint8Array {
  const little = o.little ?? true;
  const body: number[] = [];
  put(body, stub.length, 4, little);
  put(body, ctx, 2, little);
  body.push(0, 0);
  return pdu(2, [...body, ...stub], o);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
