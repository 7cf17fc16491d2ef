/** Hand-checked classification cases (values from scikit-learn 1.2.1, noted per case). */
import { describe, expect, test } from 'vitest'
import {
  classificationMetricsFromCounts, confusionCounts, confusionCountsWeighted, matthewsCorrcoefFromCounts,
} from '../../src/metrics/index.js'
import { expectClose } from './expect-close.js'

const i32 = (...v: number[]): Int32Array => Int32Array.from(v)

describe('confusionCounts', () => {
  test('counts land at t*k + p', () => {
    expect(Array.from(confusionCounts(i32(0, 1, 1, 2), i32(0, 0, 1, 1), 3))).toEqual([1, 0, 0, 1, 1, 0, 0, 1, 0])
  })
  test('rejects indices outside 0..k-1 and length mismatches, naming the row', () => {
    expect(() => confusionCounts(i32(0, 3), i32(0, 0), 3)).toThrow(/row 1 .*actual=3/)
    expect(() => confusionCounts(i32(0), i32(0, 1), 2)).toThrow(/1 targets but 2 predictions/)
  })
  test('with rows: the counts of those rows, read in place (as of the gathered rows); an error names the run row', () => {
    const yTrue = i32(0, 1, 2, 2, 1, 0)
    const yPred = i32(0, 2, 2, 1, 1, 1)
    const rows = i32(5, 1, 3, 3)
    const gathered = confusionCounts(i32(0, 1, 2, 2), i32(1, 2, 1, 1), 3)
    expect(Array.from(confusionCounts(yTrue, yPred, 3, rows))).toEqual(Array.from(gathered))
    expect(() => confusionCounts(i32(0, 0, 3), i32(0, 0, 0), 3, i32(0, 2))).toThrow(/row 2 .*actual=3/)
  })
  test('weighted counts equal counts of rows repeated by their weight', () => {
    const w = Float64Array.of(2, 0, 1, 3)
    const weighted = confusionCountsWeighted(i32(0, 1, 1, 0), i32(1, 1, 0, 0), 2, w)
    const repeated = confusionCounts(i32(0, 0, 1, 0, 0, 0), i32(1, 1, 0, 0, 0, 0), 2)
    expect(Array.from(weighted)).toEqual(Array.from(repeated))
  })
})

describe('classificationMetricsFromCounts', () => {
  // yt=[0,1,2,2,1,0,0], yp=[0,2,2,2,0,0,1], labels=[0,1,2,3] (3 absent everywhere).
  const counts = confusionCounts(i32(0, 1, 2, 2, 1, 0, 0), i32(0, 2, 2, 2, 0, 0, 1), 4)
  test.each([
    ['macro', 0.3333333333333333, 0.41666666666666663, 0.3666666666666667],
    ['weighted', 0.47619047619047616, 0.5714285714285714, 0.5142857142857143],
    ['micro', 0.5714285714285714, 0.5714285714285714, 0.5714285714285714],
  ] as const)('average=%s matches sklearn with labels=[0,1,2,3]', (average, p, r, f) => {
    const { metrics } = classificationMetricsFromCounts(counts, 4, { average })
    expectClose(metrics.precision_score, p, 'precision')
    expectClose(metrics.recall_score, r, 'recall')
    expectClose(metrics.f1_score, f, 'f1')
    expectClose(metrics.accuracy_score, 4 / 7, 'accuracy')
    expect(metrics.example_count).toBe(7)
    expect(metrics).not.toHaveProperty('true_positives')
  })

  test('zero division: 0 per sklearn, with a note naming the metric and the class', () => {
    const r = classificationMetricsFromCounts(counts, 4, { average: 'macro', labelNames: ['a', 'b', 'c', 'd'] })
    expect(r.perClass[1]).toEqual({ precision: 0, recall: 0, f1: 0, support: 2, predicted: 1 })
    expect(r.perClass[3]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 0 })
    expect(r.notes.some((n) => n.includes('class "d"') && n.includes('never predicted') && n.includes('precision'))).toBe(true)
    expect(r.notes.some((n) => n.includes('class "d"') && n.includes('no examples in the targets') && n.includes('recall'))).toBe(true)
    expect(r.notes.some((n) => n.includes('class "a"'))).toBe(false)
  })

  test('details: false skips the per-class table and notes but not the metrics', () => {
    const full = classificationMetricsFromCounts(counts, 4, { average: 'weighted' })
    const lean = classificationMetricsFromCounts(counts, 4, { average: 'weighted', details: false })
    expect(lean.perClass).toEqual([])
    expect(lean.notes).toEqual([])
    expect(lean.metrics).toEqual(full.metrics)
  })

  test('binary with posIndex: counts and precision/recall/F1 relative to the positive class', () => {
    // y = [1,1,1,0], p = [1,0,1,1] with posIndex 1: tp 2, fp 1, fn 1, tn 0; mcc -1/3 (sklearn).
    const c = confusionCounts(i32(1, 1, 1, 0), i32(1, 0, 1, 1), 2)
    const m1 = classificationMetricsFromCounts(c, 2, { average: 'weighted', posIndex: 1 }).metrics
    expect([m1.true_negatives, m1.false_positives, m1.false_negatives, m1.true_positives]).toEqual([0, 1, 1, 2])
    expectClose(m1.precision_score, 2 / 3, 'precision')
    expectClose(m1.matthews_corrcoef, -0.3333333333333333, 'mcc')
    const m0 = classificationMetricsFromCounts(c, 2, { average: 'weighted', posIndex: 0 }).metrics
    expect([m0.true_negatives, m0.false_positives, m0.false_negatives, m0.true_positives]).toEqual([2, 1, 1, 0])
    expect(m0.precision_score).toBe(0)
    expect(m0.f1_score).toBe(0)
  })

  test('posIndex on multiclass counts is refused', () => {
    expect(() => classificationMetricsFromCounts(counts, 4, { average: 'macro', posIndex: 1 })).toThrow(/binary/)
  })

  test('single class everywhere: accuracy 1, MCC 0 (sklearn), balanced accuracy over present classes only', () => {
    const c = confusionCounts(i32(1, 1, 1), i32(1, 1, 1), 2)
    const m = classificationMetricsFromCounts(c, 2, { average: 'weighted', posIndex: 1 }).metrics
    expect(m.accuracy_score).toBe(1)
    expect(m.matthews_corrcoef).toBe(0)
    expect(m.balanced_accuracy_score).toBe(1)
    expect(m.recall_score).toBe(1)
  })

  test('balanced accuracy drops classes that only appear in predictions (sklearn: 0.5)', () => {
    const c = confusionCounts(i32(0, 0, 1, 1), i32(0, 2, 1, 2), 3)
    expect(classificationMetricsFromCounts(c, 3, { average: 'macro' }).metrics.balanced_accuracy_score).toBe(0.5)
  })

  test('multiclass MCC equals sklearn (0.34375)', () => {
    const c = confusionCounts(i32(0, 0, 1, 1, 2, 2, 2), i32(0, 1, 1, 2, 2, 2, 0), 3)
    expectClose(matthewsCorrcoefFromCounts(c, 3), 0.34375, 'mcc')
    expectClose(classificationMetricsFromCounts(c, 3, { average: 'macro' }).metrics.matthews_corrcoef, 0.34375, 'mcc')
  })

  test('no examples: count 0 and NaN ratios', () => {
    const m = classificationMetricsFromCounts(new Float64Array(4), 2, { average: 'macro' }).metrics
    expect(m.example_count).toBe(0)
    expect(m.accuracy_score).toBeNaN()
    expect(m.f1_score).toBeNaN()
  })
})

// Adversarial pass 35: the exported function gave macro averages for {}, a misspelt average or
// 'binary', and ignored posLabel, where evaluate() refuses each.
describe('classificationMetricsFromCounts: options it would misread are refused', () => {
  const counts = Float64Array.of(5, 1, 0, 2, 6, 1, 0, 2, 4)
  test.each([
    [{}, 'average undefined is not one of weighted, macro, micro'],
    [{ average: 'wieghted' }, 'average "wieghted" is not one of weighted, macro, micro'],
    [{ average: 'binary' }, "average \"binary\" is not one of weighted, macro, micro: for the binary average give posIndex, the positive class's index"],
    [{ average: 'macro', posLabel: 2 }, 'unknown option "posLabel": the positive class is given by its index, posIndex (0 or 1)'],
  ])('%j', (options, message) => {
    expect(() => classificationMetricsFromCounts(counts, 3, options as never)).toThrow(`classificationMetricsFromCounts: ${message}`)
  })

  test('the documented options still work', () => {
    expect(classificationMetricsFromCounts(counts, 3, { average: 'weighted' }).metrics.recall_score).toBeCloseTo(15 / 21, 12) // weighted recall is accuracy
    expect(classificationMetricsFromCounts(Float64Array.of(3, 1, 0, 2), 2, { average: 'macro', posIndex: 1 }).metrics.precision_score).toBeCloseTo(2 / 3, 12)
  })
})

describe('zero_division notes', () => {
  test('F1 is named ill-defined only where the class has no rows and none predicted (adversarial pass 59: rows all missed is a measured F1 of 0)', () => {
    // binary, positive class 1: rows all missed (precision ill-defined, recall and F1 measured)
    const missed = classificationMetricsFromCounts(Float64Array.of(80, 0, 20, 0), 2, { posIndex: 1, average: 'weighted', labelNames: ['legit', 'fraud'] })
    expect(missed.notes).toEqual(['precision_score: class "fraud" is never predicted, so its precision is ill-defined and set to 0 (scikit-learn zero_division=0)'])
    // no positive rows, but false alarms: recall ill-defined, precision and F1 measured
    const alarms = classificationMetricsFromCounts(Float64Array.of(60, 40, 0, 0), 2, { posIndex: 1, average: 'weighted', labelNames: ['legit', 'fraud'] })
    expect(alarms.notes).toEqual(['recall_score: class "fraud" has no examples in the targets, so its recall is ill-defined and set to 0 (scikit-learn zero_division=0)'])
    // neither: all three ill-defined
    const none = classificationMetricsFromCounts(Float64Array.of(100, 0, 0, 0), 2, { posIndex: 1, average: 'weighted', labelNames: ['legit', 'fraud'] })
    expect(none.notes).toEqual(['precision_score, recall_score and f1_score: class "fraud" has no examples in the targets and is never predicted, so its precision, recall and F1 are ill-defined and set to 0 (scikit-learn zero_division=0)'])
  })

  test('several classes of one kind share one note, naming five and counting the rest (adversarial pass 65: 98 sentences on each slice of a 100-class run)', () => {
    const k = 100
    const counts = new Float64Array(k * k)
    counts[0] = 2 // class 0 right twice
    counts[0 * k + 1] = 1 // a class-0 row predicted as 1: class 1 predicted, never in the targets
    const labelNames = Array.from({ length: k }, (_, c) => `c${c}`)
    const { notes } = classificationMetricsFromCounts(counts, k, { average: 'weighted', labelNames })
    expect(notes).toEqual([
      'recall_score: class "c1" has no examples in the targets, so its recall is ill-defined and set to 0 (scikit-learn zero_division=0)',
      'precision_score, recall_score and f1_score: 98 classes ("c2", "c3", "c4", "c5", "c6" and 93 more) have no examples in the targets and are never predicted, so their precision, recall and F1 are ill-defined and set to 0 (scikit-learn zero_division=0)',
    ])
    const three = classificationMetricsFromCounts(Float64Array.of(5, 0, 0, 0, 0, 0, 0, 0, 0), 3, { average: 'macro' })
    expect(three.notes).toEqual(['precision_score, recall_score and f1_score: classes 1 and 2 have no examples in the targets and are never predicted, so their precision, recall and F1 are ill-defined and set to 0 (scikit-learn zero_division=0)'])
  })
})
