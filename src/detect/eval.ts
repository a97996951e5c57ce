import { MAX_RETRIES, type EvalContext } from './context.js';
import type { CompiledOption, CompiledRule } from './compile-rule.js';

/**
 * Evaluate a rule's options in order on the unit already set in `ctx` (Snort's cursor semantics).
 * content/pcre followed by relative options backtrack: when a later option fails, the search resumes one
 * byte after the previous match, within a bounded budget of retries per rule.
 */
export function evalRule(cr: CompiledRule, ctx: EvalContext): boolean {
  ctx.beginRule();
  return evalFrom(cr.ops, 0, ctx);
}

function evalFrom(ops: CompiledOption[], start: number, ctx: EvalContext): boolean {
  for (let i = start; i < ops.length; i++) {
    const op = ops[i]!;
    if (!op.retry) {
      if (!op.spec.eval(op.state, ctx)) return false;
      continue;
    }
    const base = ctx.cursor;
    const bufId = ctx.bufId;
    const buf = ctx.buf;
    const bufOff = ctx.bufOff;
    const bufLen = ctx.bufLen;
    const search = op.spec.search!;
    let at = search(op.state, ctx, base, 0);
    while (at >= 0) {
      if (evalFrom(ops, i + 1, ctx)) return true;
      if (++ctx.retries > MAX_RETRIES) return false;
      ctx.bufId = bufId;
      ctx.buf = buf;
      ctx.bufOff = bufOff;
      ctx.bufLen = bufLen;
      at = search(op.state, ctx, base, at + 1);
    }
    return false;
  }
  return true;
}
