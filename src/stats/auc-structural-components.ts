import { PredictionError } from '../errors.js'

/** DeLong's structural components of one binary AUC, per example. */
export interface AucComponents {
  /** Mann-Whitney AUC: P(score of a positive > score of a negative) + P(tie) / 2. */
  auc: number
  positives: number
  negatives: number
  /**
   * Per example: for a positive, V10 = share of negatives it outscores (ties count 1/2); for a
   * negative, V01 = share of positives that outscore it (ties 1/2). The mean over positives and
   * the mean over negatives both equal `auc`.
   */
  components: Float64Array
}

/**
 * DeLong, DeLong & Clarke-Pearson (1988) structural components of the AUC of `scores` against
 * binary `isPositive`, with midranks for ties (the AUC equals scikit-learn's `roc_auc_score`).
 * O(n log n): the two groups' scores are sorted once (native typed-array sort) and each example
 * is placed among the other group by binary search, as in Sun & Xu's fast DeLong.
 *
 * With no positive or no negative example the AUC is undefined: `auc` is NaN and components NaN.
 * Throws a `PredictionError` naming the row when a score is NaN or infinite.
 *
 * @example
 * aucStructuralComponents(new Float64Array([0.1, 0.4, 0.35, 0.8]), new Uint8Array([0, 0, 1, 1]))
 * // => { auc: 0.75, positives: 2, negatives: 2, components: [1, 0.5, 0.5, 1] }
 */
export function aucStructuralComponents(scores: Float64Array, isPositive: Uint8Array): AucComponents {
  const total = scores.length
  if (isPositive.length !== total) {
    throw new PredictionError(
      'length-mismatch',
      `AUC: ${total} scores but ${isPositive.length} labels; pass one label per score`,
    )
  }
  let positives = 0
  for (let i = 0; i < total; i++) {
    const score = scores[i]
    if (!Number.isFinite(score)) {
      throw new PredictionError(
        'non-finite-score',
        `AUC: score at row ${i} is ${String(score)}; scores must be finite numbers (remove or fix that row's prediction)`,
      )
    }
    if (isPositive[i] !== 0) positives++
  }
  const negatives = total - positives
  const components = new Float64Array(total)
  if (positives === 0 || negatives === 0) {
    components.fill(Number.NaN)
    return { auc: Number.NaN, positives, negatives, components }
  }
  const positiveScores = new Float64Array(positives)
  const negativeScores = new Float64Array(negatives)
  for (let i = 0, p = 0, q = 0; i < total; i++) {
    if (isPositive[i] !== 0) positiveScores[p++] = scores[i]
    else negativeScores[q++] = scores[i]
  }
  positiveScores.sort()
  negativeScores.sort()
  let sumPositive = 0
  for (let i = 0; i < total; i++) {
    const score = scores[i]
    if (isPositive[i] !== 0) {
      const below = lowerBound(negativeScores, score)
      const tied = upperBound(negativeScores, score) - below
      const value = (below + 0.5 * tied) / negatives
      components[i] = value
      sumPositive += below + 0.5 * tied
    } else {
      const atOrBelow = upperBound(positiveScores, score)
      const tied = atOrBelow - lowerBound(positiveScores, score)
      components[i] = (positives - atOrBelow + 0.5 * tied) / positives
    }
  }
  return { auc: sumPositive / (positives * negatives), positives, negatives, components }
}

/** First index whose value is >= x. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index whose value is > x. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}
