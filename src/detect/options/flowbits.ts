import type { EvalContext } from '../context.js';
import { clearBit, flowState, setBit, testBit } from '../flow-state.js';
import { defineOption, fail, requireArgs, splitArgs, type ParseContext } from '../option.js';

export const FlowbitsOp = {
  SET: 0,
  SETX: 1,
  UNSET: 2,
  TOGGLE: 3,
  RESET: 4,
  ISSET: 5,
  ISNOTSET: 6,
  NOALERT: 7,
} as const;

const OPS: Record<string, number> = {
  set: FlowbitsOp.SET,
  setx: FlowbitsOp.SETX,
  unset: FlowbitsOp.UNSET,
  toggle: FlowbitsOp.TOGGLE,
  reset: FlowbitsOp.RESET,
  isset: FlowbitsOp.ISSET,
  isnotset: FlowbitsOp.ISNOTSET,
  noalert: FlowbitsOp.NOALERT,
};

export interface FlowbitsState {
  op: number;
  /** Bit ids named in the option (empty for `reset`, `noalert`, or `any|all,group` forms). */
  bits: number[];
  /** true: `a&b` or `all` (every bit); false: `a|b` or `any` (at least one bit). */
  all: boolean;
  /** Group id or -1; `members` is the group's bit list, complete once all rules are parsed. */
  group: number;
  members: number[];
  text: string;
}

/** Setters change flow state; the engine applies them only when the whole rule matched. */
export function isSetter(s: FlowbitsState): boolean {
  return s.op <= FlowbitsOp.RESET;
}

const NAME = /^[A-Za-z0-9_.-]+$/;

function parse(args: string | null, pc: ParseContext): FlowbitsState {
  const text = requireArgs('flowbits', args);
  const parts = splitArgs(text);
  const op = OPS[parts[0]!];
  if (op === undefined) fail(`flowbits: unknown operation '${parts[0]}'`);
  if (parts.length > 3) fail('flowbits: too many arguments');
  const s: FlowbitsState = { op, bits: [], all: true, group: -1, members: [], text };
  const spec = parts[1];
  const groupName = parts[2];
  if (op === FlowbitsOp.NOALERT) {
    if (spec !== undefined) fail('flowbits: noalert takes no bits');
    return s;
  }
  if (op === FlowbitsOp.RESET) {
    if (spec !== undefined) setGroup(s, spec, pc);
    return s;
  }
  if (spec === undefined || spec === '') fail(`flowbits: ${parts[0]} requires bits`);
  if ((spec === 'any' || spec === 'all') && groupName !== undefined) {
    if (
      op !== FlowbitsOp.ISSET &&
      op !== FlowbitsOp.ISNOTSET &&
      op !== FlowbitsOp.UNSET &&
      op !== FlowbitsOp.TOGGLE
    ) {
      fail(`flowbits: ${parts[0]} does not accept '${spec}'`);
    }
    s.all = spec === 'all';
    setGroup(s, groupName, pc);
    return s;
  }
  const hasAnd = spec.includes('&');
  const hasOr = spec.includes('|');
  if (hasAnd && hasOr) fail('flowbits: cannot mix & and | in one option');
  if (hasOr && op !== FlowbitsOp.ISSET && op !== FlowbitsOp.ISNOTSET)
    fail('flowbits: | is only allowed with isset/isnotset');
  s.all = !hasOr;
  for (const name of spec.split(hasOr ? '|' : '&')) {
    const n = name.trim();
    if (!NAME.test(n)) fail(`flowbits: invalid bit name '${n}'`);
    s.bits.push(pc.bits.bit(n));
  }
  if (groupName !== undefined) {
    setGroup(s, groupName, pc);
    if (op === FlowbitsOp.SET || op === FlowbitsOp.SETX) {
      for (const b of s.bits) if (!s.members.includes(b)) s.members.push(b);
    }
  } else if (op === FlowbitsOp.SETX) fail('flowbits: setx requires a group');
  return s;
}

function setGroup(s: FlowbitsState, name: string, pc: ParseContext): void {
  if (!NAME.test(name)) fail(`flowbits: invalid group name '${name}'`);
  s.group = pc.bits.group(name);
  s.members = pc.bits.members(s.group);
}

function check(s: FlowbitsState, bits: Uint32Array | null): boolean {
  const list = s.bits.length > 0 ? s.bits : s.members;
  const want = s.op === FlowbitsOp.ISSET;
  let hits = 0;
  for (let i = 0; i < list.length; i++) {
    const set = bits !== null && testBit(bits, list[i]!);
    if (set === want) hits++;
  }
  if (list.length === 0) return !want;
  return s.all ? hits === list.length : hits > 0;
}

/** Apply a setter to the flow (called by the engine after the rule matched). */
export function applyFlowbits(s: FlowbitsState, ctx: EvalContext): void {
  if (ctx.flow === null) return;
  const bits = flowState(ctx.flow, ctx.flowbitCount).bits;
  switch (s.op) {
    case FlowbitsOp.SETX:
      for (const b of s.members) clearBit(bits, b);
      for (const b of s.bits) setBit(bits, b);
      break;
    case FlowbitsOp.SET:
      for (const b of s.bits) setBit(bits, b);
      break;
    case FlowbitsOp.UNSET:
      for (const b of s.bits.length > 0 ? s.bits : s.members) clearBit(bits, b);
      break;
    case FlowbitsOp.TOGGLE:
      for (const b of s.bits.length > 0 ? s.bits : s.members) {
        if (testBit(bits, b)) clearBit(bits, b);
        else setBit(bits, b);
      }
      break;
    case FlowbitsOp.RESET:
      if (s.group >= 0) for (const b of s.members) clearBit(bits, b);
      else bits.fill(0);
      break;
    default:
  }
}

export const FlowbitsOption = defineOption<FlowbitsState>({
  name: 'flowbits',
  kind: 'flow',
  help: 'rule option to set and test arbitrary boolean flags',
  params: [
    {
      name: '~op',
      type: 'enum',
      range: 'set | setx | unset | toggle | reset | isset | isnotset | noalert',
      help: 'bit operation',
    },
    {
      name: '~bits',
      type: 'bit_list',
      help: 'bit names joined by & (all) or | (any), or any|all for a group',
    },
    { name: '~group', type: 'string', help: 'group name' },
  ],
  parse,
  eval(s, ctx) {
    if (s.op !== FlowbitsOp.ISSET && s.op !== FlowbitsOp.ISNOTSET) return true;
    if (ctx.flow === null) return false;
    const st = ctx.flow.detect;
    return check(s, st === null || st === undefined ? null : flowState(ctx.flow, ctx.flowbitCount).bits);
  },
  key: (s) => `flowbits:${s.text}`,
});
