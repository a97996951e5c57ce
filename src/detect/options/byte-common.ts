import type { EvalContext } from '../context.js';
import { fail, nameValue, parseInt32, type NumArg, type ParseContext } from '../option.js';
import { MAX_VARS } from '../context.js';
import { appState } from './app-state.js';

/** How byte_* options read a number: binary (endian) or text (base). */
export interface ByteRead {
  bytes: number;
  little: boolean;
  /** `dce`: byte order from the DCE/RPC PDU's data representation (little-endian when unknown). */
  dce: boolean;
  /** 0 for binary, else 8 / 10 / 16 for `string` conversion. */
  base: number;
  bitmask: number;
  /** Right shift applied after the bitmask (its trailing zero bits), as Snort does. */
  shift: number;
}

export function newByteRead(bytes: number): ByteRead {
  return { bytes, little: false, dce: false, base: 0, bitmask: 0, shift: 0 };
}

/**
 * Handle a modifier shared by byte_test/jump/extract/math; returns false when `part` is not one of them.
 * `string` alone means decimal; a base word alone implies `string`.
 */
export function byteModifier(r: ByteRead, part: string): boolean {
  const [name, value] = nameValue(part);
  switch (name) {
    case 'big':
      r.little = false;
      return true;
    case 'little':
      r.little = true;
      return true;
    case 'dce':
      r.dce = true;
      r.little = true;
      return true;
    case 'string':
      if (r.base === 0) r.base = 10;
      if (value === 'hex') r.base = 16;
      else if (value === 'oct') r.base = 8;
      else if (value !== '' && value !== 'dec') fail(`unknown string base '${value}'`);
      return true;
    case 'hex':
      r.base = 16;
      return true;
    case 'dec':
      r.base = 10;
      return true;
    case 'oct':
      r.base = 8;
      return true;
    case 'bitmask': {
      const m = parseInt32(value, 'bitmask', 0, 0xffffffff);
      if (m === 0) fail('bitmask must not be 0');
      r.bitmask = m;
      let s = 0;
      while (((m >>> s) & 1) === 0) s++;
      r.shift = s;
      return true;
    }
    default:
      return false;
  }
}

export function checkByteCount(r: ByteRead, what: string): void {
  const max = r.base === 0 ? 4 : 10;
  if (r.bytes < 1 || r.bytes > max) fail(`${what}: ${r.bytes} bytes is out of range 1:${max}`);
  if (r.base === 0 && r.bytes === 3 && r.little === false) return;
}

/** Read the number at buffer-relative `pos`; -1 when out of bounds or not a number. */
export function readNumber(r: ByteRead, ctx: EvalContext, pos: number, count = r.bytes): number {
  if (pos < 0 || pos + count > ctx.bufLen) return -1;
  const b = ctx.buf;
  const o = ctx.bufOff + pos;
  let v = 0;
  if (r.base === 0) {
    if (r.dce ? (appState(ctx)?.dce?.little ?? true) : r.little)
      for (let i = count - 1; i >= 0; i--) v = v * 256 + b[o + i]!;
    else for (let i = 0; i < count; i++) v = v * 256 + b[o + i]!;
  } else {
    let i = 0;
    while (i < count && (b[o + i] === 0x20 || b[o + i] === 0x09)) i++;
    let digits = 0;
    for (; i < count; i++) {
      const d = digit(b[o + i]!);
      if (d < 0 || d >= r.base) break;
      v = v * r.base + d;
      digits++;
    }
    if (digits === 0) return -1;
  }
  if (r.bitmask !== 0) v = ((v & r.bitmask) >>> 0) / 2 ** r.shift;
  return v;
}

function digit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

export function argVal(a: NumArg, ctx: EvalContext): number {
  return a.varIdx < 0 ? a.value : ctx.vars[a.varIdx]!;
}

/** Define (or reuse) a byte_extract / byte_math variable slot. */
export function defineVar(pc: ParseContext, name: string, what: string): number {
  if (!/^[A-Za-z_][\w-]*$/.test(name)) fail(`${what}: invalid variable name '${name}'`);
  const i = pc.vars.indexOf(name);
  if (i >= 0) return i;
  if (pc.vars.length >= MAX_VARS) fail(`${what}: at most ${MAX_VARS} variables per rule`);
  pc.vars.push(name);
  return pc.vars.length - 1;
}

export function byteKey(r: ByteRead): string {
  return `${r.bytes}:${r.dce ? 'd' : r.little ? 'l' : 'b'}:${r.base}:${r.bitmask}`;
}
