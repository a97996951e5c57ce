import type { EvalContext } from '../context.js';
import { defineOption, fail, requireArgs } from '../option.js';
import { translatePcre } from './pcre-translate.js';

export interface PcreState {
  text: string;
  re: RegExp;
  negated: boolean;
  relative: boolean;
  anchored: boolean;
}

const FLAGS = 'ismxAEGRO';

function parse(args: string | null): PcreState {
  let t = requireArgs('pcre', args);
  let negated = false;
  if (t.startsWith('!')) {
    negated = true;
    t = t.slice(1).trim();
  }
  if (t.length < 2 || !t.startsWith('"') || !t.endsWith('"')) fail('pcre: expected "/pattern/flags"');
  const body = t.slice(1, -1);
  const first = body.indexOf('/');
  const last = body.lastIndexOf('/');
  if (first !== 0 || last <= first) fail('pcre: expected "/pattern/flags"');
  const pat = body.slice(1, last);
  const flags = body.slice(last + 1);
  for (const f of flags) {
    if (!FLAGS.includes(f)) fail(`pcre: unsupported flag '${f}'`);
  }
  const tr = translatePcre(pat, flags);
  if (tr.error !== null) fail(tr.error);
  const anchored = flags.includes('A');
  const re = new RegExp(tr.source, anchored ? tr.flags.replace('g', 'y') : tr.flags);
  return { text: t, re, negated, relative: flags.includes('R'), anchored };
}

function search(s: PcreState, ctx: EvalContext, base: number, from: number): number {
  const origin = s.relative ? base : 0;
  let start = origin;
  if (from > start) {
    if (s.anchored) return -1; // an anchored pattern has only one candidate position
    start = from;
  }
  if (start > ctx.bufLen) return -1;
  const str = ctx.bufferString();
  const re = s.re;
  re.lastIndex = start;
  const m = re.exec(str);
  if (m === null) return -1;
  ctx.cursor = m.index + m[0].length;
  return m.index;
}

export const PcreOption = defineOption<PcreState>({
  name: 'pcre',
  kind: 'payload',
  help: 'rule option for matching payload data with a Perl-compatible regular expression',
  params: [
    {
      name: '~re',
      type: 'string',
      help: 'Snort regular expression "/pattern/flags" with flags i s m x A E G O R; ! negates',
    },
  ],
  parse,
  eval(s, ctx) {
    if (s.negated) {
      const saved = ctx.cursor;
      const at = search(s, ctx, saved, 0);
      ctx.cursor = saved;
      return at < 0;
    }
    return search(s, ctx, ctx.cursor, 0) >= 0;
  },
  search(s, ctx, base, from) {
    return s.negated ? -1 : search(s, ctx, base, from);
  },
  relative(s) {
    return s.relative;
  },
  key(s) {
    return `pcre:${s.text}|${s.negated ? 1 : 0}`;
  },
});
