import fc from 'fast-check';
import { describe, it } from 'vitest';
import { SortedWindow } from './rolling-window.js';

function naiveMedian(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

describe('SortedWindow', () => {
  it('keeps the median and MAD of the last `size` values, as a naive recomputation does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 17 }),
        fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 200 }),
        (size, xs) => {
          const w = new SortedWindow(size);
          return xs.every((x, i) => {
            w.push(x);
            const last = xs.slice(Math.max(0, i + 1 - size), i + 1);
            const med = naiveMedian(last);
            const mad = naiveMedian(last.map((v) => Math.abs(v - med)));
            return w.median() === med && w.mad(med) === mad && w.length === last.length;
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
