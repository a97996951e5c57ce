import { fail, requireArgs, splitArgs } from '../option.js';

/** Parse `a, !b, c|d` style lists of names into set / negated bit masks (ssl_state, ssl_version). */
export function parseFlagList(
  name: string,
  args: string | null,
  names: readonly string[],
): { any: number; not: number } {
  let any = 0;
  let not = 0;
  for (const p of splitArgs(requireArgs(name, args))) {
    for (const w of p.split('|')) {
      let t = w.trim();
      const neg = t.startsWith('!');
      if (neg) t = t.slice(1);
      const i = names.indexOf(t);
      if (i < 0) fail(`${name}: unknown value '${t}' (expected ${names.join(', ')})`);
      if (neg) not |= 1 << i;
      else any |= 1 << i;
    }
  }
  return { any, not };
}

export function flagListMatch(s: { any: number; not: number }, bits: number): boolean {
  if (s.any !== 0 && (bits & s.any) === 0) return false;
  return (bits & s.not) === 0;
}
