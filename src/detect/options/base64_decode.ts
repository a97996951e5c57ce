import type { EvalContext } from '../context.js';
import { defineOption, fail, nameValue, parseInt32, splitArgs } from '../option.js';

export interface Base64DecodeState {
  bytes: number;
  offset: number;
  relative: boolean;
}

const DEC = (() => {
  const t = new Int8Array(256).fill(-1);
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) t[a.charCodeAt(i)] = i;
  return t;
})();

/** Decode base64 from buf[start, end) into ctx.b64; whitespace is skipped, '=' or an invalid byte ends it. */
export function decodeInto(ctx: EvalContext, start: number, end: number): number {
  const b = ctx.buf;
  const out = ctx.b64;
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (let i = ctx.bufOff + start; i < ctx.bufOff + end && n < out.length; i++) {
    const c = b[i]!;
    if (c === 0x0d || c === 0x0a || c === 0x20 || c === 0x09) continue;
    const v = DEC[c]!;
    if (v < 0) break;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >>> bits) & 0xff;
    }
  }
  return n;
}

export const Base64DecodeOption = defineOption<Base64DecodeState>({
  name: 'base64_decode',
  kind: 'payload',
  help: 'rule option to decode base64 data (read it with base64_data)',
  params: [
    { name: 'bytes', type: 'int', range: '1:65535', help: 'number of base64 encoded bytes to decode' },
    { name: 'offset', type: 'int', range: '0:65535', help: 'bytes past start of buffer to start decoding' },
    { name: 'relative', type: 'implied', help: 'apply offset to the cursor instead of the buffer start' },
  ],
  parse(args) {
    const s: Base64DecodeState = { bytes: 0, offset: 0, relative: false };
    if (args === null || args.trim() === '') return s;
    for (const p of splitArgs(args)) {
      const [n, v] = nameValue(p);
      if (n === 'bytes') s.bytes = parseInt32(v, 'base64_decode bytes', 1, 65535);
      else if (n === 'offset') s.offset = parseInt32(v, 'base64_decode offset', 0, 65535);
      else if (n === 'relative') s.relative = true;
      else fail(`base64_decode: unknown argument '${p}'`);
    }
    return s;
  },
  eval(s, ctx) {
    const start = (s.relative ? ctx.cursor : 0) + s.offset;
    if (start >= ctx.bufLen) return false;
    const end = s.bytes > 0 ? Math.min(ctx.bufLen, start + s.bytes) : ctx.bufLen;
    const n = decodeInto(ctx, start, end);
    ctx.b64Len = n;
    return n > 0;
  },
  relative: (s) => s.relative,
  key: (s) => `base64_decode:${s.bytes}:${s.offset}:${s.relative ? 1 : 0}`,
});
