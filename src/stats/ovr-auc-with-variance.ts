import { PredictionError } from '../errors.js'
import { aucStructuralComponents } from './auc-structural-components.js'
import { averageClassAucs } from '../metrics/multiclass-roc-auc.js'

/**
 * One-vs-rest multiclass ROC AUC, averaged as scikit-learn's
 * `roc_auc_score(y, proba, multi_class='ovr', average=...)` (`macro`: plain mean over classes;
 * `weighted`: weighted by each class's support), with a DeLong-type variance (method `delong`).
 *
 * Variance: each class's AUC is a two-sample U-statistic with per-example structural components
 * V (see {@link aucStructuralComponents}). Each example's influence on class c's AUC is
 * (V_c(e) - A_c) / √(g(g - 1)), g the size of its group (positives or negatives of c), which
 * reproduces DeLong's variance exactly for one class. The influences are combined across
 * classes with the averaging weights, so the correlation between the per-class AUCs (the same
 * examples appear in every class's problem) is accounted for; for `weighted`, the randomness of
 * the weights (class shares) adds (A_{y(e)} - A) / √(N(N - 1)). Variance = Σ_e influence(e)².
 *
 * Assumptions: `proba` is row-major, N × k (`proba[i * k + c]` is the probability of class c for
 * row i); `yTrue` holds class indices 0..k-1; examples independent; asymptotic (fine from a few
 * tens of examples per class). Degenerate: a class with no example (or every example) has no
 * one-vs-rest AUC, so the result is NaN (scikit-learn raises there); perfect separation gives
 * variance 0.
 *
 * @example
 * const proba = new Float64Array([0.7, 0.2, 0.1,  0.2, 0.6, 0.2,  0.1, 0.3, 0.6,  0.5, 0.3, 0.2])
 * ovrAucWithVariance(proba, new Int32Array([0, 1, 2, 1]), 3, 'macro')
 * // => { auc: 0.9583..., variance: NaN }  (classes 0 and 2 have one example each: no spread to estimate)
 */
export function ovrAucWithVariance(
  proba: Float64Array,
  yTrue: Int32Array,
  k: number,
  average: 'macro' | 'weighted',
): { auc: number; variance: number } {
  const n = yTrue.length
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`ovrAucWithVariance: class count ${String(k)} must be an integer >= 2`)
  if (proba.length !== n * k) {
    throw new PredictionError(
      'length-mismatch',
      `one-vs-rest AUC: probabilities hold ${proba.length} values, expected ${n} rows x ${k} classes = ${n * k}`,
    )
  }
  const support = new Float64Array(k)
  for (let i = 0; i < n; i++) {
    const label = yTrue[i]
    if (label < 0 || label >= k) {
      throw new PredictionError('unknown-label', `one-vs-rest AUC: row ${i} has class index ${label}, expected 0..${k - 1}`)
    }
    support[label]++
  }
  const weights = new Float64Array(k)
  for (let c = 0; c < k; c++) weights[c] = average === 'macro' ? 1 / k : support[c] / n

  const aucs = new Float64Array(k)
  const influence = new Float64Array(n)
  const scores = new Float64Array(n)
  const isPositive = new Uint8Array(n)
  let auc = 0
  let varianceDefined = true
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < n; i++) {
      scores[i] = proba[i * k + c]
      isPositive[i] = yTrue[i] === c ? 1 : 0
    }
    const result = aucStructuralComponents(scores, isPositive)
    if (Number.isNaN(result.auc)) return { auc: Number.NaN, variance: Number.NaN }
    aucs[c] = result.auc
    auc += weights[c] * result.auc
    const { positives, negatives, components } = result
    if (positives < 2 || negatives < 2) {
      varianceDefined = false
      continue
    }
    const scalePositive = weights[c] / Math.sqrt(positives * (positives - 1))
    const scaleNegative = weights[c] / Math.sqrt(negatives * (negatives - 1))
    for (let i = 0; i < n; i++) {
      influence[i] += (components[i] - result.auc) * (isPositive[i] !== 0 ? scalePositive : scaleNegative)
    }
  }
  // the value reported, averaged as every other path averages it (the weighted sum above differs in its last bit)
  auc = averageClassAucs(aucs, support, average)
  if (!varianceDefined) return { auc, variance: Number.NaN }
  if (average === 'weighted') {
    const scale = 1 / Math.sqrt(n * (n - 1))
    for (let i = 0; i < n; i++) influence[i] += (aucs[yTrue[i]] - auc) * scale
  }
  let variance = 0
  for (let i = 0; i < n; i++) variance += influence[i] * influence[i]
  return { auc, variance }
}
