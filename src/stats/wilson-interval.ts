/**
 * Wilson score interval for a binomial proportion: well behaved for small counts and rates
 * near 0 or 1, unlike the plain normal interval. Neither `simple-statistics` nor our stats
 * module had a proportion interval, so the three-line formula is written here; the normal
 * quantile comes from `src/stats` (simple-statistics' `probit` is only accurate to ~3 digits:
 * 1.9572 for 0.975).
 */
import { normalQuantile } from './normal-quantile.js'

/**
 * Wilson interval of `successes / trials` at `level` (two-sided).
 * @example wilsonInterval(5, 100, 0.95) // { lower: 0.0215..., upper: 0.1118... }
 */
export function wilsonInterval(successes: number, trials: number, level: number): { lower: number; upper: number } {
  if (trials <= 0) return { lower: Number.NaN, upper: Number.NaN }
  const z = normalQuantile(1 - (1 - level) / 2)
  const p = successes / trials
  const z2 = z * z
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials)
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) }
}
