import type { EvalContext } from '../context.js';
import { defineOption, fail, requireArgs, type OptionSpec } from '../option.js';

/** Snort's RangeCheck: `5`, `=5`, `!5`, `<5`, `<=5`, `>5`, `>=5`, `1<>5` (exclusive), `1<=>5` (inclusive). */
export const RangeOp = { EQ: 0, NE: 1, LT: 2, LE: 3, GT: 4, GE: 5, LG: 6, LEG: 7 } as const;

export interface RangeState {
  op: number;
  lo: number;
  hi: number;
}

function num(t: string, what: string, min: number, max: number): number {
  if (!/^\s*(0x[0-9a-f]+|\d+)\s*$/i.test(t)) fail(`${what}: expected a number, got '${t.trim()}'`);
  const v = Number(t.trim());
  if (v < min || v > max) fail(`${what}: ${v} is out of range ${min}:${max}`);
  return v;
}

export function parseRange(text: string, what: string, min: number, max: number): RangeState {
  const t = text.trim();
  const between = /^(.+?)(<=>|<>)(.+)$/.exec(t);
  if (between) {
    const lo = num(between[1]!, what, min, max);
    const hi = num(between[3]!, what, min, max);
    if (lo > hi) fail(`${what}: lower bound ${lo} exceeds upper bound ${hi}`);
    return { op: between[2] === '<>' ? RangeOp.LG : RangeOp.LEG, lo, hi };
  }
  const m = /^(<=|>=|<|>|!=|!|=)?(.*)$/.exec(t)!;
  const ops: Record<string, number> = {
    '': RangeOp.EQ,
    '=': RangeOp.EQ,
    '!': RangeOp.NE,
    '!=': RangeOp.NE,
    '<': RangeOp.LT,
    '<=': RangeOp.LE,
    '>': RangeOp.GT,
    '>=': RangeOp.GE,
  };
  const v = num(m[2]!, what, min, max);
  return { op: ops[m[1] ?? '']!, lo: v, hi: v };
}

export function inRange(r: RangeState, v: number): boolean {
  switch (r.op) {
    case RangeOp.EQ:
      return v === r.lo;
    case RangeOp.NE:
      return v !== r.lo;
    case RangeOp.LT:
      return v < r.lo;
    case RangeOp.LE:
      return v <= r.lo;
    case RangeOp.GT:
      return v > r.lo;
    case RangeOp.GE:
      return v >= r.lo;
    case RangeOp.LG:
      return v > r.lo && v < r.hi;
    default:
      return v >= r.lo && v <= r.hi;
  }
}

/**
 * A header option that checks one numeric field against a range (ttl, tos, id, itype, icode, dsize …).
 * `get` returns the field, or -1 when the packet does not have it (the option then fails).
 */
export function rangeOption(
  name: string,
  help: string,
  min: number,
  max: number,
  get: (ctx: EvalContext) => number,
): OptionSpec<RangeState> {
  return defineOption<RangeState>({
    name,
    kind: 'header',
    help,
    params: [{ name: '~range', type: 'interval', range: `${min}:${max}`, help }],
    parse: (args) => parseRange(requireArgs(name, args), name, min, max),
    eval(s, ctx) {
      const v = get(ctx);
      return v >= 0 && inRange(s, v);
    },
    key: (s) => `${name}:${s.op}:${s.lo}:${s.hi}`,
  });
}
