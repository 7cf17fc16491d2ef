import { errorFunction } from 'simple-statistics'

/**
 * Standard normal cumulative distribution function, Φ(x) = P(Z <= x).
 *
 * Built on simple-statistics' `errorFunction` (Numerical Recipes' Chebyshev fit of erfc,
 * fractional error below 1.2e-7), not on its `cumulativeStdNormalProbability`, which is a
 * four-digit table lookup and too coarse for p-values. The absolute error is about 1e-7 at
 * worst; tail probabilities below about 1e-15 lose their relative accuracy (1 + erf cancels)
 * and the far tail rounds to 0, which is harmless for the p-values and intervals here.
 * Exactly symmetric (Φ(-x) = 1 - Φ(x)) and exactly 1/2 at 0.
 *
 * @param x any real number; NaN gives NaN, ±Infinity give 1 and 0
 * @returns Φ(x) in [0, 1]
 * @example
 * normalCdf(0) // => 0.5
 * normalCdf(1.959963984540054) // => 0.975 (to about 1e-7)
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN
  if (x === Number.POSITIVE_INFINITY) return 1
  if (x === Number.NEGATIVE_INFINITY) return 0
  if (x === 0) return 0.5
  // Lower tail from the erfc of |x|, upper tail as its complement: Φ(x) + Φ(-x) = 1 exactly.
  const lowerTail = 0.5 * (1 - errorFunction(Math.abs(x) / Math.SQRT2))
  return x < 0 ? lowerTail : 1 - lowerTail
}
