import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSelector, selectorMatches } from './selector.js';

const keys = fc.constantFrom('app', 'tier', 'env', 'team');
const values = fc.constantFrom('a', 'b', 'c', '');
const labels = fc.dictionary(keys, values, { maxKeys: 4 });
const expr = fc.record({
  key: keys,
  operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
  values: fc.array(values, { maxLength: 3 }),
});
const selectorJson = fc.record({
  matchLabels: fc.dictionary(keys, values, { maxKeys: 2 }),
  matchExpressions: fc.array(expr, { maxLength: 3 }),
});

/** The Kubernetes definition written the plainest way: every matchLabels pair and every expression must hold. */
function naive(
  sel: {
    matchLabels: Record<string, string>;
    matchExpressions: { key: string; operator: string; values: string[] }[];
  },
  l: Record<string, string>,
): boolean {
  for (const k of Object.keys(sel.matchLabels)) if (!(k in l) || l[k] !== sel.matchLabels[k]) return false;
  for (const e of sel.matchExpressions) {
    const present = Object.keys(l).includes(e.key);
    const ok =
      e.operator === 'In'
        ? present && e.values.some((v) => v === l[e.key])
        : e.operator === 'NotIn'
          ? !present || !e.values.some((v) => v === l[e.key])
          : e.operator === 'Exists'
            ? present
            : !present;
    if (!ok) return false;
  }
  return true;
}

describe('selectorMatches', () => {
  it('agrees with the naive definition', () => {
    fc.assert(
      fc.property(selectorJson, labels, (sel, l) => {
        const parsed = parseSelector(sel);
        expect(parsed).not.toBeNull();
        expect(selectorMatches(parsed!, l)).toBe(naive(sel, l));
      }),
      { numRuns: 2000 },
    );
  });
  it('treats absent and empty selectors as select-all, malformed ones as null', () => {
    fc.assert(
      fc.property(
        labels,
        (l) => selectorMatches(parseSelector(undefined)!, l) && selectorMatches(parseSelector({})!, l),
      ),
    );
    expect(parseSelector({ matchExpressions: [{ key: 'a', operator: 'Near' }] })).toBeNull();
    expect(parseSelector({ matchLabels: { a: 1 } })).toBeNull();
    expect(parseSelector('app=a')).toBeNull();
  });
});
