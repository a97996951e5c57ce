import {
  defineOption,
  fail,
  numKey,
  parseNumOrVar,
  requireArgs,
  splitArgs,
  type NumArg,
  type ParseContext,
} from '../option.js';
import { argVal } from './byte-common.js';

export interface IsdataatState {
  offset: NumArg;
  negated: boolean;
  relative: boolean;
}

function parse(args: string | null, pc: ParseContext): IsdataatState {
  const parts = splitArgs(requireArgs('isdataat', args));
  let first = parts[0]!;
  const negated = first.startsWith('!');
  if (negated) first = first.slice(1).trim();
  const offset = parseNumOrVar(first, 'isdataat', -65535, 65535, pc);
  let relative = false;
  for (const p of parts.slice(1)) {
    if (p === 'relative') relative = true;
    else if (p === 'rawbytes') fail('isdataat: rawbytes is not supported in Snort 3 (use raw_data)');
    else fail(`isdataat: unknown modifier '${p}'`);
  }
  return { offset, negated, relative };
}

export const IsdataatOption = defineOption<IsdataatState>({
  name: 'isdataat',
  kind: 'payload',
  help: 'rule option to check for the presence of payload data at a location',
  params: [
    { name: '~length', type: 'var_or_int', range: '-65535:65535', help: 'location, ! negates' },
    { name: 'relative', type: 'implied', help: 'offset from the cursor instead of the buffer start' },
  ],
  parse,
  eval(s, ctx) {
    // Absolute: the byte at `offset` exists. Relative: `offset` more bytes remain after the cursor, so
    // `isdataat:!1,relative` means "the match ends the buffer" (suricata-verify issue-8031 semantics).
    const n = argVal(s.offset, ctx);
    const has = s.relative ? n >= 0 && ctx.cursor + n <= ctx.bufLen : n >= 0 && n < ctx.bufLen;
    return has !== s.negated;
  },
  relative: (s) => s.relative,
  key: (s) => `isdataat:${s.negated ? '!' : ''}${numKey(s.offset)}:${s.relative ? 1 : 0}`,
});
