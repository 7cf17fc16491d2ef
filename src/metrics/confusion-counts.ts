/**
 * Confusion counts: the one core every classification metric is derived from
 * (as in scikit-learn's `_classification.py`).
 */

/**
 * Count (actual, predicted) pairs into a flat k*k array, index `t*k + p` (row = actual class,
 * column = predicted class). Counts of disjoint parts of the data add up to the counts of the
 * whole, so slices, batches and shards merge by adding arrays.
 *
 * `rows` (default null: every row): the counts of these rows of `yTrue` and `yPred` only, read
 * in place (a scope of a run without copying its labels).
 *
 * @example confusionCounts(Int32Array.of(0, 1, 1), Int32Array.of(0, 0, 1), 2) // [1, 0, 1, 1]
 * @example confusionCounts(Int32Array.of(0, 1, 1), Int32Array.of(0, 0, 1), 2, Int32Array.of(1, 2)) // [0, 0, 1, 1]
 */
export function confusionCounts(yTrue: Int32Array, yPred: Int32Array, k: number, rows: Int32Array | null = null): Float64Array {
  checkInputs(yTrue, yPred, k)
  const counts = new Float64Array(k * k)
  const n = rows === null ? yTrue.length : rows.length
  for (let i = 0; i < n; i++) {
    const row = rows === null ? i : rows[i]
    const t = yTrue[row]
    const p = yPred[row]
    if (!(t >= 0 && t < k && p >= 0 && p < k)) throw classIndexError(row, t, p, k)
    counts[t * k + p]++
  }
  return counts
}

/**
 * Weighted confusion counts (`sample_weight` in scikit-learn): each example adds its weight
 * instead of 1. Used by resampling (a Poisson bootstrap draws integer weights per row).
 *
 * @example confusionCountsWeighted(Int32Array.of(0, 1), Int32Array.of(0, 0), 2, Float64Array.of(2, 3)) // [2, 0, 3, 0]
 */
export function confusionCountsWeighted(yTrue: Int32Array, yPred: Int32Array, k: number,
  weights: Float64Array): Float64Array {
  checkInputs(yTrue, yPred, k)
  if (weights.length !== yTrue.length) {
    throw new RangeError(`confusionCountsWeighted: ${weights.length} weights for ${yTrue.length} examples; pass one weight per example`)
  }
  const counts = new Float64Array(k * k)
  const n = yTrue.length
  for (let i = 0; i < n; i++) {
    const t = yTrue[i]
    const p = yPred[i]
    if (t < 0 || t >= k || p < 0 || p >= k) throw classIndexError(i, t, p, k)
    counts[t * k + p] += weights[i]
  }
  return counts
}

function checkInputs(yTrue: Int32Array, yPred: Int32Array, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`confusionCounts: k must be a positive integer, got ${k}`)
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`confusionCounts: ${yTrue.length} targets but ${yPred.length} predictions; pass one prediction per target`)
  }
}

function classIndexError(row: number, t: number, p: number, k: number): RangeError {
  return new RangeError(`confusionCounts: row ${row} has class indices actual=${t}, predicted=${p}, outside 0..${k - 1}; encode labels against the full label list first`)
}
