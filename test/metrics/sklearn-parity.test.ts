/**
 * Every engine function against scikit-learn 1.2.1 on the committed fixtures, at 1e-9 relative:
 * overall, per class, confusion matrix, curves, and per slice (metrics sklearn raises for must
 * come out NaN here, so the evaluate helper can leave them out).
 */
import { describe, expect, test } from 'vitest'
import {
  averagePrecisionFromRanking, binaryRanking, brierScoreLoss, calibrationCurve, calibrationCurveFromRanking, classificationMetricsFromCounts,
  confusionCounts, logLoss, logLossBinary, multiclassRocAuc,
  prCurveFromRanking, regressionMetrics, regressionState, rocAucFromRanking, rocCurveFromRanking,
  METRIC_DIRECTIONS,
} from '../../src/metrics/index.js'
import { expectAllClose, expectClose } from './expect-close.js'
import { encodeClassifier, loadSklearnFixtures, sliceRows, takeRows } from './sklearn-fixtures.js'
import type { EncodedClassifier, SklearnFixture } from './sklearn-fixtures.js'

const fixtures = loadSklearnFixtures()
const classifiers = fixtures.filter((f) => f.options.modelType === 'classifier')
const regressors = fixtures.filter((f) => f.options.modelType === 'regressor')

/** All classifier metrics the engine computes for the given rows. */
function engineClassifierMetrics(fx: SklearnFixture, enc: EncodedClassifier, rows?: number[]): Record<string, number> {
  const pick = <T extends Float64Array | Int32Array | Uint8Array>(a: T, stride = 1): T => (rows === undefined ? a : takeRows(a, rows, stride))
  const yTrue = pick(enc.yTrue)
  const yPred = pick(enc.yPred)
  const average = fx.options.average ?? 'weighted'
  const counts = confusionCounts(yTrue, yPred, enc.k)
  const metrics = { ...classificationMetricsFromCounts(counts, enc.k, { average, posIndex: enc.posIndex }).metrics }
  if (enc.posIndex !== undefined && enc.score !== undefined && enc.isPositive !== undefined) {
    const score = pick(enc.score)
    const isPositive = pick(enc.isPositive)
    const ranking = binaryRanking(score, isPositive)
    metrics.roc_auc = rocAucFromRanking(ranking)
    metrics.precision_recall_auc = averagePrecisionFromRanking(ranking)
    metrics.log_loss = logLossBinary(score, isPositive)
    metrics.brier_score_loss = brierScoreLoss(score, isPositive)
  }
  if (enc.posIndex === undefined && enc.proba !== undefined) {
    const proba = pick(enc.proba, enc.k)
    metrics.log_loss = logLoss(proba, yTrue, enc.k).value
    metrics.roc_auc = multiclassRocAuc(proba, yTrue, enc.k, average)
  }
  return metrics
}

function compareMetrics(actual: Record<string, number>, expected: Record<string, number>, absent: string[], where: string): void {
  for (const [name, value] of Object.entries(expected)) {
    expect(actual, `${where}: engine lacks ${name}`).toHaveProperty(name)
    expectClose(actual[name], value, `${where} ${name}`)
  }
  for (const name of absent) {
    expect(Number.isNaN(actual[name]), `${where}: ${name} should be NaN (sklearn raises), got ${actual[name]}`).toBe(true)
  }
  for (const [name, value] of Object.entries(actual)) {
    if (!Number.isNaN(value)) expect(Object.keys(expected), `${where}: engine computed ${name} that the fixture does not expect`).toContain(name)
  }
}

test('fixtures exist and come from scikit-learn 1.2.1', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(12)
  for (const fx of fixtures) expect(fx.sklearn_version, fx.name).toBe('1.2.1')
})

describe.each(classifiers.map((fx) => [fx.name, fx] as const))('classifier fixture %s', (_name, fx) => {
  const enc = encodeClassifier(fx)

  test('overall metrics equal scikit-learn', () => {
    compareMetrics(engineClassifierMetrics(fx, enc), fx.expected.metrics, fx.expected.absent, fx.name)
  })

  test('confusion matrix and per-class table equal scikit-learn', () => {
    const counts = confusionCounts(enc.yTrue, enc.yPred, enc.k)
    const matrix = Array.from({ length: enc.k }, (_, t) => Array.from(counts.subarray(t * enc.k, (t + 1) * enc.k)))
    expect(matrix).toEqual(fx.expected.confusionMatrix)
    const { perClass } = classificationMetricsFromCounts(counts, enc.k, { average: fx.options.average ?? 'weighted', posIndex: enc.posIndex })
    expect(perClass).toHaveLength(fx.expected.perClass!.length)
    fx.expected.perClass!.forEach((row, c) => {
      expect(enc.labels[c]).toBe(row.label)
      expectClose(perClass[c].precision, row.precision, `${row.label} precision`)
      expectClose(perClass[c].recall, row.recall, `${row.label} recall`)
      expectClose(perClass[c].f1, row.f1, `${row.label} f1`)
      expect(perClass[c].support).toBe(row.support)
      expect(perClass[c].predicted).toBe(row.predicted)
    })
  })

  if (fx.sliceColumn !== null) {
    test('per-slice metrics equal scikit-learn on each subset; slice counts add up to the whole', () => {
      const slices = sliceRows(fx.sliceColumn!, enc.segment!)
      expect([...slices.keys()].sort()).toEqual(Object.keys(fx.expected.slices!).sort())
      const merged = new Float64Array(enc.k * enc.k)
      for (const [key, rows] of slices) {
        const expected = fx.expected.slices![key]
        expect(rows.length, key).toBe(expected.exampleCount)
        compareMetrics(engineClassifierMetrics(fx, enc, rows), expected.metrics, expected.absent, `${fx.name} ${key}`)
        confusionCounts(takeRows(enc.yTrue, rows), takeRows(enc.yPred, rows), enc.k).forEach((count, cell) => (merged[cell] += count))
      }
      expect(Array.from(merged)).toEqual(Array.from(confusionCounts(enc.yTrue, enc.yPred, enc.k)))
    })
  }

  const curves = fx.expected.sklearnCurves
  if (curves !== undefined) {
    test('unthinned ROC, PR and calibration curves equal scikit-learn', () => {
      const ranking = binaryRanking(enc.score!, enc.isPositive!)
      const roc = rocCurveFromRanking(ranking, Infinity)
      expectAllClose(roc.fpr, curves.roc.fpr, 'roc fpr')
      expectAllClose(roc.tpr, curves.roc.tpr, 'roc tpr')
      expectAllClose(roc.thresholds, curves.roc.thresholds, 'roc thresholds')
      const pr = prCurveFromRanking(ranking, Infinity)
      expectAllClose(pr.precision, curves.pr.precision, 'pr precision')
      expectAllClose(pr.recall, curves.pr.recall, 'pr recall')
      expectAllClose(pr.thresholds, curves.pr.thresholds, 'pr thresholds')
      // Both ways of binning: a pass over the rows, and the ranking's counts per distinct score.
      for (const bins of [calibrationCurve(enc.score!, enc.isPositive!, curves.calibration.nBins), calibrationCurveFromRanking(ranking, curves.calibration.nBins)]) {
        expectAllClose(bins.map((b) => b.lower), curves.calibration.lower, 'calibration lower')
        expectAllClose(bins.map((b) => b.upper), curves.calibration.upper, 'calibration upper')
        expectAllClose(bins.map((b) => b.meanPredicted), curves.calibration.meanPredicted, 'calibration meanPredicted')
        expectAllClose(bins.map((b) => b.fractionPositive), curves.calibration.fractionPositive, 'calibration fractionPositive')
        expect(bins.map((b) => b.count)).toEqual(curves.calibration.count)
      }
    })

    test('thinned curves keep the endpoints and at most maxPoints points', () => {
      const ranking = binaryRanking(enc.score!, enc.isPositive!)
      const full = rocCurveFromRanking(ranking, Infinity)
      const thin = rocCurveFromRanking(ranking, 20)
      expect(thin.fpr.length).toBeLessThanOrEqual(Math.min(20, full.fpr.length))
      expect([thin.fpr[0], thin.tpr[0], thin.thresholds[0]]).toEqual([full.fpr[0], full.tpr[0], full.thresholds[0]])
      expect(thin.fpr.at(-1)).toBe(1)
      expect(thin.tpr.at(-1)).toBe(1)
      const pr = prCurveFromRanking(ranking, 20)
      expect(pr.precision.length).toBeLessThanOrEqual(20)
      expect(pr.precision.length).toBe(pr.thresholds.length + 1)
      expect([pr.precision.at(-1), pr.recall.at(-1)]).toEqual([1, 0])
      expect(pr.recall[0]).toBe(1)
    })

    test('the 2-column log loss agrees with the 1-D binary path', () => {
      const n = enc.score!.length
      const proba = new Float64Array(n * 2)
      for (let i = 0; i < n; i++) {
        proba[i * 2 + enc.posIndex!] = enc.score![i]
        proba[i * 2 + 1 - enc.posIndex!] = 1 - enc.score![i]
      }
      expectClose(logLoss(proba, enc.yTrue, 2).value, fx.expected.metrics.log_loss, 'log_loss (2 columns)')
    })
  }
})

describe.each(regressors.map((fx) => [fx.name, fx] as const))('regressor fixture %s', (_name, fx) => {
  const yTrue = Float64Array.from(fx.columns.target as number[])
  const yPred = Float64Array.from(fx.columns.prediction as number[])

  test('overall metrics equal scikit-learn', () => {
    compareMetrics(regressionMetrics(regressionState(yTrue, yPred)), fx.expected.metrics, fx.expected.absent, fx.name)
  })

  if (fx.sliceColumn !== null) {
    test('per-slice metrics equal scikit-learn', () => {
      const slices = sliceRows(fx.sliceColumn!, (fx.columns[fx.sliceColumn!] as unknown[]).map(String))
      for (const [key, rows] of slices) {
        const expected = fx.expected.slices![key]
        const state = regressionState(takeRows(yTrue, rows), takeRows(yPred, rows))
        compareMetrics(regressionMetrics(state), expected.metrics, expected.absent, `${fx.name} ${key}`)
      }
    })
  }
})

test('every metric name a fixture expects has a direction', () => {
  for (const fx of fixtures) {
    for (const name of Object.keys(fx.expected.metrics)) expect(METRIC_DIRECTIONS, name).toHaveProperty(name)
  }
})
