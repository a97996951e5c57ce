import { describe, expect, it } from 'vitest';
import { runs } from './ranges.js';

describe('runs', () => {
  const pts = [0, 1, 1, 0, 1, 0, 0, 1, 1].map((v, i) => ({ ts: i * 10, v }));
  it('finds each run of hits, including one at the end', () => {
    expect(
      runs(
        pts,
        (p) => p.ts,
        (p) => p.v === 1,
      ),
    ).toEqual([
      [10, 20],
      [40, 40],
      [70, 80],
    ]);
  });
  it('is empty without hits', () => {
    expect(
      runs(
        pts,
        (p) => p.ts,
        () => false,
      ),
    ).toEqual([]);
  });
});
