/** NAB's scaled sigmoid (nab/scorer.py): S(y) = 2σ(−5y) − 1, and −1 beyond 3 window widths. */
export function scaledSigmoid(y: number): number {
  if (y > 3) return -1;
  return 2 / (1 + Math.exp(5 * y)) - 1;
}

/** S(−1), the normaliser that makes a detection at a window's left edge worth tpWeight. */
export const S_LEFT_EDGE = scaledSigmoid(-1);
