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
  newByteRead,
  readNumber,
  type ByteRead,
} from './byte-common.js';

export interface ByteJumpState {
  read: ByteRead;
  /** Byte count from a byte_extract variable (Suricata allows it), else -1. */
  countVar: number;
  offset: NumArg;
  relative: boolean;
  multiplier: number;
  align: boolean;
  fromBeginning: boolean;
  fromEnd: boolean;
  postOffset: NumArg;
}

function parse(args: string | null, pc: ParseContext): ByteJumpState {
  const parts = splitArgs(requireArgs('byte_jump', args));
  if (parts.length < 2) fail('byte_jump: expected bytes, offset');
  const s: ByteJumpState = {
    read: newByteRead(0),
    countVar: -1,
    offset: parseNumOrVar(parts[1]!, 'byte_jump offset', -65535, 65535, pc),
    relative: false,
    multiplier: 1,
    align: false,
    fromBeginning: false,
    fromEnd: false,
    postOffset: { value: 0, varIdx: -1 },
  };
  const count = parseNumOrVar(parts[0]!, 'byte_jump count', 0, 10, pc);
  if (count.varIdx >= 0) s.countVar = count.varIdx;
  else s.read.bytes = count.value;
  for (const p of parts.slice(2)) {
    const [name, value] = nameValue(p);
    if (name === 'relative') s.relative = true;
    else if (name === 'align') s.align = true;
    else if (name === 'from_beginning') s.fromBeginning = true;
    else if (name === 'from_end') s.fromEnd = true;
    else if (name === 'multiplier') s.multiplier = parseInt32(value, 'byte_jump multiplier', 1, 65535);
    else if (name === 'post_offset')
      s.postOffset = parseNumOrVar(value, 'byte_jump post_offset', -65535, 65535, pc);
    else if (!byteModifier(s.read, p)) fail(`byte_jump: unknown modifier '${p}'`);
  }
  if (s.fromBeginning && s.fromEnd) fail('byte_jump: from_beginning and from_end are exclusive');
  if (s.read.bytes > 0) checkByteCount(s.read, 'byte_jump');
  return s;
}

export const ByteJumpOption = defineOption<ByteJumpState>({
  name: 'byte_jump',
  kind: 'payload',
  help: 'rule option to move the detection cursor by a number read from the buffer',
  params: [
    { name: '~count', type: 'int', range: '0:10', help: 'number of bytes to pick up from the buffer' },
    { name: '~offset', type: 'var_or_int', range: '-65535:65535', help: 'offset into the buffer' },
    { name: 'relative', type: 'implied', help: 'offset from the cursor instead of the buffer start' },
    { name: 'multiplier', type: 'int', range: '1:65535', help: 'scale the extracted value' },
    { name: 'align', type: 'implied', help: 'round the jump up to the next 32-bit boundary' },
    { name: 'from_beginning', type: 'implied', help: 'jump from the buffer start' },
    { name: 'from_end', type: 'implied', help: 'jump from the buffer end' },
    {
      name: 'post_offset',
      type: 'var_or_int',
      range: '-65535:65535',
      help: 'skip this many bytes after the jump',
    },
    { name: 'big | little | dce | string | hex | dec | oct', type: 'implied', help: 'as byte_test' },
    { name: 'bitmask', type: 'int', range: '0x1:0xFFFFFFFF', help: 'AND the value with this mask' },
  ],
  parse,
  eval(s, ctx) {
    const at = (s.relative ? ctx.cursor : 0) + argVal(s.offset, ctx);
    let jump = 0;
    let n = s.read.bytes;
    if (s.countVar >= 0) {
      n = ctx.vars[s.countVar]!;
      // A variable count of 0 reads nothing and jumps 0 bytes (suricata-verify detect-bytejump-02).
      if (n < 0 || n > (s.read.base === 0 ? 4 : 10)) return false;
    }
    if (n > 0) {
      const v = readNumber(s.read, ctx, at, n);
      if (v < 0) return false;
      jump = v * s.multiplier;
      if (s.align && jump % 4 !== 0) jump += 4 - (jump % 4);
    }
    const from = s.fromBeginning ? 0 : s.fromEnd ? ctx.bufLen : at + n;
    const pos = from + jump + argVal(s.postOffset, ctx);
    if (pos < 0 || pos > ctx.bufLen) return false;
    ctx.cursor = pos;
    return true;
  },
  relative: (s) => s.relative,
  key: (s) =>
    `byte_jump:${byteKey(s.read)}:${s.countVar}:${numKey(s.offset)}:${s.relative ? 1 : 0}:${s.multiplier}:${s.align ? 1 : 0}:${s.fromBeginning ? 1 : 0}:${s.fromEnd ? 1 : 0}:${numKey(s.postOffset)}`,
});
