import { aucStructuralComponents } from './auc-structural-components.js'

/**
 * ROC AUC with DeLong's variance (method `delong`): Var = S10 / m + S01 / n, where S10 and S01
 * are the sample variances (denominator m - 1, n - 1) of the structural components of the m
 * positives and n negatives ({@link aucStructuralComponents}; midranks for ties, O(n log n)).
 *
 * Assumptions: examples are independent; the variance is asymptotic (fine from a few tens of
 * examples per class). Degenerate cases: one class only gives NaN AUC and NaN variance; a
 * single positive or negative gives NaN variance (no spread to estimate); perfect separation
 * (AUC 0 or 1) gives variance 0, hence a zero-width interval — see {@link aucInterval}.
 *
 * @param scores score of the positive class per example (higher = more positive)
 * @param isPositive 1 for a positive example, 0 otherwise
 * @example
 * delongAuc(new Float64Array([0.1, 0.4, 0.35, 0.8]), new Uint8Array([0, 0, 1, 1]))
 * // => { auc: 0.75, variance: 0.125 }
 */
export function delongAuc(scores: Float64Array, isPositive: Uint8Array): { auc: number; variance: number } {
  const { auc, positives, negatives, components } = aucStructuralComponents(scores, isPositive)
  if (Number.isNaN(auc) || positives < 2 || negatives < 2) return { auc, variance: Number.NaN }
  let squaresPositive = 0
  let squaresNegative = 0
  for (let i = 0; i < scores.length; i++) {
    const deviation = components[i] - auc
    if (isPositive[i] !== 0) squaresPositive += deviation * deviation
    else squaresNegative += deviation * deviation
  }
  const variance =
    squaresPositive / ((positives - 1) * positives) + squaresNegative / ((negatives - 1) * negatives)
  return { auc, variance }
}
