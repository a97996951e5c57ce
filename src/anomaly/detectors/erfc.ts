/**
 * Complementary error function, accurate to ~1e-15 relative, including deep tails: NAB's windowed Gaussian
 * reports 1 − Q(z), and its corpus-wide threshold of 1.0 is decided by whether Q(z) underflows 2^-54.
 */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x > 27) return 0; // below the smallest double (and Infinity)
  if (x < 1.5) return 1 - erfSeries(x);
  // Continued fraction (Lentz) for x >= 1.5: erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))).
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 200; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1)), fine for |x| < 1.5. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const t = term / (2 * n + 1);
    sum += t;
    if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** Upper tail probability of the standard normal, Q(z). */
export function normalTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * ln erfc(x) for x >= 0 by the Numerical Recipes Chebyshev fit (fractional error < 1.2e-7 in erfc):
 * one exp-free polynomial, and no underflow however far the tail — for scores, not for the NAB reference.
 */
export function logErfcFast(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) + poly;
}
