import { describe, expect, it } from 'vitest';
import { erfc, normalTail } from './erfc.js';

describe('erfc', () => {
  it('matches reference values to ~1e-14 relative, deep tails included', () => {
    const cases: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2.4, 6.885138966450789e-4],
      [1.6, 0.023651616655355985],
      [3, 2.2090496998585438e-5],
      [6, 2.1519736712498916e-17],
      [-1, 1.842700792949715],
    ];
    for (const [x, want] of cases) expect(Math.abs(erfc(x) - want) / want).toBeLessThan(1e-13);
  });

  it('gives the normal tail', () => {
    expect(normalTail(0)).toBeCloseTo(0.5, 15);
    expect(normalTail(1.959963984540054)).toBeCloseTo(0.025, 12);
  });
});
