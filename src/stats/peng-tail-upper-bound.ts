import { PENG_SAMPLE_VARIANCE_FROM_INDEX, pengTailMeanInterval, pengTailSize, positiveCount } from './peng-tail-mean-interval.js'
import { studentTQuantile } from './student-t-quantile.js'

/** The upper end of {@link pengTailUpperBound}, with the estimate and tail it came from. */
export interface PengTailUpperBound {
  /** Peng's tail-corrected mean (NaN when no bound). */
  estimate: number
  /** Upper confidence bound for the mean (NaN when Hill's index is at most 1, or no estimate). */
  upper: number
  /** Hill's estimate of the tail index over the largest `tail` terms (NaN when not made). */
  alpha: number
  tail: number
}

/**
 * An upper confidence bound for the mean of non-negative terms that extrapolates their tail: the
 * upper end of Peng's interval ({@link pengTailMeanInterval}: body mean plus a Pareto tail above
 * the (k+1)-th largest term, Hill's index α̂ over the k largest) taken on the log scale with a
 * Student t critical value on k − 1 degrees of freedom,
 *
 *   U = μ̂ · exp(t_{k−1, (1+level)/2} · se / μ̂),
 *
 * where se is Peng's delta-method standard error. Why each part (bench/coverage/README.md,
 * "Squared errors: the bootstrap-t's lower end, the larger upper end"):
 * - the log scale: Peng's estimate is skewed to the right (α̂ is under-estimated as often as not
 *   and α/(α − 1) is convex), so its misses under the symmetric interval all lie below the truth;
 * - t on k − 1 degrees of freedom: se is dominated by the Hill term, estimated from the k tail
 *   terms alone (k = 10 at n = 100, 28 at 800: the t quantile is 2.26 and 2.05 against z = 1.96).
 *
 * The bound is meant as the upper end of an interval whose lower end comes from the sample (the
 * bootstrap-t's): a right-heavy mean is bounded below by what the sample shows, above by what it
 * may not have met.
 *
 * No bound (NaN) where Peng's interval has none: α̂ ≤ 1 (a tail whose mean looks infinite),
 * negative or non-finite terms, k ≥ n; nor where the bound overflows (α̂ so near 1 that se/μ̂ is
 * in the hundreds). Where α̂ is near 1 the bound is finite but can be astronomically large
 * (bench/coverage/README.md gives the median and mean widths): it says the sample cannot bound
 * the mean, in numbers.
 *
 * @param values non-negative per-example terms (squared errors)
 * @param level two-sided nominal coverage of the interval the bound belongs to, in (0, 1)
 * @param k how many of the largest terms form the tail (default {@link pengTailSize} of the number
 *   of terms above 0: errors exactly 0 are body, not tail, and where most are 0 (mostly exact
 *   predictions) a tail of √n terms would reach down into the small errors, where Hill's index
 *   reads the whole error law as a tail and finds its mean infinite; bench/coverage/README.md,
 *   "Squared errors on a lattice")
 * @example
 * pengTailUpperBound(squaredErrors, 0.95) // => { estimate: 2.4, upper: 6.1, alpha: 1.7, tail: 10 } (say; t(3) errors, n = 100)
 */
export function pengTailUpperBound(values: ArrayLike<number>, level: number, k = pengTailSize(positiveCount(values))): PengTailUpperBound {
  // Tied squared errors (a lattice: integer targets and predictions) spread over their cells: the
  // bound is applied on every sample, light lattices included (bench/coverage/README.md, "Squared
  // errors on a lattice").
  const peng = pengTailMeanInterval(values, level, k, PENG_SAMPLE_VARIANCE_FROM_INDEX, true)
  if (!Number.isFinite(peng.upper) || !(peng.estimate > 0)) return { estimate: Number.NaN, upper: Number.NaN, alpha: peng.alpha, tail: peng.tail }
  const q = studentTQuantile(0.5 + level / 2, k - 1)
  const upper = peng.estimate * Math.exp((q * peng.standardError) / peng.estimate)
  // Where α̂ is barely above 1 the standard error is many times the estimate and exp overflows.
  return { estimate: peng.estimate, upper: Number.isFinite(upper) ? upper : Number.NaN, alpha: peng.alpha, tail: k }
}
