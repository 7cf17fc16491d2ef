import { describe, expect, test } from 'vitest'
import { createRandom } from '../../src/stats/index.js'
import { floorReachingDraws, holmRejections, hypothesisKey, monteCarloDraws, rowsSignature } from '../../src/compare/index.js'
import { METRIC_COMPARISONS, METRIC_DIRECTIONS, metricComparison, perExampleTerms, sameHypothesisAs } from '../../src/metrics/index.js'

describe('the family of distinct hypotheses', () => {
  test('a slice holding every row has the signature of the whole run; other row sets differ', () => {
    expect(rowsSignature(Int32Array.of(0, 1, 2, 3), 4)).toBe(rowsSignature(null, 4))
    expect(rowsSignature(Int32Array.of(0, 1, 3), 4)).not.toBe(rowsSignature(Int32Array.of(0, 1, 2), 4))
    expect(rowsSignature(Int32Array.of(70000, 1), 2)).not.toBe(rowsSignature(Int32Array.of(1, 70000), 2))
  })

  test('values equal to 12 digits are one hypothesis; a different current value is another', () => {
    const rows = rowsSignature(null, 600)
    expect(hypothesisKey(rows, 0.9, 0.88)).toBe(hypothesisKey(rows, 0.9000000000000001, 0.88))
    expect(hypothesisKey(rows, 0.9, 0.88)).not.toBe(hypothesisKey(rows, 0.9, 0.8801))
  })

  test("Holm's step-down: alpha / m, then alpha / (m - 1), stopping at the first non-rejection; untested members count in m", () => {
    expect(holmRejections([0.001, 0.03, 0.3], 0.05, 3)).toEqual({ rejected: [true, false, false], levels: [0.05 / 3, 0.05 / 2, 0.05] })
    expect(holmRejections([0.001, 0.02, 0.3], 0.05, 3).rejected).toEqual([true, true, false])
    expect(holmRejections([0.02, 0.001], 0.05, 2).rejected).toEqual([true, true])
    // the same p-values in a family of 10 (8 untested): 0.02 > 0.05 / 9
    expect(holmRejections([0.02, 0.001], 0.05, 10).rejected).toEqual([false, true])
    // per-hypothesis levels
    expect(holmRejections([0.004, 0.03], [0.01, 0.1], 2).rejected).toEqual([true, true])
    // taken in the order of p / alpha: a far stricter level does not stop the others (adversarial pass 28)
    expect(holmRejections([0.00024, 0.00024], [1e-12, 0.05], 20)).toEqual({ rejected: [false, true], levels: [1e-12 / 19, 0.05 / 20] })
  })

  test('with levels of their own, the family-wise error of true nulls stays at most the largest level (20,000 seeded families)', () => {
    const random = createRandom(28)
    const alphas = [1e-6, 0.001, 0.01, 0.05, 0.05, 0.05, 0.05, 0.05]
    let errors = 0
    const trials = 20_000
    for (let t = 0; t < trials; t++) {
      // two false nulls (tiny p) and eight true nulls (uniform p)
      const pValues = [1e-9, 1e-9, ...alphas.map(() => random.uniform())]
      const { rejected } = holmRejections(pValues, [0.05, 0.05, ...alphas], 10)
      if (rejected.slice(2).some(Boolean)) errors++
    }
    const rate = errors / trials
    const se = Math.sqrt((rate * (1 - rate)) / trials)
    // the bound: sum of the true nulls' alphas / m0 = 0.261 / 8, about 0.033
    expect(rate).toBeLessThan(0.05)
    expect(rate).toBeLessThan(alphas.reduce((a, b) => a + b, 0) / alphas.length + 3 * se)
  })

  test('Monte Carlo draws keep the resolution below half the strictest Holm level', () => {
    expect(monteCarloDraws(0.05, 30, 2000, 10_000)).toBe(2000)
    expect(monteCarloDraws(0.05, 100, 2000, 10_000)).toBe(4000)
    expect(1 / (monteCarloDraws(0.05, 100, 2000, 10_000) + 1)).toBeLessThan(0.05 / 100 / 2)
    expect(monteCarloDraws(1e-6, 100, 2000, 10_000)).toBe(10_000)
  })
})

describe("the metric engine's comparison description", () => {
  test('every built-in metric with a direction has a comparison kind; means of terms name their term', () => {
    for (const name of Object.keys(METRIC_DIRECTIONS)) expect(METRIC_COMPARISONS[name], name).toBeDefined()
    expect(metricComparison('accuracy_score').kind).toBe('correctness')
    expect(metricComparison('f1_score').kind).toBe('label-counts')
    expect(metricComparison('log_loss')).toEqual({ kind: 'mean-of-terms', term: 'log-loss' })
    expect(metricComparison('brier_score_loss')).toEqual({ kind: 'mean-of-terms', term: 'brier' })
    expect(metricComparison('mean_absolute_error')).toEqual({ kind: 'mean-of-terms', term: 'absolute-error' })
    expect(metricComparison('roc_auc').kind).toBe('ranking-auc')
    expect(metricComparison('precision_recall_auc').kind).toBe('recompute')
    expect(metricComparison('r2_score').kind).toBe('recompute')
    expect(metricComparison('root_mean_squared_error').kind).toBe('recompute')
    expect(metricComparison('f1_tech_support').kind).toBe('recompute')
    // a served model's failed rows: tested on the two runs' counts, never paired
    expect(metricComparison('error_rate').kind).toBe('failed-rows')
  })

  test('micro P/R/F1 and weighted recall are accuracy with more than two labels; binary metrics are their own', () => {
    const multiclass = (average: 'weighted' | 'macro' | 'micro') => ({ average, binary: false })
    expect(sameHypothesisAs('recall_score', multiclass('weighted'))).toBe('accuracy_score')
    expect(sameHypothesisAs('precision_score', multiclass('weighted'))).toBeUndefined()
    for (const metric of ['precision_score', 'recall_score', 'f1_score']) expect(sameHypothesisAs(metric, multiclass('micro'))).toBe('accuracy_score')
    expect(sameHypothesisAs('recall_score', multiclass('macro'))).toBeUndefined()
    expect(sameHypothesisAs('recall_score', { average: undefined, binary: true })).toBeUndefined()
  })

  test("per-example terms average to the engine's metrics", () => {
    const targetValues = Float64Array.of(1, -2, 0, 4)
    const predictedValues = Float64Array.of(1.5, -2, 1, 2)
    expect(Array.from(perExampleTerms('absolute-error', { targetValues, predictedValues })!)).toEqual([0.5, 0, 1, 2])
    expect(Array.from(perExampleTerms('squared-error', { targetValues, predictedValues })!)).toEqual([0.25, 0, 1, 4])
    expect(perExampleTerms('absolute-percentage-error', { targetValues, predictedValues })![0]).toBe(0.5)
    expect(perExampleTerms('absolute-percentage-error', { targetValues, predictedValues })![2]).toBe(1 / 2 ** -52)
    const probabilities = Float64Array.of(0.9, 0.1, 0.2, 0.8)
    const targetIndex = Int32Array.of(0, 1)
    expect(Array.from(perExampleTerms('log-loss', { targetIndex, probabilities, k: 2 })!)).toEqual([-Math.log(0.9), -Math.log(0.8)])
    expect(Array.from(perExampleTerms('brier', { targetIndex, probabilities, k: 2, posIndex: 1 })!).map((x) => Number(x.toFixed(12)))).toEqual([0.01, 0.04])
    expect(perExampleTerms('brier', { targetIndex, probabilities, k: 2 })).toBeUndefined()
  })
})

describe('floorReachingDraws: the draws a resampling test goes on to for a drop beyond every draw', () => {
  test("its floor 1 / (draws + 1) lies below Holm's strictest level, one-sided (the gate) and two-sided (compare: alpha / 2)", () => {
    for (const m of [1, 30, 290, 839, 5000]) {
      for (const alpha of [0.05, 0.025]) {
        const draws = floorReachingDraws(alpha, m, 200_000)
        expect(1 / (draws + 1)).toBeLessThan(alpha / m)
      }
    }
    // compare's 290 hypotheses: 10,000 draws (floor 1e-4, two-sided 2e-4) could not reach 0.05 / 290
    expect(floorReachingDraws(0.025, 290, 200_000)).toBe(12_180)
    expect(floorReachingDraws(0.05, 839, 200_000)).toBe(17_619)
    expect(floorReachingDraws(0.05, 1e6, 200_000)).toBe(200_000)
  })
})
