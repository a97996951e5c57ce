import { defineOption, fail, requireArgs, splitArgs } from '../option.js';
import { appState } from './app-state.js';

/** Codes 100..999, or 1..9 meaning the whole class (1 = 1xx). */
export const SipStatCodeOption = defineOption<number[]>({
  name: 'sip_stat_code',
  kind: 'flow',
  help: 'detection option for SIP response status code',
  params: [{ name: '~', type: 'string', help: 'comma-separated list of codes (1-9 for a class)' }],
  parse(args) {
    return splitArgs(requireArgs('sip_stat_code', args)).map((p) => {
      if (!/^\d+$/.test(p)) fail(`sip_stat_code: invalid code '${p}'`);
      const v = Number(p);
      if (!((v >= 1 && v <= 9) || (v >= 100 && v <= 999)))
        fail(`sip_stat_code: ${v} is not a status code or class`);
      return v;
    });
  },
  eval(s, ctx) {
    const sip = appState(ctx)?.sip;
    if (sip === undefined || sip.statCode <= 0) return false;
    for (const c of s)
      if (c === sip.statCode || (c < 10 && Math.floor(sip.statCode / 100) === c)) return true;
    return false;
  },
  key: (s) => `sip_stat_code:${s.join(',')}`,
});
