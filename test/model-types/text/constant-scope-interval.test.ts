/**
 * A slice where every row scores the same (a retriever whose NDCG is 0.9197207891481877 on every
 * row). Was: [..867, ..871] around ..877 (a normal interval about the plain sum's mean, of rounding
 * width), then an interval of width 0 holding the mean, which claimed the value exact (adversarial
 * pass 69): now none, with the note that the terms show no variation.
 */
import { describe, expect, test } from 'vitest'
import { meanIntervals } from '../../../src/evaluate/interval-methods.js'
import { rowScoreScope } from '../../../src/model-types/text/row-score-scope.js'

const config = { level: 0.95, seed: 0, resamples: 200, rowResamples: 200 }
const x = 0.9197207891481877

describe('a scope whose rows all score the same', () => {
  test.each([10, 30, 60, 100, 250])('%i rows: the mean is reported as it is, with no interval and a note', (n) => {
    const scores = new Float64Array(n).fill(x)
    const scope = rowScoreScope([{ name: 'ndcg_at_3', aggregates: 'mean', greaterIsBetter: true, nonNegative: true, atMostOne: true, scores }], null, config, { meanIntervals })
    const mean = scope.metrics.ndcg_at_3
    expect(Math.abs(mean - x)).toBeLessThan(1e-15)
    expect(scope.intervals.ndcg_at_3).toBeUndefined()
    expect(scope.notes).toContain(`ndcg_at_3 has no interval: all ${n} per-example terms equal ${x}, so the sample shows no variation to build one from`)
  })

  test('a scope whose rows vary keeps its interval as it was', () => {
    const scores = Float64Array.from({ length: 40 }, (_, i) => (i % 5) / 4)
    const metric = { name: 'ndcg_at_3', aggregates: 'mean' as const, greaterIsBetter: true, nonNegative: true, atMostOne: true, scores }
    const scope = rowScoreScope([metric], null, config, { meanIntervals })
    expect(scope.intervals.ndcg_at_3).toEqual(meanIntervals([{ name: 'ndcg_at_3', values: scores, nonNegative: true, atMostOne: true }], config)['ndcg_at_3'])
  })
})
