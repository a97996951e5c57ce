import { logErfcFast } from './erfc.js';

/**
 * −log10 of the upper tail of a chi-square with `dof` degrees of freedom at `x`, by the Wilson–Hilferty
 * cube-root normal approximation and a fast log-erfc (no underflow in far tails).
 */
export function chiSquareNegLog10Tail(x: number, dof: number): number {
  if (!(x > 0)) return 0;
  const v = 2 / (9 * dof);
  const z = (Math.cbrt(x / dof) - (1 - v)) / Math.sqrt(v);
  if (z <= 0) return -Math.log10(1 - 0.5 * Math.exp(logErfcFast(-z / Math.SQRT2)));
  return -(Math.log(0.5) + logErfcFast(z / Math.SQRT2)) / Math.LN10;
}
