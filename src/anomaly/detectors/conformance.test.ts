import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MultivariateSpec, UnivariateSpec } from '../detector.js';
import { Detectors } from '../registry.js';

/** One suite run against every detector in the registry: the contract of detector.ts. */
const specs = Object.entries(Detectors) as [string, UnivariateSpec | MultivariateSpec][];
const uni = specs.filter((e): e is [string, UnivariateSpec] => e[1].kind === 'univariate');
const multi = specs.filter((e): e is [string, MultivariateSpec] => e[1].kind === 'multivariate');

const value = fc.oneof(
  fc.double({ noNaN: false }),
  fc.double({ min: -1e3, max: 1e3, noNaN: true }),
  fc.constantFrom(0, 1, -1, NaN, Infinity, -Infinity, 1e308),
);

function runUni(spec: UnivariateSpec, xs: readonly number[], seed = 1): number[] {
  const d = spec.create({ seed });
  return xs.map((x, i) => d.update(x, 1_400_000_000_000 + i * 300_000));
}

describe.each(uni)('univariate detector %s', (_name, spec) => {
  it('scores every point in [0,1], whatever the input', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (xs) =>
        runUni(spec, xs).every((s) => s >= 0 && s <= 1),
      ),
      { numRuns: 40 },
    );
  });

  it('is deterministic and causal: a prefix scores the same as the start of the whole', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 200 }),
        (xs) => {
          const whole = runUni(spec, xs);
          const again = runUni(spec, xs);
          const prefix = runUni(spec, xs.slice(0, xs.length >> 1));
          return whole.every((s, i) => s === again[i]) && prefix.every((s, i) => s === whole[i]);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('scores a large spike in a steady noisy series above its recent typical score', () => {
    let x = 7;
    const rand = () => ((x = (x * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const xs = Array.from({ length: 1000 }, (_, i) => 50 + 5 * Math.sin(i / 20) + rand());
    xs.push(500);
    const s = runUni(spec, xs);
    const typical = s.slice(900, 1000).sort((a, b) => a - b)[90] ?? 1;
    expect(s[1000]).toBeGreaterThan(typical);
  });
});

describe.each(multi)('multivariate detector %s', (_name, spec) => {
  const dims = 5;
  it('scores in [0,1] with non-negative contributions summing to at most 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { minLength: dims, maxLength: dims }), { maxLength: 300 }),
        (rows) => {
          const d = spec.create(dims, { seed: 3 });
          return rows.every((r) => {
            const s = d.update(r);
            const sum = s.contributions.reduce((a, b) => a + b, 0);
            return s.score >= 0 && s.score <= 1 && s.contributions.every((c) => c >= 0) && sum <= 1 + 1e-9;
          });
        },
      ),
      { numRuns: 20 },
    );
  });

  it('is deterministic given its seed and flags an outlier on one feature, naming it', () => {
    const run = () => {
      const d = spec.create(dims, { seed: 5 });
      let x = 11;
      const rand = () => (x = (x * 16807) % 2147483647) / 2147483647;
      let last = { score: 0, top: -1 };
      const normal: number[] = [];
      for (let i = 0; i < 1200; i++) {
        const row = Array.from({ length: dims }, () => 10 + rand());
        if (i === 1199) row[2] = 40;
        const s = d.update(row);
        if (i < 1199) normal.push(s.score);
        const c = Array.from(s.contributions);
        last = { score: s.score, top: c.indexOf(Math.max(...c)) };
      }
      return { last, p99: normal.slice(600).sort((a, b) => a - b)[594] ?? 1 };
    };
    const a = run();
    expect(run()).toEqual(a);
    expect(a.last.score).toBeGreaterThan(a.p99);
    expect(a.last.top).toBe(2);
  });
});
