import { defineOption, fail, requireArgs, splitArgs } from '../option.js';
import { inRange, parseRange, type RangeState } from './range.js';

export interface BufferlenState {
  range: RangeState;
  relative: boolean;
}

export const BufferlenOption = defineOption<BufferlenState>({
  name: 'bufferlen',
  kind: 'payload',
  help: 'rule option to check the length of the current buffer',
  params: [
    {
      name: '~range',
      type: 'interval',
      range: '0:65535',
      help: 'check that the length is in the given range',
    },
    { name: 'relative', type: 'implied', help: 'use the remaining length after the cursor' },
  ],
  parse(args) {
    const parts = splitArgs(requireArgs('bufferlen', args));
    let relative = false;
    for (const p of parts.slice(1)) {
      if (p === 'relative') relative = true;
      else fail(`bufferlen: unknown modifier '${p}'`);
    }
    return { range: parseRange(parts[0]!, 'bufferlen', 0, 65535), relative };
  },
  eval(s, ctx) {
    return inRange(s.range, s.relative ? ctx.bufLen - ctx.cursor : ctx.bufLen);
  },
  relative: (s) => s.relative,
  key: (s) => `bufferlen:${s.range.op}:${s.range.lo}:${s.range.hi}:${s.relative ? 1 : 0}`,
});
