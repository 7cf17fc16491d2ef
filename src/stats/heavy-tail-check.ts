import { sortFloat64Ascending } from '../metrics/float-sort.js'
import { momentTailIndex, momentTailIndexOfAscending, momentTailIndexOfTail } from './moment-tail-index.js'

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
 * percentage errors of targets near 0). Then evaluate() reports no interval and says why, except
 * for a regressor's MAE from 100 rows, which gets Peng's tail-extrapolated interval instead
 * (`pengTailMeanInterval`, `peng-tail`), and its MSE, whose interval from 100 to 20,000 rows
 * extrapolates the tail on every sample whatever this check says (`studentized-tail-upper`;
 * the check then only withholds r2_score); `src/evaluate/interval-methods.ts`.
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
 * Cost: one pass copying the values (into a buffer reused across calls), a selection of the
 * k + 1 largest, and for non-negative terms nothing more: the moment sums need the (k+1)-th
 * largest and the k largest in any order. Terms of either sign also sort the k + 1 largest and
 * smallest (their deviations from the median are merged in order). The order statistics read are
 * exactly those of a full sort; the non-negative index sums its log excesses in the selection's
 * order, so it equals the full sort's up to rounding (about 1e-15 relative;
 * test/stats/heavy-tail-check.test.ts compares the two on random data).
 *
 * @param values per-example terms of a mean (e.g. squared errors)
 * @example
 * heavyTailCheck(squaredErrors) // => { heavy: true, index: 0.71, tail: 160 } for t(3) errors at n = 800 (say)
 */
export function heavyTailCheck(values: ArrayLike<number>): HeavyTailCheck {
  const n = values.length
  if (n < HEAVY_TAIL_MIN_VALUES) return { heavy: false, index: Number.NaN, tail: 0 }
  const k = Math.max(10, Math.floor(n * HEAVY_TAIL_SHARE))
  const { copy, hasNaN, smallest } = copyToScratch(values)
  if (hasNaN) return checkSorted(copy.sort(), k)
  // The k + 1 largest at the end of `copy`, the (k+1)-th largest first: the end of a full sort
  // by value, in another order after its first place.
  selectNth(copy, n - k - 1, 0, n - 1)
  const tail = copy.subarray(n - k - 1)
  let bottom: Float64Array | undefined
  const sortedBottom = (): Float64Array => {
    if (bottom === undefined) {
      selectNth(copy, k, 0, n - k - 2)
      bottom = sortFloat64Ascending(copy.subarray(0, k + 1))
    }
    return bottom
  }
  if (!hasDistinctValues(tail, HEAVY_TAIL_MIN_ATOMS) && distinctCount(sortedBottom()) < HEAVY_TAIL_MIN_ATOMS) {
    return { heavy: false, index: Number.NaN, tail: 0 }
  }
  // Non-negative terms: the moment sums need the threshold and the k largest, in any order.
  if (smallest >= 0) return indexCheck(momentTailIndexOfTail(tail, k), k)
  const low = sortedBottom()
  const top = sortFloat64Ascending(tail)
  // The median: both middle positions lie between the k + 1 smallest and the k + 1 largest.
  const upper = n >> 1
  selectNth(copy, upper, k + 1, n - k - 2)
  let median = copy[upper]
  if (n % 2 === 0) {
    let below = copy[k + 1]
    for (let i = k + 2; i < upper; i++) if (copy[i] > below) below = copy[i]
    median = (below + median) / 2
  }
  return signedCheck(low, top, median, k)
}

/** The check on fully sorted values (taken when a value is NaN, which a sort places last). */
function checkSorted(sorted: Float64Array, k: number): HeavyTailCheck {
  const n = sorted.length
  if (distinctCount(sorted.subarray(n - k - 1)) < HEAVY_TAIL_MIN_ATOMS && distinctCount(sorted.subarray(0, k + 1)) < HEAVY_TAIL_MIN_ATOMS) {
    return { heavy: false, index: Number.NaN, tail: 0 }
  }
  // Non-negative terms (squared, absolute, percentage errors): their own upper tail.
  if (sorted[0] >= 0) return indexCheck(momentTailIndexOfAscending(sorted, k), k)
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
  return signedCheck(sorted.subarray(0, k + 1), sorted.subarray(n - k - 1), median, k)
}

/** The check's answer from the tail index of the largest k terms or deviations. */
function indexCheck(index: number, k: number): HeavyTailCheck {
  return { heavy: index >= HEAVY_TAIL_INDEX, index, tail: k }
}

/**
 * Terms of either sign: the index of the k + 1 largest deviations |x - median|, which come from
 * the two ends of the sorted values (`low`: the k + 1 smallest, `high`: the k + 1 largest, both
 * ascending).
 */
function signedCheck(low: Float64Array, high: Float64Array, median: number, k: number): HeavyTailCheck {
  const top = new Float64Array(k + 1)
  let l = 0
  let h = high.length - 1
  for (let j = 0; j <= k; j++) {
    const below = median - low[l]
    const above = high[h] - median
    if (above >= below) {
      top[j] = above
      h--
    } else {
      top[j] = below
      l++
    }
  }
  return indexCheck(momentTailIndex(top, k), k)
}

/**
 * The working copy of the values: a view of one buffer kept across calls, grown to the largest
 * input (a check of a run and then of each of its slices writes no fresh memory after the
 * first; first writes to fresh memory cost more than the copy). Nothing is kept in it between
 * calls, and the check does not call itself.
 */
let scratch = new Float64Array(0)

/**
 * The values copied into the scratch buffer, whether one is NaN and the smallest of the others,
 * in one pass (the check's only pass over every value besides the selection).
 */
function copyToScratch(values: ArrayLike<number>): { copy: Float64Array; hasNaN: boolean; smallest: number } {
  const n = values.length
  if (scratch.length < n) scratch = new Float64Array(n)
  const copy = scratch.subarray(0, n)
  let hasNaN = false
  let smallest = Number.POSITIVE_INFINITY
  for (let i = 0; i < n; i++) {
    const v = values[i]
    copy[i] = v
    if (v !== v) hasNaN = true
    else if (v < smallest) smallest = v
  }
  return { copy, hasNaN, smallest }
}

/**
 * Whether `values` hold at least `atLeast` distinct values (-0 equal to +0), in any order: stops
 * as soon as it has seen that many, so a continuous tail costs a few comparisons.
 */
function hasDistinctValues(values: Float64Array, atLeast: number): boolean {
  const seen = new Float64Array(atLeast)
  let count = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    let known = false
    for (let j = 0; j < count; j++) {
      if (seen[j] === v) {
        known = true
        break
      }
    }
    if (known) continue
    seen[count++] = v
    if (count === atLeast) return true
  }
  return false
}

/**
 * Reorders `a[left..right]` so that `a[nth]` holds the value a sort would put there, with no
 * larger value before it and no smaller one after (Hoare's selection, median-of-three pivots,
 * about 3n comparisons; a sort of the range after 64 rounds bounds the worst case). Written
 * here rather than taken from npm: the `quickselect` package calls a comparator per comparison
 * and would be a new dependency for 40 lines. Values are not NaN; ±0 compare equal, which
 * changes none of the check's results (a zero is never in a tail whose threshold must be > 0).
 */
function selectNth(a: Float64Array, nth: number, left: number, right: number): void {
  let lo = left
  let hi = right
  let rounds = 0
  while (hi > lo) {
    const mid = (lo + hi) >>> 1
    if (++rounds > 64) {
      // Many bad pivots in a row (adversarial order): sort the rest, still exact.
      a.subarray(lo, hi + 1).sort()
      return
    }
    // The median of three as the pivot value.
    let x = a[lo]
    let y = a[mid]
    const z = a[hi]
    if (y < x) {
      const t = x
      x = y
      y = t
    }
    if (z < y) {
      y = z < x ? x : z
    }
    const pivot = y
    let i = lo
    let j = hi
    while (i <= j) {
      while (a[i] < pivot) i++
      while (a[j] > pivot) j--
      if (i <= j) {
        const t = a[i]
        a[i] = a[j]
        a[j] = t
        i++
        j--
      }
    }
    // Now a[lo..j] <= pivot <= a[i..hi], and a[j+1..i-1] == pivot.
    if (nth <= j) hi = j
    else if (nth >= i) lo = i
    else return
  }
}

/** How many distinct values a sorted run holds. */
function distinctCount(sorted: Float64Array): number {
  let count = sorted.length > 0 ? 1 : 0
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) count++
  return count
}
