/**
 * Extreme-value index γ of the upper tail of `values` by the moment estimator of Dekkers,
 * Einmahl & de Haan (1989, Ann. Statist. 17): with X₍₁₎ ≥ … ≥ X₍ₖ₊₁₎ the k + 1 largest values,
 * M_j = (1/k) Σᵢ₌₁..ₖ (log X₍ᵢ₎ − log X₍ₖ₊₁₎)^j and γ = M₁ + 1 − ½ / (1 − M₁² / M₂).
 * Unlike Hill's estimator it is consistent for every γ (γ > 0 a power tail with index 1/γ,
 * γ = 0 an exponential-type tail such as the normal's or a chi-square's, γ < 0 a bounded one).
 * A tail with γ ≥ ½ has infinite variance (moments exist below order 1/γ).
 *
 * Hand-written: simple-statistics and the other maintained npm statistics packages have no
 * tail-index estimator.
 *
 * Needs the (k+1)-th largest value to be positive; otherwise, or with fewer than k + 1 values,
 * NaN. All of the k largest equal to the threshold gives NaN (no tail to measure); k log ratios
 * all equal give −Infinity (a point mass: as light as a tail can be).
 *
 * @param values non-negative values (e.g. |x − median|), any order; not modified
 * @param k how many of the largest values form the tail (e.g. n/10)
 * @example
 * // A Pareto tail with index 2 (values u^(-1/2)): γ near 0.5.
 * momentTailIndex(paretoSample, 500) // => 0.49 (say)
 */
export function momentTailIndex(values: ArrayLike<number>, k: number): number {
  return momentTailIndexOfAscending(Float64Array.from(values).sort(), k)
}

/**
 * {@link momentTailIndex} of values already in ascending order (`values.sort()`'s order), without
 * copying or sorting them again: the same result bit for bit.
 * @example momentTailIndexOfAscending(Float64Array.from(paretoSample).sort(), 500) // => 0.49 (say)
 */
export function momentTailIndexOfAscending(sorted: Float64Array, k: number): number {
  checkTailSize(k)
  const n = sorted.length
  if (n < k + 1) return Number.NaN
  return momentTailIndexOfTail(sorted.subarray(n - k - 1), k)
}

/**
 * {@link momentTailIndex} from the tail alone: `tail[0]` the (k+1)-th largest value (the
 * threshold) and `tail[1..k]` the k largest, in any order (e.g. as a selection leaves them). The
 * log excesses are summed in the order given, so the result equals the sorted tail's up to
 * rounding (a relative difference of order k·2⁻⁵³), and bit for bit when the tail is ascending.
 * @example
 * momentTailIndexOfTail(Float64Array.of(1, 8, 2, 4), 3) // threshold 1, the 3 largest 8, 2, 4 => -1.1137
 */
export function momentTailIndexOfTail(tail: Float64Array, k: number): number {
  checkTailSize(k)
  if (tail.length !== k + 1) throw new RangeError(`momentTailIndexOfTail: ${tail.length} values, not k + 1 = ${k + 1}`)
  const threshold = tail[0]
  if (!(threshold > 0)) return Number.NaN
  const logThreshold = Math.log(threshold)
  let m1 = 0
  let m2 = 0
  for (let i = 1; i <= k; i++) {
    const l = Math.log(tail[i]) - logThreshold
    m1 += l
    m2 += l * l
  }
  m1 /= k
  m2 /= k
  if (!(m2 > 0)) return Number.NaN
  const ratio = (m1 * m1) / m2
  if (ratio >= 1) return Number.NEGATIVE_INFINITY
  return m1 + 1 - 0.5 / (1 - ratio)
}

function checkTailSize(k: number): void {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`momentTailIndex: k ${String(k)} must be an integer of at least 2`)
}
