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

/**
 * Snort's test (ips_ssl_state / ips_ssl_version): `(flags & seen) ^ mask` non-zero, flags being every listed
 * name and mask the negated ones. So the items are ORed: a plain name matches when seen, a negated one when
 * not seen — `!tls1.3,tls1.2` matches any session that is TLS 1.2 or is not TLS 1.3.
 */
export function flagListMatch(s: { any: number; not: number }, bits: number): boolean {
  return (((s.any | s.not) & bits) ^ s.not) !== 0;
}
