import { TcpFlag } from '../../packet/packet.js';
import { defineOption, fail, requireArgs, splitArgs } from '../option.js';

/** Match modes: exact (after the mask), `+` all given and maybe others, `*` any given, `!` none given. */
export const FlagsMode = { EXACT: 0, ALL: 1, ANY: 2, NOT: 3 } as const;

export interface FlagsState {
  mode: number;
  bits: number;
  mask: number;
}

const LETTERS: Record<string, number> = {
  F: TcpFlag.FIN,
  S: TcpFlag.SYN,
  R: TcpFlag.RST,
  P: TcpFlag.PSH,
  A: TcpFlag.ACK,
  U: TcpFlag.URG,
  C: TcpFlag.CWR,
  E: TcpFlag.ECE,
  '1': TcpFlag.CWR, // Snort 2 spelling of the reserved bits
  '2': TcpFlag.ECE,
  '0': 0,
};
const MODES: Record<string, number> = { '+': FlagsMode.ALL, '*': FlagsMode.ANY, '!': FlagsMode.NOT };

export function parseFlagLetters(text: string, what: string): number {
  let v = 0;
  for (const ch of text) {
    const b = LETTERS[ch.toUpperCase()];
    if (b === undefined) fail(`${what}: unknown flag '${ch}'`);
    v |= b;
  }
  return v;
}

function parse(args: string | null): FlagsState {
  const parts = splitArgs(requireArgs('flags', args));
  if (parts.length > 2) fail('flags: expected flags[,mask]');
  let t = parts[0]!.replace(/\s+/g, '');
  let mode: number = FlagsMode.EXACT;
  // The modifier is accepted before (Snort 3) or after (older rules) the letters.
  const m = MODES[t[0] ?? ''] ?? MODES[t[t.length - 1] ?? ''];
  if (m !== undefined) {
    mode = m;
    t = MODES[t[0]!] !== undefined ? t.slice(1) : t.slice(0, -1);
  }
  if (t === '') fail('flags: no flags given');
  if (t.includes('0') && t.length > 1) fail("flags: '0' cannot be combined with other flags");
  const bits = parseFlagLetters(t, 'flags');
  const mask = parts[1] === undefined ? 0 : parseFlagLetters(parts[1].trim(), 'flags mask');
  return { mode, bits, mask };
}

export const FlagsOption = defineOption<FlagsState>({
  name: 'flags',
  kind: 'header',
  help: 'rule option to test TCP control flags',
  params: [
    {
      name: '~test_flags',
      type: 'string',
      help: 'these flags (FSRPAUCE, 0 for none) with optional +*! modifier',
    },
    { name: '~mask_flags', type: 'string', help: 'these flags are ignored' },
  ],
  parse,
  eval(s, ctx) {
    const p = ctx.pkt;
    if (p.proto !== 6 || p.l4Off < 0) return false;
    const f = p.tcpFlags & ~s.mask & 0xff;
    switch (s.mode) {
      case FlagsMode.EXACT:
        return f === s.bits;
      case FlagsMode.ALL:
        return (f & s.bits) === s.bits;
      case FlagsMode.ANY:
        return (f & s.bits) !== 0 || s.bits === 0;
      default:
        return (f & s.bits) === 0;
    }
  },
  key: (s) => `flags:${s.mode}:${s.bits}:${s.mask}`,
});
