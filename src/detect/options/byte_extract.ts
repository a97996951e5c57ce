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

export interface ByteExtractState {
  read: ByteRead;
  offset: NumArg;
  name: string;
  slot: number;
  relative: boolean;
  multiplier: number;
  align: number;
}

function parse(args: string | null, pc: ParseContext): ByteExtractState {
  const parts = splitArgs(requireArgs('byte_extract', args));
  if (parts.length < 3) fail('byte_extract: expected bytes, offset, name');
  const read = newByteRead(parseInt32(parts[0]!, 'byte_extract count', 1, 10));
  const offset = parseNumOrVar(parts[1]!, 'byte_extract offset', -65535, 65535, pc);
  const name = parts[2]!;
  const s: ByteExtractState = { read, offset, name, slot: -1, relative: false, multiplier: 1, align: 0 };
  for (const p of parts.slice(3)) {
    const [n, value] = nameValue(p);
    if (n === 'relative') s.relative = true;
    else if (n === 'multiplier') s.multiplier = parseInt32(value, 'byte_extract multiplier', 1, 65535);
    else if (n === 'align') {
      s.align = parseInt32(value, 'byte_extract align', 2, 4);
      if (s.align === 3) fail('byte_extract: align must be 2 or 4');
    } else if (!byteModifier(read, p)) fail(`byte_extract: unknown modifier '${p}'`);
  }
  checkByteCount(read, 'byte_extract');
  s.slot = defineVar(pc, name, 'byte_extract');
  return s;
}

export const ByteExtractOption = defineOption<ByteExtractState>({
  name: 'byte_extract',
  kind: 'payload',
  help: 'rule option to convert data to an integer variable usable by later options',
  params: [
    { name: '~count', type: 'int', range: '1:10', help: 'number of bytes to pick up from the buffer' },
    { name: '~offset', type: 'var_or_int', range: '-65535:65535', help: 'offset into the buffer' },
    { name: '~name', type: 'string', help: 'name of the variable' },
    { name: 'relative', type: 'implied', help: 'offset from the cursor instead of the buffer start' },
    { name: 'multiplier', type: 'int', range: '1:65535', help: 'scale the extracted value' },
    { name: 'align', type: 'int', range: '0:4', help: 'round the value up to a multiple of 2 or 4' },
    { name: 'big | little | dce | string | hex | dec | oct', type: 'implied', help: 'as byte_test' },
    { name: 'bitmask', type: 'int', range: '0x1:0xFFFFFFFF', help: 'AND the value with this mask' },
  ],
  parse,
  eval(s, ctx) {
    const pos = (s.relative ? ctx.cursor : 0) + argVal(s.offset, ctx);
    let v = readNumber(s.read, ctx, pos);
    if (v < 0) return false;
    v *= s.multiplier;
    if (s.align > 0 && v % s.align !== 0) v += s.align - (v % s.align);
    ctx.vars[s.slot] = v;
    ctx.cursor = pos + s.read.bytes;
    return true;
  },
  relative: (s) => s.relative,
  key: (s) =>
    `byte_extract:${byteKey(s.read)}:${numKey(s.offset)}:${s.slot}:${s.relative ? 1 : 0}:${s.multiplier}:${s.align}`,
});
