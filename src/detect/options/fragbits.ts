import { defineOption, fail, requireArgs } from '../option.js';
import { FlagsMode } from './flags.js';

const M = 1;
const D = 2;
const R = 4;

export interface FragbitsState {
  mode: number;
  bits: number;
}

function parse(args: string | null): FragbitsState {
  let t = requireArgs('fragbits', args).replace(/\s+/g, '');
  let mode: number = FlagsMode.EXACT;
  const mods: Record<string, number> = { '+': FlagsMode.ALL, '*': FlagsMode.ANY, '!': FlagsMode.NOT };
  const first = mods[t[0]!];
  const last = mods[t[t.length - 1]!];
  if (first !== undefined) {
    mode = first;
    t = t.slice(1);
  } else if (last !== undefined) {
    mode = last;
    t = t.slice(0, -1);
  }
  let bits = 0;
  for (const ch of t) {
    const b = ch === 'M' ? M : ch === 'D' ? D : ch === 'R' ? R : 0;
    if (b === 0) fail(`fragbits: unknown bit '${ch}' (expected M, D or R)`);
    bits |= b;
  }
  if (bits === 0) fail('fragbits: no bits given');
  return { mode, bits };
}

export const FragbitsOption = defineOption<FragbitsState>({
  name: 'fragbits',
  kind: 'header',
  help: 'rule option to test IPv4 fragment bits (M more fragments, D do not fragment, R reserved)',
  params: [{ name: '~flags', type: 'string', help: 'bits MDR with optional +*! modifier' }],
  parse,
  eval(s, ctx) {
    const p = ctx.pkt;
    if (p.ipVer !== 4) return false;
    const f = (p.mf ? M : 0) | (p.df ? D : 0) | (p.rb ? R : 0);
    switch (s.mode) {
      case FlagsMode.EXACT:
        return f === s.bits;
      case FlagsMode.ALL:
        return (f & s.bits) === s.bits;
      case FlagsMode.ANY:
        return (f & s.bits) !== 0;
      default:
        return (f & s.bits) === 0;
    }
  },
  key: (s) => `fragbits:${s.mode}:${s.bits}`,
});
