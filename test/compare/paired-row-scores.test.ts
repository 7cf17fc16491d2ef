// The paired comparison of a mean of per-row scores (issue 10's types): which metrics get it, and
// its p-value, checked against scipy's one-sided t (stats.t.sf) on the same differences.
import { describe, expect, test } from 'vitest'
import { PairedComparison } from '../../src/compare/paired-metric-test.js'
import type { PairedData } from '../../src/compare/paired-data.js'
import { rowScoresTest } from '../../src/compare/paired-row-scores.js'
import { pairedMeanDifferenceTest, pairedSignFlipTest } from '../../src/compare/kernels.js'
import { isBuiltinMetric, metricComparison } from '../../src/metrics/index.js'

describe('mean-of-scores comparisons', () => {
  test('means of per-row scores name their score column; the other aggregates recompute', () => {
    expect(metricComparison('rouge1/v1/mean')).toEqual({ kind: 'mean-of-scores', scoreColumn: 'rouge1/v1/score' })
    expect(metricComparison('exact_match/v1')).toEqual({ kind: 'mean-of-scores', scoreColumn: 'exact_match/v1/score' })
    expect(metricComparison('ndcg_at_5/mean')).toEqual({ kind: 'mean-of-scores', scoreColumn: 'ndcg_at_5/score' })
    expect(metricComparison('toxicity/v1/mean')).toEqual({ kind: 'mean-of-scores', scoreColumn: 'toxicity/v1/score' })
    expect(metricComparison('rouge1/v1/p90')).toEqual({ kind: 'recompute' })
    expect(isBuiltinMetric('rouge1/v1/variance')).toBe(true)
    expect(isBuiltinMetric('my_metric/mean')).toBe(false)
    expect(metricComparison('my_metric/mean')).toEqual({ kind: 'recompute' })
  })

  test('p is the given test of the per-row differences: the one-sided paired t here (scipy: t.sf)', () => {
    // differences 1, 0, 1, 0: mean 0.5, s = 0.57735, t = 1.7321 on 3 df; scipy 0.09084505690810461
    const result = rowScoresTest({ scoresA: Float64Array.of(1, 1, 1, 0), scoresB: Float64Array.of(0, 1, 0, 0), rows: null, valueA: 0.75, valueB: 0.25, sign: 1, meanTest: (differences) => pairedMeanDifferenceTest({ differences, margin: 0 }).p })
    expect(result).toEqual({ p: expect.closeTo(0.09084505690810461, 12), test: 'paired-mean' })
  })

  test('rows scored by one model only: the means are of different rows, and the reason says so', () => {
    // a text without a grade has a NaN score and is left out of its model's mean: B's 0.5 counts
    // row 3, which A did not score, so no row-by-row difference gives both means
    const result = rowScoresTest({ scoresA: Float64Array.of(1, 0, Number.NaN, 1), scoresB: Float64Array.of(1, 0, 0, 1), rows: null, valueA: 2 / 3, valueB: 0.5, sign: 1, meanTest: () => 0.5 })
    expect(result).toEqual({ unavailable: '1 of 4 rows have a score from one model only, so the two means are of different rows and no row-by-row test compares them' })
  })

  test('through PairedComparison: rows of a scope, a margin, NaN rows left out', () => {
    const a = Float64Array.of(1, 0, 1, 0, 1, 0, 0, 0, 1, 1, Number.NaN)
    const b = Float64Array.of(0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0.5)
    const data: PairedData = { modelType: 'classifier', n: 11, k: 0, average: undefined, posIndex: undefined, a: { rowScores: { 'exact_match/v1/score': a } }, b: { rowScores: { 'exact_match/v1/score': b } } }
    const comparison = new PairedComparison(data)
    // differences 1,0,0,0,1,0,0,0,1,0 (row 11 unscored by A): mean 0.3; the plain t would give
    // scipy's t.sf((0.3 - 0.1) / se, 9) = 0.11143417506676001. The gate's paired-mean rule (as for
    // log_loss) takes the larger of Hall's skewness-corrected t and the studentized sign flip.
    const differences = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1, 0)
    expect(pairedMeanDifferenceTest({ differences, margin: 0.1 }).p).toBeCloseTo(0.11143417506676001, 12)
    const hall = pairedMeanDifferenceTest({ differences, margin: 0.1, skewnessCorrection: true }).p
    const signFlip = pairedSignFlipTest({ differences, margin: 0.1, seed: 0, alpha: 0.05 }).p
    const result = comparison.test({ metric: 'exact_match/v1', rows: null, scopeKey: '', valueA: 0.5, valueB: 0.2, greaterIsBetter: true, margin: 0.1, alpha: 0.05, seed: 0 })
    // Three rows carry the change alike (the unscored row 11 is left out): an exact test's p is at least 2^-3.
    expect(result).toEqual({ p: Math.max(hall, signFlip), test: 'paired-mean', effectiveRows: 3, smallestP: 0.125 })
    expect(Math.max(hall, signFlip)).toBeGreaterThan(0.05)
    expect(PairedComparison.testName('rouge1/v1/mean', { average: undefined, binary: false })).toBe('paired-mean')
    const missing = comparison.test({ metric: 'rouge1/v1/mean', rows: null, scopeKey: '', valueA: 0.5, valueB: 0.2, greaterIsBetter: true, margin: 0, alpha: 0.05, seed: 0 })
    expect(missing).toEqual({ unavailable: 'no per-row scores for one of the models (the baseline stores none for this metric?)' })
    // a relative allowance (minRelativeChange -0.4 of A's 0.5): each row's difference less 0.4
    // times A's score of that row, at a margin of 0, the unscored row left out of both
    const scoresA = Float64Array.of(1, 0, 1, 0, 1, 0, 0, 0, 1, 1)
    const relative = Float64Array.from(differences, (d, i) => d - 0.4 * scoresA[i]!)
    const relativeP = Math.max(pairedMeanDifferenceTest({ differences: relative, skewnessCorrection: true }).p, pairedSignFlipTest({ differences: relative, seed: 0, alpha: 0.05 }).p)
    expect(comparison.test({ metric: 'exact_match/v1', rows: null, scopeKey: '', valueA: 0.5, valueB: 0.2, greaterIsBetter: true, margin: 0.2, relativeMargin: 0.4, alpha: 0.05, seed: 0 })).toMatchObject({ p: relativeP, test: 'paired-mean' })
    // (the same allowance as a constant margin reads another p)
    const constant = comparison.test({ metric: 'exact_match/v1', rows: null, scopeKey: '', valueA: 0.5, valueB: 0.2, greaterIsBetter: true, margin: 0.2, alpha: 0.05, seed: 0 }) as { p: number }
    expect(relativeP).not.toBe(constant.p)
  })
})
