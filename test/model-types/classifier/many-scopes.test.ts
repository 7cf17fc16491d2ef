/**
 * The classifier's scopes computed all at once (`manyScopeMetrics`: one-vs-rest AUC of every
 * scope from one sort per class, log-loss terms computed once for the run and read at each
 * scope's rows, probabilities read in place) against one scope at a time from copies.
 */
import { describe, expect, test } from 'vitest'
import { binaryRanking, calibrationCurve, logLoss, rocAucFromRanking } from '../../../src/metrics/index.js'
import type { CalibrationBinCounts } from '../../../src/metrics/index.js'
import { classifierCurves } from '../../../src/model-types/classifier/classifier-curves.js'
import { classifierCore, classifierPart, classifierType } from '../../../src/model-types/classifier/classifier-type.js'
import { columnsOfMatrix } from '../../../src/model-types/classifier/probability-columns.js'
import type { ClassifierPart } from '../../../src/model-types/classifier/classifier-type.js'
import { scopeContext } from '../../../src/evaluate/scope-context.js'
import { createRandom } from '../../../src/stats/index.js'

/** n rows, k classes, probabilities in ten-thousandths (ties), a model right about 60% of the time. */
function multiclassPart(n: number, k: number, seed: number): ClassifierPart {
  const random = createRandom(seed)
  const targetIndex = new Int32Array(n)
  const predictedIndex = new Int32Array(n)
  const probabilities = new Float64Array(n * k)
  for (let i = 0; i < n; i++) {
    const target = Math.floor(random.uniform() * k)
    targetIndex[i] = target
    const weights = Array.from({ length: k }, (_, c) => random.uniform() + (c === target ? 0.8 : 0))
    const total = weights.reduce((a, b) => a + b, 0)
    let rest = 10_000
    for (let c = 0; c < k - 1; c++) {
      const p = Math.round((weights[c] / total) * 10_000)
      probabilities[i * k + c] = p / 10_000
      rest -= p
    }
    probabilities[i * k + k - 1] = rest / 10_000
    let best = 0
    for (let c = 1; c < k; c++) if (probabilities[i * k + c] > probabilities[i * k + best]) best = c
    predictedIndex[i] = best
  }
  return { settings: { labels: ['a', 'b', 'c', 'd'].slice(0, k), posIndex: null, average: 'weighted' }, columns: { targetIndex, predictedIndex, probabilities } }
}

describe('classifier manyScopeMetrics', () => {
  test('every scope equals the scope computed alone, and log_loss equals logLoss of the copied rows bit for bit', () => {
    const k = 4
    const part = multiclassPart(3000, k, 17)
    const random = createRandom(5)
    const region = Int32Array.from({ length: 3000 }, () => Math.floor(random.uniform() * 3))
    const groups = [0, 1, 2].map((g) => Int32Array.from(region.keys()).filter((i) => region[i] === g))
    const context = scopeContext({ level: 0.95, seed: 3, resamples: 200, rowResamples: 200 }, true)
    const many = classifierType.manyScopeMetrics!(part, [[null], groups], context)
    const alone = [classifierType.scopeMetrics(part, null, context), ...groups.map((rows) => classifierType.scopeMetrics(part, rows, context))]
    const together = [many.scopes[0][0], ...many.scopes[1]]
    together.forEach((scope, s) => {
      const single = alone[s]
      expect(Object.keys(scope.metrics).sort()).toStrictEqual(Object.keys(single.metrics).sort())
      for (const [name, value] of Object.entries(single.metrics)) expect(scope.metrics[name], name).toBeCloseTo(value, 12)
      expect(scope.metrics.log_loss).toBe(single.metrics.log_loss)
      expect(scope.intervals.log_loss).toStrictEqual(single.intervals.log_loss)
      expect(scope.intervals.accuracy_score).toStrictEqual(single.intervals.accuracy_score)
      expect(scope.intervals.roc_auc?.lower).toBeCloseTo(single.intervals.roc_auc!.lower, 12)
      expect(scope.confusionMatrix).toStrictEqual(single.confusionMatrix)
      // The old route: copy the scope's rows out of the matrix, then logLoss.
      const rows = s === 0 ? Int32Array.from({ length: 3000 }, (_, i) => i) : groups[s - 1]
      const copied = new Float64Array(rows.length * k)
      rows.forEach((row, i) => copied.set(part.columns.probabilities!.subarray(row * k, row * k + k), i * k))
      expect(scope.metrics.log_loss).toBe(logLoss(copied, Int32Array.from(rows, (row) => part.columns.targetIndex[row]), k).value)
    })
    expect(together[1].metrics.example_count + together[2].metrics.example_count + together[3].metrics.example_count).toBe(3000)
    expect(together[0].intervals.log_loss?.method).toMatch(/normal|bootstrap/)
  })

  test("the run's curves: each class's calibration bins and ROC from its own column, with and without the shared rankings", () => {
    const k = 4
    const part = multiclassPart(2000, k, 23)
    const { targetIndex, probabilities } = part.columns
    const context = scopeContext({ level: 0.95, seed: 3, resamples: 50, rowResamples: 50 }, false)
    const shared = classifierType.manyScopeMetrics!(part, [[null]], context).curves!.curves
    const alone = classifierCurves(part.settings.labels, undefined, targetIndex, probabilities!, [])
    for (let c = 0; c < k; c++) {
      const column = Float64Array.from({ length: 2000 }, (_, i) => probabilities![i * k + c])
      const isPositive = Uint8Array.from(targetIndex, (t) => (t === c ? 1 : 0))
      // The bins come from the ranking's counts per distinct score: the row pass's bins, the
      // means summed in another order (to their last bits).
      expectSameBins(shared.calibration![c].bins, calibrationCurve(column, isPositive))
      expect(shared.calibration![c].label).toBe(part.settings.labels[c])
      expect(alone.calibration![c]).toStrictEqual(shared.calibration![c])
      expect(shared.roc![c].auc).toBe(rocAucFromRanking(binaryRanking(column, isPositive)))
      expect(alone.roc![c]).toStrictEqual(shared.roc![c])
    }
    // The classes differ (a refilled buffer that was not refilled would repeat one class).
    expect(shared.calibration![0].bins).not.toStrictEqual(shared.calibration![1].bins)
  })

  test('a part holding one column per class (as an encoded one does) gives the same scopes and curves as the row-major matrix, bit for bit', () => {
    const k = 4
    const part = multiclassPart(3000, k, 29)
    const ofColumns = classifierPart({ ...classifierCore(part), probabilities: columnsOfMatrix(part.columns.probabilities!, k), probabilityMatrix: undefined })
    const random = createRandom(7)
    const region = Int32Array.from({ length: 3000 }, () => Math.floor(random.uniform() * 3))
    const groups = [0, 1, 2].map((g) => Int32Array.from(region.keys()).filter((i) => region[i] === g))
    const context = scopeContext({ level: 0.95, seed: 3, resamples: 200, rowResamples: 200 }, true)
    expect(classifierType.manyScopeMetrics!(ofColumns, [[null], groups], context)).toStrictEqual(classifierType.manyScopeMetrics!(part, [[null], groups], context))
    expect(classifierType.scopeMetrics(ofColumns, groups[1], context)).toStrictEqual(classifierType.scopeMetrics(part, groups[1], context))
    const noIntervals = scopeContext(null, false)
    expect(classifierType.scopeMetrics(ofColumns, null, noIntervals)).toStrictEqual(classifierType.scopeMetrics(part, null, noIntervals))
    expect(ofColumns.columns.probabilities).toStrictEqual(part.columns.probabilities)
  })
})

/** The same bins, counts and fractions exactly, the mean predicted probability to 1e-13 relative. */
function expectSameBins(got: readonly CalibrationBinCounts[], expected: readonly CalibrationBinCounts[]): void {
  expect(got.map(({ meanPredicted: _, ...rest }) => rest)).toStrictEqual(expected.map(({ meanPredicted: _, ...rest }) => rest))
  got.forEach((bin, b) => expect(Math.abs(bin.meanPredicted - expected[b].meanPredicted)).toBeLessThanOrEqual(1e-13 * expected[b].meanPredicted))
}
