/**
 * The paired test of a mean of per-row scores (`mean-of-scores`: `rouge1/v1/mean`,
 * `exact_match/v1`, `precision_at_3/mean`): both models' scores of the same rows, differenced
 * row by row, and the paired mean-difference test of the engine's other means
 * (`pairedMeanDifferenceTest`). Rows either model has no score for (NaN) are left out, as the
 * aggregates leave them out.
 */

/** What one mean-of-scores test reads. */
export interface RowScoresRequest {
  /** Per-row scores of model A and model B (every row of the run). */
  scoresA: Float64Array | undefined
  scoresB: Float64Array | undefined
  /** Rows of the scope (null: every row). */
  rows: Int32Array | null
  /** The compared means (checked against the scores). */
  valueA: number
  valueB: number
  /** 1 when greater is better, -1 otherwise. */
  sign: number
  /** The paired-mean rule's p for the per-row differences, given A's scores of the same rows (`PairedComparison`'s: Hall's t and the sign flip, tolerance in the null). */
  meanTest: (differences: Float64Array, scoresA: Float64Array) => number
}

/**
 * The rows of `rows` (null: every row) both models scored: the per-row differences `sign * (a -
 * b)`, each model's mean over them (NaN when none), and how many rows only one model scored.
 * @example scoredPairs(Float64Array.of(1, NaN, 0), Float64Array.of(0, 1, 0), null, 1) // { differences: [1, 0], keptA: [1, 0], meanA: 0.5, meanB: 0, onlyOne: 1 }
 */
export function scoredPairs(scoresA: Float64Array, scoresB: Float64Array, rows: Int32Array | null, sign: number): { differences: Float64Array; keptA: Float64Array; meanA: number; meanB: number; onlyOne: number } {
  const n = rows === null ? scoresA.length : rows.length
  const differences = new Float64Array(n)
  const keptA = new Float64Array(n)
  let kept = 0
  let meanA = 0
  let meanB = 0
  let onlyOne = 0
  for (let j = 0; j < n; j++) {
    const i = rows === null ? j : rows[j]!
    const a = scoresA[i]!
    const b = scoresB[i]!
    if (Number.isNaN(a) || Number.isNaN(b)) {
      if (Number.isNaN(a) !== Number.isNaN(b)) onlyOne++
      continue
    }
    keptA[kept] = a
    differences[kept++] = sign * (a - b)
    meanA += a
    meanB += b
  }
  return { differences: differences.subarray(0, kept), keptA: keptA.subarray(0, kept), meanA: meanA / kept, meanB: meanB / kept, onlyOne }
}

/**
 * The p-value of "A is better than B by at most `margin`" on the mean of the per-row scores, or
 * why there is none.
 *
 * @example
 * rowScoresTest({ scoresA: Float64Array.of(1, 1, 1, 0), scoresB: Float64Array.of(0, 1, 0, 0), rows: null, valueA: 0.75, valueB: 0.25, sign: 1, margin: 0 })
 * // => { p: 0.0908..., test: 'paired-mean' }
 */
export function rowScoresTest(request: RowScoresRequest): { p: number; test: 'paired-mean' } | { unavailable: string; tooFew?: true } {
  const { scoresA, scoresB, rows, sign } = request
  if (!scoresA || !scoresB) return { unavailable: 'no per-row scores for one of the models (the baseline stores none for this metric?)' }
  const n = rows === null ? scoresA.length : rows.length
  const { differences, keptA, meanA, meanB, onlyOne } = scoredPairs(scoresA, scoresB, rows, sign)
  // (one row: no p below 1/2, so no test can reject the change however large; untested)
  if (differences.length < 2) return { unavailable: 'fewer than 2 rows scored by both models, too few for any test of a mean to reject', tooFew: true }
  const agrees = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y))
  if (!agrees(meanA, request.valueA) || !agrees(meanB, request.valueB)) {
    if (onlyOne > 0) {
      // A row without a score (a text with no grade) is left out of its model's mean: the two means are of different rows.
      return { unavailable: `${onlyOne} of ${n} rows have a score from one model only, so the two means are of different rows and no row-by-row test compares them` }
    }
    return { unavailable: `the per-row scores give ${meanA.toPrecision(6)} -> ${meanB.toPrecision(6)}, not the values compared` }
  }
  const p = request.meanTest(differences, keptA)
  if (Number.isNaN(p)) return { unavailable: 'fewer than 2 rows, too few for any test of a mean to reject', tooFew: true }
  return { p, test: 'paired-mean' }
}
