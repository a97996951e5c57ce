import { defineOption, fail, requireArgs } from '../option.js';
import { appState } from './app-state.js';

/** Opnums as inclusive ranges [lo0, hi0, …]. */
export interface DceOpnumState {
  ranges: number[];
}

export const DceOpnumOption = defineOption<DceOpnumState>({
  name: 'dce_opnum',
  kind: 'flow',
  help: 'detection option to check DCE/RPC operation number',
  params: [{ name: '~', type: 'string', help: 'list of operations numbers and ranges, e.g. 15, 18-20' }],
  parse(args) {
    const t = requireArgs('dce_opnum', args).replace(/^"|"$/g, '');
    const ranges: number[] = [];
    for (const p of t.split(/[\s,]+/).filter((x) => x !== '')) {
      const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(p);
      if (!m) fail(`dce_opnum: invalid opnum '${p}'`);
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : Number(m[2]);
      if (hi > 65535 || lo > hi) fail(`dce_opnum: invalid range '${p}'`);
      ranges.push(lo, hi);
    }
    return { ranges };
  },
  eval(s, ctx) {
    const d = appState(ctx)?.dce;
    if (d === undefined) return false;
    for (let i = 0; i < s.ranges.length; i += 2)
      if (d.opnum >= s.ranges[i]! && d.opnum <= s.ranges[i + 1]!) return true;
    return false;
  },
  key: (s) => `dce_opnum:${s.ranges.join(',')}`,
});
