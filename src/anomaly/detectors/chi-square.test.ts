import { describe, expect, it } from 'vitest';
import { chiSquareNegLog10Tail } from './chi-square.js';
import { erfc, logErfcFast } from './erfc.js';

describe('chi-square tail', () => {
  it('is close to exact values (Wilson–Hilferty)', () => {
    // P(χ²₂₄ > 36.415) = 0.05, P(χ²₂₄ > 51.179) = 0.001.
    expect(chiSquareNegLog10Tail(36.415, 24)).toBeCloseTo(1.301, 1);
    expect(chiSquareNegLog10Tail(51.179, 24)).toBeCloseTo(3, 1);
    expect(chiSquareNegLog10Tail(0, 24)).toBe(0);
    expect(chiSquareNegLog10Tail(1e9, 24)).toBeGreaterThan(100);
  });

  it('uses a log-erfc within 1e-6 of the exact one', () => {
    for (const x of [0, 0.3, 1, 2.5, 5, 10]) expect(logErfcFast(x)).toBeCloseTo(Math.log(erfc(x)), 6);
  });
});
