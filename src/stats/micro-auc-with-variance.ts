import { PredictionError } from '../errors.js'
import { aucStructuralComponents } from './auc-structural-components.js'

/**
 * Micro-averaged one-vs-rest ROC AUC (scikit-learn's `roc_auc_score(y, proba, multi_class='ovr',
 * average='micro')`: every (row, class) cell is one binary example, positive when the class is
 * the row's label) with a DeLong-type variance that treats rows, not cells, as the independent
 * units (method `delong`).
 *
 * The cells of one row are not independent (they share the row's difficulty, and exactly one
 * is positive), so DeLong on the flattened cells would understate the variance. Instead each
 * cell's influence (V - A) / √(g(g - 1)) (g = n positives or n(k - 1) negatives, as in
 * {@link ovrAucWithVariance}) is summed per row and the variance is the sum over rows of the
 * squared row influences — DeLong's estimator clustered by row.
 *
 * Assumptions: `proba` row-major N × k, `yTrue` class indices 0..k-1, rows independent.
 * Degenerate: fewer than 2 rows gives NaN variance; perfect separation gives variance 0.
 *
 * @example
 * const proba = new Float64Array([0.7, 0.2, 0.1,  0.2, 0.6, 0.2,  0.1, 0.3, 0.6,  0.5, 0.3, 0.2])
 * microAucWithVariance(proba, new Int32Array([0, 1, 2, 1]), 3) // => { auc: 0.953125, variance: ... }
 */
export function microAucWithVariance(proba: Float64Array, yTrue: Int32Array, k: number): { auc: number; variance: number } {
  const n = yTrue.length
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`microAucWithVariance: class count ${String(k)} must be an integer >= 2`)
  if (proba.length !== n * k) {
    throw new PredictionError(
      'length-mismatch',
      `micro-averaged AUC: probabilities hold ${proba.length} values, expected ${n} rows x ${k} classes = ${n * k}`,
    )
  }
  const isPositive = new Uint8Array(n * k)
  for (let i = 0; i < n; i++) {
    const label = yTrue[i]
    if (label < 0 || label >= k) {
      throw new PredictionError('unknown-label', `micro-averaged AUC: row ${i} has class index ${label}, expected 0..${k - 1}`)
    }
    isPositive[i * k + label] = 1
  }
  const { auc, positives, negatives, components } = aucStructuralComponents(proba, isPositive)
  if (Number.isNaN(auc) || n < 2) return { auc, variance: Number.NaN }
  const scalePositive = 1 / Math.sqrt(positives * (positives - 1))
  const scaleNegative = 1 / Math.sqrt(negatives * (negatives - 1))
  let variance = 0
  for (let i = 0; i < n; i++) {
    let rowInfluence = 0
    for (let c = 0; c < k; c++) {
      const cell = i * k + c
      rowInfluence += (components[cell] - auc) * (isPositive[cell] !== 0 ? scalePositive : scaleNegative)
    }
    variance += rowInfluence * rowInfluence
  }
  return { auc, variance }
}
