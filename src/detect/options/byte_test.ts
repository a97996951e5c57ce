import {
  defineOption,
  fail,
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
  newByteRead,
  readNumber,
  type ByteRead,
} from './byte-common.js';

export interface ByteTestState {
  read: ByteRead;
  op: string;
  negated: boolean;
  value: NumArg;
  offset: NumArg;
  relative: boolean;
}

const OPS = ['<', '>', '<=', '>=', '=', '&', '^'];

function parse(args: string | null, pc: ParseContext): ByteTestState {
  const parts = splitArgs(requireArgs('byte_test', args));
  if (parts.length < 4) fail('byte_test: expected bytes, operator, value, offset');
  const read = newByteRead(parseInt32(parts[0]!, 'byte_test count', 1, 10));
  let op = parts[1]!.replace(/\s+/g, '');
  const negated = op.startsWith('!');
  if (negated) op = op.slice(1);
  if (op === '') op = '='; // a lone '!' means not-equal
  if (!OPS.includes(op)) fail(`byte_test: unknown operator '${parts[1]}'`);
  const value = parseNumOrVar(parts[2]!, 'byte_test value', 0, 0xffffffff, pc);
  const offset = parseNumOrVar(parts[3]!, 'byte_test offset', -65535, 65535, pc);
  let relative = false;
  for (const p of parts.slice(4)) {
    if (p === 'relative') relative = true;
    else if (!byteModifier(read, p)) fail(`byte_test: unknown modifier '${p}'`);
  }
  checkByteCount(read, 'byte_test');
  return { read, op, negated, value, offset, relative };
}

export function compare(op: string, v: number, c: number): boolean {
  switch (op) {
    case '<':
      return v < c;
    case '>':
      return v > c;
    case '<=':
      return v <= c;
    case '>=':
      return v >= c;
    case '=':
      return v === c;
    case '&':
      return (v & c) !== 0;
    default:
      return (v ^ c) !== 0;
  }
}

export const ByteTestOption = defineOption<ByteTestState>({
  name: 'byte_test',
  kind: 'payload',
  help: 'rule option to convert data to an integer and compare it',
  params: [
    { name: '~count', type: 'int', range: '1:10', help: 'number of bytes to pick up from the buffer' },
    { name: '~operator', type: 'string', help: '[!] < | > | <= | >= | = | & | ^' },
    { name: '~compare', type: 'var_or_int', range: '0:4294967295', help: 'value to compare with' },
    { name: '~offset', type: 'var_or_int', range: '-65535:65535', help: 'offset into the buffer' },
    { name: 'relative', type: 'implied', help: 'offset from the cursor instead of the buffer start' },
    { name: 'big', type: 'implied', help: 'big endian (default)' },
    { name: 'little', type: 'implied', help: 'little endian' },
    { name: 'dce', type: 'implied', help: 'DCE/RPC byte order' },
    { name: 'string', type: 'implied', help: 'convert from text (dec unless hex or oct)' },
    { name: 'hex', type: 'implied', help: 'text is hexadecimal' },
    { name: 'dec', type: 'implied', help: 'text is decimal' },
    { name: 'oct', type: 'implied', help: 'text is octal' },
    { name: 'bitmask', type: 'int', range: '0x1:0xFFFFFFFF', help: 'AND the value with this mask' },
  ],
  parse,
  eval(s, ctx) {
    const pos = (s.relative ? ctx.cursor : 0) + argVal(s.offset, ctx);
    const v = readNumber(s.read, ctx, pos);
    if (v < 0) return false;
    return compare(s.op, v, argVal(s.value, ctx)) !== s.negated;
  },
  relative: (s) => s.relative,
  key: (s) =>
    `byte_test:${byteKey(s.read)}:${s.negated ? '!' : ''}${s.op}:${numKey(s.value)}:${numKey(s.offset)}:${s.relative ? 1 : 0}`,
});
