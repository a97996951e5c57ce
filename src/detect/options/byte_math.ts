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
import {
  argVal,
  byteKey,
  byteModifier,
  checkByteCount,
  defineVar,
  newByteRead,
  readNumber,
  type ByteRead,
} from './byte-common.js';

export interface ByteMathState {
  read: ByteRead;
  offset: NumArg;
  oper: string;
  rvalue: NumArg;
  slot: number;
  relative: boolean;
}

const OPERS = ['+', '-', '*', '/', '<<', '>>'];

function parse(args: string | null, pc: ParseContext): ByteMathState {
  let bytes = -1;
  let offset: NumArg | null = null;
  let oper = '';
  let rvalue: NumArg | null = null;
  let result = '';
  let relative = false;
  const read = newByteRead(0);
  for (const p of splitArgs(requireArgs('byte_math', args))) {
    const [name, value] = nameValue(p);
    if (name === 'bytes') bytes = parseInt32(value, 'byte_math bytes', 1, 10);
    else if (name === 'offset') offset = parseNumOrVar(value, 'byte_math offset', -65535, 65535, pc);
    else if (name === 'oper') oper = value;
    else if (name === 'rvalue') rvalue = parseNumOrVar(value, 'byte_math rvalue', 1, 0xffffffff, pc);
    else if (name === 'result') result = value;
    else if (name === 'relative') relative = true;
    else if (name === 'endian') {
      if (!byteModifier(read, value)) fail(`byte_math: unknown endian '${value}'`);
    } else if (!byteModifier(read, p)) fail(`byte_math: unknown modifier '${p}'`);
  }
  if (bytes < 0 || offset === null || rvalue === null || result === '' || oper === '') {
    fail('byte_math: bytes, offset, oper, rvalue and result are required');
  }
  if (!OPERS.includes(oper)) fail(`byte_math: unknown operator '${oper}'`);
  read.bytes = bytes;
  checkByteCount(read, 'byte_math');
  if ((oper === '<<' || oper === '>>') && rvalue.varIdx < 0 && rvalue.value > 32)
    fail('byte_math: shift above 32');
  return { read, offset, oper, rvalue, slot: defineVar(pc, result, 'byte_math'), relative };
}

function apply(oper: string, a: number, b: number): number {
  switch (oper) {
    case '+':
      return (a + b) % 4294967296;
    case '-':
      return a - b < 0 ? -1 : a - b;
    case '*':
      return (a * b) % 4294967296;
    case '/':
      return b === 0 ? -1 : Math.floor(a / b);
    case '<<':
      return b >= 32 ? 0 : (a * 2 ** b) % 4294967296;
    default:
      return b >= 32 ? 0 : Math.floor(a / 2 ** b);
  }
}

export const ByteMathOption = defineOption<ByteMathState>({
  name: 'byte_math',
  kind: 'payload',
  help: 'rule option to perform mathematical operations on extracted values and store the result',
  params: [
    { name: 'bytes', type: 'int', range: '1:10', help: 'number of bytes to pick up from the buffer' },
    { name: 'offset', type: 'var_or_int', range: '-65535:65535', help: 'offset into the buffer' },
    { name: 'oper', type: 'enum', range: '+ | - | * | / | << | >>', help: 'mathematical operation' },
    { name: 'rvalue', type: 'var_or_int', range: '1:4294967295', help: 'right-hand value' },
    { name: 'result', type: 'string', help: 'name of the result variable' },
    { name: 'relative', type: 'implied', help: 'offset from the cursor instead of the buffer start' },
    { name: 'endian | big | little | dce | string | hex | dec | oct', type: 'implied', help: 'as byte_test' },
    { name: 'bitmask', type: 'int', range: '0x1:0xFFFFFFFF', help: 'AND the value with this mask' },
  ],
  parse,
  eval(s, ctx) {
    const pos = (s.relative ? ctx.cursor : 0) + argVal(s.offset, ctx);
    const v = readNumber(s.read, ctx, pos);
    if (v < 0) return false;
    const r = apply(s.oper, v, argVal(s.rvalue, ctx));
    if (r < 0) return false;
    ctx.vars[s.slot] = r;
    return true;
  },
  relative: (s) => s.relative,
  key: (s) =>
    `byte_math:${byteKey(s.read)}:${numKey(s.offset)}:${s.oper}:${numKey(s.rvalue)}:${s.slot}:${s.relative ? 1 : 0}`,
});
