import { LOWER } from '../../core/bytes.js';
import type { EvalContext } from '../context.js';
import {
  defineOption,
  fail,
  nameValue,
  numKey,
  parseInt32,
  parseNumOrVar,
  requireArgs,
  splitArgs,
  type NumArg,
  type ParseContext,
} from '../option.js';
import { hexKey, parseQuotedPattern } from './pattern.js';

export interface ContentState {
  /** The pattern, lower-cased when nocase. */
  pattern: Uint8Array;
  raw: Uint8Array;
  nocase: boolean;
  negated: boolean;
  offset: NumArg | null;
  depth: NumArg | null;
  distance: NumArg | null;
  within: NumArg | null;
  fastPattern: boolean;
  fpOffset: number;
  fpLength: number;
  /** Horspool shift table (patterns of 3+ bytes). */
  shift: Int32Array | null;
}

const RANGE = 65535;

function parse(args: string | null, pc: ParseContext): ContentState {
  const parts = splitArgs(requireArgs('content', args));
  let first = parts[0]!;
  let negated = false;
  if (first.startsWith('!')) {
    negated = true;
    first = first.slice(1).trim();
  }
  const raw = parseQuotedPattern(first);
  if (raw.length === 0) fail('content: empty pattern');
  const s: ContentState = {
    pattern: raw,
    raw,
    nocase: false,
    negated,
    offset: null,
    depth: null,
    distance: null,
    within: null,
    fastPattern: false,
    fpOffset: 0,
    fpLength: 0,
    shift: null,
  };
  for (let i = 1; i < parts.length; i++) {
    const [name, value] = nameValue(parts[i]!);
    switch (name) {
      case 'nocase':
        s.nocase = true;
        break;
      case 'fast_pattern':
        s.fastPattern = true;
        break;
      case 'offset':
        s.offset = parseNumOrVar(value, 'content offset', -RANGE, RANGE, pc);
        break;
      case 'depth':
        s.depth = parseNumOrVar(value, 'content depth', 1, RANGE, pc);
        break;
      case 'distance':
        s.distance = parseNumOrVar(value, 'content distance', -RANGE, RANGE, pc);
        break;
      case 'within':
        s.within = parseNumOrVar(value, 'content within', 1, RANGE, pc);
        break;
      case 'fast_pattern_offset':
        s.fpOffset = parseInt32(value, 'fast_pattern_offset', 0, RANGE);
        break;
      case 'fast_pattern_length':
        s.fpLength = parseInt32(value, 'fast_pattern_length', 1, RANGE);
        break;
      case 'fast_pattern_only':
        s.fastPattern = true;
        break;
      default:
        fail(`content: unknown modifier '${name}'`);
    }
  }
  if ((s.offset || s.depth) && (s.distance || s.within)) {
    fail('content: offset/depth cannot be combined with distance/within');
  }
  if (s.depth && s.depth.varIdx < 0 && s.depth.value < raw.length)
    fail('content: depth is less than the pattern length');
  if (s.within && s.within.varIdx < 0 && s.within.value < raw.length)
    fail('content: within is less than the pattern length');
  if (s.fpOffset + s.fpLength > raw.length)
    fail('content: fast_pattern_offset + fast_pattern_length exceed the pattern');
  if (s.nocase) s.pattern = raw.map((b) => LOWER[b]!);
  if (s.pattern.length >= 3) s.shift = horspool(s.pattern);
  return s;
}

function horspool(p: Uint8Array): Int32Array {
  const t = new Int32Array(256).fill(p.length);
  for (let i = 0; i < p.length - 1; i++) t[p[i]!] = p.length - 1 - i;
  return t;
}

function val(a: NumArg, ctx: EvalContext): number {
  return a.varIdx < 0 ? a.value : ctx.vars[a.varIdx]!;
}

/** Find the pattern in buf[from, end) (buffer-relative); returns the relative start or -1. */
export function findPattern(s: ContentState, b: Uint8Array, base: number, from: number, end: number): number {
  const p = s.pattern;
  const m = p.length;
  const last = m - 1;
  const nocase = s.nocase;
  const shift = s.shift;
  let i = from;
  if (shift === null) {
    for (; i + m <= end; i++) {
      let j = 0;
      if (nocase) while (j < m && LOWER[b[base + i + j]!] === p[j]) j++;
      else while (j < m && b[base + i + j] === p[j]) j++;
      if (j === m) return i;
    }
    return -1;
  }
  const pl = p[last]!;
  while (i + m <= end) {
    let c = b[base + i + last]!;
    if (nocase) c = LOWER[c]!;
    if (c === pl) {
      let j = 0;
      if (nocase) while (j < last && LOWER[b[base + i + j]!] === p[j]) j++;
      else while (j < last && b[base + i + j] === p[j]) j++;
      if (j === last) return i;
    }
    i += shift[c]!;
  }
  return -1;
}

/** The [start, end) window the pattern must lie in, given the cursor before this option. */
function search(s: ContentState, ctx: EvalContext, base: number, from: number): number {
  const len = ctx.bufLen;
  let start: number;
  let end: number;
  if (s.distance !== null || s.within !== null) {
    start = base + (s.distance === null ? 0 : val(s.distance, ctx));
    end = s.within === null ? len : start + val(s.within, ctx);
  } else {
    start = s.offset === null ? 0 : val(s.offset, ctx);
    end = s.depth === null ? len : start + val(s.depth, ctx);
  }
  if (start < 0) start = 0;
  if (end > len) end = len;
  if (from > start) start = from;
  if (start >= end) return -1;
  const at = findPattern(s, ctx.buf, ctx.bufOff, start, end);
  if (at >= 0) ctx.cursor = at + s.pattern.length;
  return at;
}

export const ContentOption = defineOption<ContentState>({
  name: 'content',
  kind: 'payload',
  help: 'payload rule option for basic pattern matching',
  params: [
    { name: '~data', type: 'string', help: 'data to match ("text|hex bytes|"), ! negates' },
    { name: 'nocase', type: 'implied', help: 'case insensitive match' },
    { name: 'fast_pattern', type: 'implied', help: 'use this content in the fast pattern matcher' },
    { name: 'fast_pattern_offset', type: 'int', range: '0:65535', help: 'offset of the fast pattern slice' },
    { name: 'fast_pattern_length', type: 'int', range: '1:65535', help: 'length of the fast pattern slice' },
    { name: 'offset', type: 'var_or_int', range: '-65535:65535', help: 'start search at this offset' },
    {
      name: 'depth',
      type: 'var_or_int',
      range: '1:65535',
      help: 'stop search after this many bytes from offset',
    },
    {
      name: 'distance',
      type: 'var_or_int',
      range: '-65535:65535',
      help: 'start this many bytes after the cursor',
    },
    {
      name: 'within',
      type: 'var_or_int',
      range: '1:65535',
      help: 'match within this many bytes of distance',
    },
  ],
  parse,
  eval(s, ctx) {
    if (s.negated) {
      const saved = ctx.cursor;
      const at = search(s, ctx, saved, 0);
      ctx.cursor = saved;
      return at < 0;
    }
    return search(s, ctx, ctx.cursor, 0) >= 0;
  },
  search(s, ctx, base, from) {
    return s.negated ? -1 : search(s, ctx, base, from);
  },
  relative(s) {
    return s.distance !== null || s.within !== null;
  },
  key(s) {
    const n = (a: NumArg | null): string => (a === null ? '-' : numKey(a));
    return `content:${s.negated ? '!' : ''}${hexKey(s.raw)}|${s.nocase ? 1 : 0}|${n(s.offset)}|${n(s.depth)}|${n(s.distance)}|${n(s.within)}|${s.fastPattern ? 1 : 0}|${s.fpOffset}|${s.fpLength}`;
  },
});

/** The slice of the pattern used by the fast-pattern matcher (fast_pattern_offset/length). */
export function fastPatternBytes(s: ContentState): Uint8Array {
  if (s.fpLength > 0 || s.fpOffset > 0) {
    const len = s.fpLength > 0 ? s.fpLength : s.raw.length - s.fpOffset;
    return s.raw.subarray(s.fpOffset, s.fpOffset + len);
  }
  return s.raw;
}
