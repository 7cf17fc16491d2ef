import { PredictionError } from '../errors.js'
import { ascendingOrder } from './ascending-order.js'

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
 * One sort of the scores ({@link ascendingOrder}, radix for large inputs) and one pass over the
 * tie groups, as in Sun & Xu's fast DeLong (midranks).
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
  const order = ascendingOrder(scores)
  // Walk the tie groups in ascending score order, counting positives and negatives below.
  let negativesBelow = 0
  let positivesBelow = 0
  let sumPositive = 0
  for (let start = 0; start < total; ) {
    const score = scores[order[start]]
    let end = start
    let positivesTied = 0
    while (end < total && scores[order[end]] === score) {
      if (isPositive[order[end]] !== 0) positivesTied++
      end++
    }
    const negativesTied = end - start - positivesTied
    const positiveValue = (negativesBelow + 0.5 * negativesTied) / negatives
    const negativeValue = (positives - positivesBelow - positivesTied + 0.5 * positivesTied) / positives
    for (let j = start; j < end; j++) {
      const index = order[j]
      components[index] = isPositive[index] !== 0 ? positiveValue : negativeValue
    }
    sumPositive += positivesTied * (negativesBelow + 0.5 * negativesTied)
    negativesBelow += negativesTied
    positivesBelow += positivesTied
    start = end
  }
  return { auc: sumPositive / (positives * negatives), positives, negatives, components }
}
