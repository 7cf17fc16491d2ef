import { studentTSurvival } from './student-t-survival.js'

/**
 * Quantile of Student's t distribution with `df` degrees of freedom: the t with P(T ≤ t) = p.
 *
 * Inverts {@link studentTSurvival} by bisection (80 halvings of a bracket found by doubling:
 * the result is exact to the survival function's own accuracy, about 1e-9 relative). Written
 * here: simple-statistics has no t distribution, and one function does not justify a new
 * dependency (jStat, stdlib) beside the survival function the repository already tests.
 *
 * @param p probability in (0, 1)
 * @param df degrees of freedom, a positive number
 * @example
 * studentTQuantile(0.975, 9) // => 2.262157163... (scipy: t.ppf(0.975, 9))
 * studentTQuantile(0.5, 3) // => 0
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: probability ${String(p)} must be strictly between 0 and 1`)
  if (!(df > 0)) throw new RangeError(`studentTQuantile: degrees of freedom ${String(df)} must be a positive number`)
  if (p === 0.5) return 0
  // Solve for the upper tail q = min(p, 1 − p) and restore the sign by symmetry.
  const tail = p > 0.5 ? 1 - p : p
  let low = 0
  let high = 1
  while (studentTSurvival(high, df) > tail) {
    low = high
    high *= 2
  }
  for (let i = 0; i < 80; i++) {
    const mid = (low + high) / 2
    if (studentTSurvival(mid, df) > tail) low = mid
    else high = mid
  }
  const t = (low + high) / 2
  return p > 0.5 ? t : -t
}
