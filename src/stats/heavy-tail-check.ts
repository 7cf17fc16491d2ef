import { momentTailIndex } from './moment-tail-index.js'

/** Extreme-value index at and above which a mean's per-example terms count as heavy-tailed:
 *  γ ≥ ½ is a tail whose variance is infinite. */
export const HEAVY_TAIL_INDEX = 0.5

/** Share of the rows that form the tail the index is estimated from (the largest n/5 deviations). */
export const HEAVY_TAIL_SHARE = 0.2

/** Below this many values the check is not made (the tail would be fewer than 10 values). */
export const HEAVY_TAIL_MIN_VALUES = 50

/** Fewest distinct values among the tail's terms for the check to be made. */
export const HEAVY_TAIL_MIN_ATOMS = 10

/** What {@link heavyTailCheck} found. */
export interface HeavyTailCheck {
  /** True when the terms' tail looks like one of infinite variance (index ≥ {@link HEAVY_TAIL_INDEX}). */
  heavy: boolean
  /** The moment estimate of the extreme-value index of |x − median(x)| (NaN when not made). */
  index: number
  /** How many of the largest deviations it used (0 when not made). */
  tail: number
}

/**
 * Whether the mean of these per-example terms can have an interval that covers: the
 * extreme-value index of the terms' upper tail (non-negative terms, such as squared errors) or
 * of the deviations |xᵢ − median| (terms of either sign), from the largest n/5
 * ({@link momentTailIndex}); at or above ½ the terms' variance looks infinite, the central
 * limit does not hold at the usual rate and no bootstrap or normal interval of the mean covers
 * (measured in bench/coverage: squared Student t(3) errors, log-normal squared errors,
 * percentage errors of targets near 0). Then evaluate() reports no interval and says why.
 *
 * Fires rarely on light tails: on squared normal errors (chi-square terms) 3–4% of the time at
 * n = 100, never in the bench's trials at n = 800 and 5,000 (test/stats/heavy-tail-check.test.ts,
 * bench/coverage/README.md). Fewer than
 * {@link HEAVY_TAIL_MIN_VALUES} values: no check (`heavy` false, `index` NaN).
 *
 * A tail made of fewer than {@link HEAVY_TAIL_MIN_ATOMS} distinct values (scores on a few
 * levels, a classifier with few distinct probabilities) is no tail at all: terms on finitely many
 * values have every moment, and the estimator, made for continuous data, misreads ties.
 *
 * Cost: one sort of the values.
 *
 * @param values per-example terms of a mean (e.g. squared errors)
 * @example
 * heavyTailCheck(squaredErrors) // => { heavy: true, index: 0.71, tail: 160 } for t(3) errors at n = 800 (say)
 */
export function heavyTailCheck(values: ArrayLike<number>): HeavyTailCheck {
  const n = values.length
  if (n < HEAVY_TAIL_MIN_VALUES) return { heavy: false, index: Number.NaN, tail: 0 }
  const sorted = Float64Array.from(values).sort()
  const k = Math.max(10, Math.floor(n * HEAVY_TAIL_SHARE))
  if (distinctCount(sorted.subarray(n - k - 1)) < HEAVY_TAIL_MIN_ATOMS && distinctCount(sorted.subarray(0, k + 1)) < HEAVY_TAIL_MIN_ATOMS) {
    return { heavy: false, index: Number.NaN, tail: 0 }
  }
  // Non-negative terms (squared, absolute, percentage errors, log losses): their own upper tail.
  if (sorted[0] >= 0) {
    const index = momentTailIndex(sorted.subarray(n - k - 1), k)
    return { heavy: index >= HEAVY_TAIL_INDEX, index, tail: k }
  }
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
  // The k + 1 largest deviations come from the two ends of the sorted values.
  const top = new Float64Array(k + 1)
  let low = 0
  let high = n - 1
  for (let j = 0; j <= k; j++) {
    const below = median - sorted[low]
    const above = sorted[high] - median
    if (above >= below) {
      top[j] = above
      high--
    } else {
      top[j] = below
      low++
    }
  }
  const index = momentTailIndex(top, k)
  return { heavy: index >= HEAVY_TAIL_INDEX, index, tail: k }
}

/** How many distinct values a sorted run holds. */
function distinctCount(sorted: Float64Array): number {
  let count = sorted.length > 0 ? 1 : 0
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) count++
  return count
}
