import { PredictionError } from '../errors.js'
import { aucStructuralComponents } from './auc-structural-components.js'
import { oneSidedNormalP } from './one-sided-normal-p.js'
import { assertMargin } from './paired-test-options.js'

/**
 * One-sided paired DeLong test of two correlated ROC curves on the same rows (method
 * `paired-delong`), for binary `roc_auc`.
 *
 * difference = AUC_B − AUC_A; H0: difference ≤ margin, H1: difference > margin. Pass the current
 * run as A and the baseline as B for a baseline check (difference = the drop, larger is worse);
 * for `toOutperform` ("X beats Y by more than margin") pass Y as A and X as B.
 *
 * DeLong, DeLong & Clarke-Pearson (1988): each AUC's structural components
 * ({@link aucStructuralComponents}, midranks for ties) give the covariance of the two AUCs;
 * Var(AUC_B − AUC_A) = S10 / m + S01 / n where S10 (S01) is the sample variance, over the m
 * positives (n negatives), of the difference of the two runs' components (V_B − V_A). This is
 * Var_A + Var_B − 2 Cov(A, B) with DeLong's matrix, computed in one pass. z = (difference −
 * margin) / standardError, p = 1 − Φ(z).
 *
 * Assumptions: rows independent; asymptotic (fine from a few tens of rows per class). Degenerate:
 * one class only, or fewer than 2 positives or negatives, gives NaN p; identical rankings give
 * standardError 0 and p = 1 (difference 0 ≤ margin); a zero standard error with a difference
 * above the margin (a perfect and a worse ranking with no spread) gives p = 0.
 *
 * @param labels 1 for a positive row, 0 otherwise
 * @param scoresA, scoresB each run's score of the positive class per row
 * @example
 * const labels = new Uint8Array([0, 0, 1, 1, 0, 1])
 * pairedDeLongTest({ labels, scoresA: new Float64Array([0.2, 0.6, 0.4, 0.9, 0.3, 0.5]),
 *   scoresB: new Float64Array([0.1, 0.3, 0.7, 0.8, 0.2, 0.6]) })
 * // => { p: 0.18554..., difference: 0.2222..., standardError: 0.24845..., method: 'paired-delong' }
 */
export function pairedDeLongTest(options: {
  labels: Uint8Array
  scoresA: Float64Array
  scoresB: Float64Array
  margin?: number
}): { p: number; difference: number; standardError: number; method: 'paired-delong' } {
  const { labels, scoresA, scoresB, margin = 0 } = options
  if (scoresA.length !== labels.length || scoresB.length !== labels.length) {
    throw new PredictionError(
      'length-mismatch',
      `paired DeLong test: ${labels.length} labels, ${scoresA.length} scores of A and ${scoresB.length} of B; both runs must score the same rows`,
    )
  }
  assertMargin(margin, 'pairedDeLongTest', 'AUC units, e.g. 0.01')
  const a = aucStructuralComponents(scoresA, labels)
  const b = aucStructuralComponents(scoresB, labels)
  const difference = b.auc - a.auc
  const method = 'paired-delong' as const
  const { positives, negatives } = a
  if (Number.isNaN(difference) || positives < 2 || negatives < 2) {
    return { p: Number.NaN, difference, standardError: Number.NaN, method }
  }
  let squaresPositive = 0
  let squaresNegative = 0
  for (let i = 0; i < labels.length; i++) {
    const deviation = b.components[i] - a.components[i] - difference
    if (labels[i] !== 0) squaresPositive += deviation * deviation
    else squaresNegative += deviation * deviation
  }
  const variance = squaresPositive / (positives * (positives - 1)) + squaresNegative / (negatives * (negatives - 1))
  const standardError = Math.sqrt(variance)
  return { p: oneSidedNormalP(difference - margin, standardError), difference, standardError, method }
}
