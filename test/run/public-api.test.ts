// The public entry as a user imports it (`evalgate` resolves to the built `dist/`; run
// `npm run build` first, `npm test` does it): the metric functions are there and give
// scikit-learn's values for the examples of scikit-learn's own documentation, and the internals
// are not.
import * as evalgate from 'evalgate'
import {
  averagePrecisionFromRanking,
  binaryRanking,
  brierScoreLoss,
  classificationMetricsFromCounts,
  confusionCounts,
  confusionCountsWeighted,
  logLoss,
  matthewsCorrcoefFromCounts,
  regressionMetrics,
  regressionState,
  rocAucFromRanking,
  rocAucFromSplitScores,
} from 'evalgate'
import { describe, expect, test } from 'vitest'

const i32 = (...v: number[]) => Int32Array.from(v)
const f64 = (...v: number[]) => Float64Array.from(v)

describe('metric functions from the built package', () => {
  test('accuracy, precision, recall and F1 from confusion counts (sklearn f1_score docs: 0.2667 macro)', () => {
    // y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1]
    const counts = confusionCounts(i32(0, 1, 2, 0, 1, 2), i32(0, 2, 1, 0, 0, 1), 3)
    expect(Array.from(counts)).toEqual([2, 0, 0, 1, 0, 1, 0, 2, 0])
    const macro = classificationMetricsFromCounts(counts, 3, { average: 'macro' }).metrics
    expect(macro.f1_score).toBeCloseTo(0.26666666666666666, 12)
    expect(macro.precision_score).toBeCloseTo(0.2222222222222222, 12)
    expect(macro.recall_score).toBeCloseTo(1 / 3, 12)
    expect(macro.accuracy_score).toBeCloseTo(1 / 3, 12)
    expect(classificationMetricsFromCounts(counts, 3, { average: 'micro' }).metrics.f1_score).toBeCloseTo(1 / 3, 12)
    const weighted = confusionCountsWeighted(i32(0, 1), i32(0, 0), 2, f64(2, 3))
    expect(Array.from(weighted)).toEqual([2, 0, 3, 0])
  })

  test('matthews_corrcoef (sklearn docs: -0.3333)', () => {
    // y_true = [+1, +1, +1, -1], y_pred = [+1, -1, +1, +1]; -1 -> 0, +1 -> 1
    expect(matthewsCorrcoefFromCounts(confusionCounts(i32(1, 1, 1, 0), i32(1, 0, 1, 1), 2), 2)).toBeCloseTo(-1 / 3, 12)
  })

  test('roc_auc 0.75 and average precision 0.8333 (sklearn docs: y = [0, 0, 1, 1], scores = [0.1, 0.4, 0.35, 0.8])', () => {
    const ranking = binaryRanking(f64(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1))
    expect(rocAucFromRanking(ranking)).toBe(0.75)
    expect(averagePrecisionFromRanking(ranking)).toBeCloseTo(0.8333333333333333, 12)
    expect(rocAucFromSplitScores(f64(0.35, 0.8), f64(0.1, 0.4))).toBe(0.75)
  })

  test('log_loss 0.21616 (sklearn docs) and brier_score_loss 0.0375', () => {
    // ['spam', 'ham', 'ham', 'spam'] with labels ham = 0, spam = 1
    const proba = f64(0.1, 0.9, 0.9, 0.1, 0.8, 0.2, 0.35, 0.65)
    expect(logLoss(proba, i32(1, 0, 0, 1), 2).value).toBeCloseTo(0.21616187468057912, 12)
    expect(brierScoreLoss(f64(0.1, 0.9, 0.8, 0.3), Uint8Array.of(0, 1, 1, 0))).toBeCloseTo(0.0375, 12)
  })

  test('regression metrics (sklearn docs: MSE 0.375, r2 0.9486)', () => {
    const metrics = regressionMetrics(regressionState(f64(3, -0.5, 2, 7), f64(2.5, 0, 2, 8)))
    expect(metrics.mean_absolute_error).toBe(0.5)
    expect(metrics.mean_squared_error).toBe(0.375)
    expect(metrics.r2_score).toBeCloseTo(0.9486081370449679, 12)
  })
})

test('internals are not part of the public entry', () => {
  const names = Object.keys(evalgate)
  for (const internal of ['getRunInternals', 'attachRunInternals', 'createProgress', 'redactSecrets', 'isDataset', 'classifierType', 'modelTypeOf', 'scopesOf', 'buildRunTable', 'linkCustomMetrics']) {
    expect(names).not.toContain(internal)
  }
  expect(names).toEqual(
    expect.arrayContaining([
      'evaluate', 'loadDataset', 'observeRuns', 'confusionCounts', 'regressionMetrics', 'multiclassRocAuc', 'logLossBinary',
      'rocCurveFromRanking', 'prCurveFromRanking', 'calibrationCurve', 'logLossPerExample',
      'serializeRunTable', 'deserializeRunTable', 'linkRunTable', 'runTableOf', 'slicesOf', 'scopeMetricsOf',
    ]),
  )
})

test('the curve functions give the points of scikit-learn (roc_curve / precision_recall_curve docs example)', () => {
  const ranking = evalgate.binaryRanking(f64(0.1, 0.4, 0.35, 0.8), Uint8Array.of(0, 0, 1, 1))
  const roc = evalgate.rocCurveFromRanking(ranking)
  expect(Array.from(roc.fpr)).toEqual([0, 0, 0.5, 0.5, 1])
  expect(Array.from(roc.tpr)).toEqual([0, 0.5, 0.5, 1, 1])
  const pr = evalgate.prCurveFromRanking(ranking)
  expect(Array.from(pr.precision)).toEqual([0.5, 2 / 3, 0.5, 1, 1])
  expect(Array.from(pr.recall)).toEqual([1, 1, 0.5, 0.5, 0])
})

test('a run written with its table and read back computes slices it did not declare', async () => {
  const data = Array.from({ length: 40 }, (_, i) => ({ y: i % 2 ? 'a' : 'b', p: i % 3 ? 'a' : 'b', region: i < 20 ? 'eu' : 'us' }))
  const run = await evalgate.evaluate({ data, targets: 'y', predictions: 'p', modelType: 'classifier', intervals: false, minSliceSize: 1 })
  const text = JSON.stringify({ run, table: evalgate.serializeRunTable(evalgate.runTableOf(run)!) })
  const back = JSON.parse(text) as { run: typeof run; table: unknown }
  const table = evalgate.deserializeRunTable(back.table)
  evalgate.linkRunTable(back.run, table)
  const eu = evalgate.slicesOf(back.run, table, 'region')['region=eu']
  expect(eu.exampleCount).toBe(20)
  expect(eu.metrics.accuracy_score).toBe(data.filter((r, i) => i < 20 && r.y === r.p).length / 20)
})
