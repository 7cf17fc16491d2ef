import { PredictionError } from '../errors.js'
import { aucStructuralComponents } from './auc-structural-components.js'
import { oneSidedNormalP } from './one-sided-normal-p.js'
import { assertMargin } from './paired-test-options.js'

/**
 * One-sided paired DeLong test of two runs' one-vs-rest multiclass ROC AUC on the same rows
 * (method `paired-delong`), averaged as the engine averages it (src/metrics/multiclass-roc-auc.ts,
 * scikit-learn's `roc_auc_score(multi_class='ovr')`): `macro` (plain mean over classes),
 * `weighted` (by class support), and `micro` (all rows × classes cells ranked at once).
 *
 * difference = AUC_B − AUC_A; H0: difference ≤ margin (pass the current run as A and the
 * baseline as B for a baseline check). z = (difference − margin) / standardError, p = 1 − Φ(z).
 *
 * Variance: every class's one-vs-rest problem uses the same rows, so per-class differences are
 * correlated; as {@link ovrAucWithVariance} does for one curve, each row's influence on the
 * averaged difference is summed over classes, w_c · ((V_B,c − V_A,c)(row) − ΔA_c) / √(g(g − 1))
 * (g the size of the row's group, positives or negatives of class c; w_c the averaging weight),
 * and the variance is the sum of the squared row influences. For one class this is exactly the
 * paired DeLong variance ({@link pairedDeLongTest}). `weighted` adds the randomness of the class
 * shares, (ΔA_{y(row)} − ΔA) / √(N(N − 1)); `micro` ranks all cells and clusters the cells'
 * influences by row (as {@link microAucWithVariance}).
 *
 * Assumptions: probabilities row-major (`probabilitiesA[i * classCount + c]`), `targetIndex`
 * holds class indices 0..classCount-1; rows independent; asymptotic. The rows are not checked to
 * sum to 1 (the engine leaves roc_auc out when they do not). Degenerate: a class absent from the
 * targets (macro, weighted), or fewer than 2 rows in some class's group, gives NaN p.
 *
 * @example
 * pairedOvrDeLongTest({ targetIndex, classCount: 3, probabilitiesA: current, probabilitiesB: baseline, average: 'macro' })
 * // => { p, difference: baseline AUC − current AUC, standardError, method: 'paired-delong' }
 */
export function pairedOvrDeLongTest(options: {
  targetIndex: Int32Array
  classCount: number
  probabilitiesA: Float64Array
  probabilitiesB: Float64Array
  average: 'macro' | 'weighted' | 'micro'
  margin?: number
}): { p: number; difference: number; standardError: number; method: 'paired-delong' } {
  const { targetIndex, classCount: k, probabilitiesA, probabilitiesB, average, margin = 0 } = options
  const n = targetIndex.length
  const method = 'paired-delong' as const
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`pairedOvrDeLongTest: classCount ${String(k)} must be an integer >= 2`)
  for (const [name, proba] of [['A', probabilitiesA], ['B', probabilitiesB]] as const) {
    if (proba.length !== n * k) {
      throw new PredictionError(
        'length-mismatch',
        `paired one-vs-rest DeLong test: probabilities of ${name} hold ${proba.length} values, expected ${n} rows x ${k} classes = ${n * k}`,
      )
    }
  }
  assertMargin(margin, 'pairedOvrDeLongTest', 'AUC units, e.g. 0.01')
  const support = new Float64Array(k)
  for (let i = 0; i < n; i++) {
    const label = targetIndex[i]
    if (!(label >= 0 && label < k) || !Number.isInteger(label)) {
      throw new PredictionError('unknown-label', `paired one-vs-rest DeLong test: row ${i} has class index ${label}, expected 0..${k - 1}`)
    }
    support[label]++
  }
  const influence = new Float64Array(n)
  let difference = 0

  if (average === 'micro') {
    const isPositive = new Uint8Array(n * k)
    for (let i = 0; i < n; i++) isPositive[i * k + targetIndex[i]] = 1
    const a = aucStructuralComponents(probabilitiesA, isPositive)
    const b = aucStructuralComponents(probabilitiesB, isPositive)
    difference = b.auc - a.auc
    if (Number.isNaN(difference) || n < 2) return { p: Number.NaN, difference, standardError: Number.NaN, method }
    const scalePositive = 1 / Math.sqrt(a.positives * (a.positives - 1))
    const scaleNegative = 1 / Math.sqrt(a.negatives * (a.negatives - 1))
    for (let cell = 0; cell < n * k; cell++) {
      const deviation = b.components[cell] - a.components[cell] - difference
      influence[(cell / k) | 0] += deviation * (isPositive[cell] !== 0 ? scalePositive : scaleNegative)
    }
  } else {
    const classDifference = new Float64Array(k)
    const scoresA = new Float64Array(n)
    const scoresB = new Float64Array(n)
    const isPositive = new Uint8Array(n)
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < n; i++) {
        scoresA[i] = probabilitiesA[i * k + c]
        scoresB[i] = probabilitiesB[i * k + c]
        isPositive[i] = targetIndex[i] === c ? 1 : 0
      }
      const a = aucStructuralComponents(scoresA, isPositive)
      const b = aucStructuralComponents(scoresB, isPositive)
      if (Number.isNaN(a.auc) || a.positives < 2 || a.negatives < 2) {
        const partial = Number.isNaN(a.auc) ? Number.NaN : difference
        return { p: Number.NaN, difference: partial, standardError: Number.NaN, method }
      }
      const weight = average === 'macro' ? 1 / k : support[c] / n
      classDifference[c] = b.auc - a.auc
      difference += weight * classDifference[c]
      const scalePositive = weight / Math.sqrt(a.positives * (a.positives - 1))
      const scaleNegative = weight / Math.sqrt(a.negatives * (a.negatives - 1))
      for (let i = 0; i < n; i++) {
        const deviation = b.components[i] - a.components[i] - classDifference[c]
        influence[i] += deviation * (isPositive[i] !== 0 ? scalePositive : scaleNegative)
      }
    }
    if (average === 'weighted') {
      const scale = 1 / Math.sqrt(n * (n - 1))
      for (let i = 0; i < n; i++) influence[i] += (classDifference[targetIndex[i]] - difference) * scale
    }
  }
  let variance = 0
  for (let i = 0; i < n; i++) variance += influence[i] * influence[i]
  const standardError = Math.sqrt(variance)
  return { p: oneSidedNormalP(difference - margin, standardError), difference, standardError, method }
}
