/**
 * The one sorted pass every ranking metric is derived from (scikit-learn's `_binary_clf_curve`):
 * distinct score thresholds in descending order with the cumulative true and false positives
 * at or above each threshold.
 */
import { sortFloat64Ascending } from './float-sort.js'

/** Distinct thresholds descending; `tps[i]`/`fps[i]` count positives/negatives scored >= `thresholds[i]`. */
export interface BinaryRanking { thresholds: Float64Array; tps: Float64Array; fps: Float64Array; positives: number; negatives: number }

/**
 * Rank examples by score. Positive and negative scores are sorted separately (one radix sort
 * each, no index sort, no per-row objects) and merged from the top, which yields the same
 * thresholds and counts as sklearn's mergesort of all scores. Scores must not be NaN.
 *
 * @example
 * const r = binaryRanking(Float64Array.of(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1))
 * // r.thresholds = [0.8, 0.4, 0.35, 0.1], r.tps = [1, 1, 2, 2], r.fps = [0, 1, 1, 2]
 */
export function binaryRanking(scores: Float64Array, isPositive: Uint8Array): BinaryRanking {
  const n = scores.length
  if (isPositive.length !== n) {
    throw new RangeError(`binaryRanking: ${n} scores but ${isPositive.length} labels; pass one label per score`)
  }
  let positives = 0
  for (let i = 0; i < n; i++) if (isPositive[i] !== 0) positives++
  const split = new Float64Array(n)
  let p = 0
  let q = positives
  for (let i = 0; i < n; i++) {
    const s = scores[i]
    if (s !== s) throw new RangeError(`binaryRanking: score at row ${i} is NaN; ranking metrics need a finite score for every example`)
    if (isPositive[i] !== 0) split[p++] = s
    else split[q++] = s
  }
  return rankingFromSplitScores(split.subarray(0, positives), split.subarray(positives))
}

/**
 * Ranking from the scores of positives and of negatives (both arrays are sorted in place).
 * Lets one-vs-rest callers split a probability column without building a label array.
 */
export function rankingFromSplitScores(positiveScores: Float64Array, negativeScores: Float64Array,
  scratch?: Float64Array): BinaryRanking {
  const pos = sortFloat64Ascending(positiveScores, scratch)
  const neg = sortFloat64Ascending(negativeScores, scratch)
  const total = pos.length + neg.length
  const thresholds = new Float64Array(total)
  const tps = new Float64Array(total)
  const fps = new Float64Array(total)
  let i = pos.length - 1
  let j = neg.length - 1
  let tp = 0
  let fp = 0
  let m = 0
  while (i >= 0 || j >= 0) {
    const v = i >= 0 && (j < 0 || pos[i] >= neg[j]) ? pos[i] : neg[j]
    while (i >= 0 && pos[i] === v) { tp++; i-- }
    while (j >= 0 && neg[j] === v) { fp++; j-- }
    thresholds[m] = v
    tps[m] = tp
    fps[m] = fp
    m++
  }
  return {
    thresholds: thresholds.slice(0, m),
    tps: tps.slice(0, m),
    fps: fps.slice(0, m),
    positives: pos.length,
    negatives: neg.length,
  }
}

/**
 * Area under the ROC curve straight from sorted positive and negative scores (Mann-Whitney
 * with ties counted half, which equals sklearn's trapezoid over the ROC points), without
 * materialising the curve. NaN when either side is empty. Arrays are sorted in place.
 */
export function rocAucFromSplitScores(positiveScores: Float64Array, negativeScores: Float64Array,
  scratch?: Float64Array): number {
  const P = positiveScores.length
  const N = negativeScores.length
  if (P === 0 || N === 0) return NaN
  const pos = sortFloat64Ascending(positiveScores, scratch)
  const neg = sortFloat64Ascending(negativeScores, scratch)
  // Twice the trapezoid area in count units: sum over thresholds of dfp * (tp + tp_prev).
  let i = P - 1
  let j = N - 1
  let tp = 0
  let area2 = 0
  while (i >= 0 || j >= 0) {
    const v = i >= 0 && (j < 0 || pos[i] >= neg[j]) ? pos[i] : neg[j]
    const tpBefore = tp
    let dfp = 0
    while (i >= 0 && pos[i] === v) { tp++; i-- }
    while (j >= 0 && neg[j] === v) { dfp++; j-- }
    area2 += dfp * (tp + tpBefore)
  }
  return area2 / (2 * P * N)
}
