import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goFloat } from './go-float.js';

describe('goFloat', () => {
  it('matches Go strconv.FormatFloat(v, g, -1, 64) on known values', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [0.21, '0.21'],
      [10870.69, '10870.69'],
      [26442, '26442'],
      [999999, '999999'],
      [1000000, '1e+06'],
      [8885917, '8.885917e+06'],
      [513708655616, '5.13708655616e+11'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1.5e300, '1.5e+300'],
      [-4096, '-4096'],
      [NaN, 'NaN'],
      [Infinity, '+Inf'],
    ];
    for (const [v, s] of cases) expect(goFloat(v), String(v)).toBe(s);
  });

  it('round-trips every finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) =>
        Object.is(Number(goFloat(v)), v),
      ),
    );
  });
});
