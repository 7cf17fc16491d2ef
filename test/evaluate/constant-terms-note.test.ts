/**
 * A slice where every prediction is exact has squared errors all 0: its MSE (and RMSE, r2) has no
 * interval, and the note says why. Before, the tail bound read NaN as Hill's index and the note
 * spoke of "a tail whose mean looks infinite".
 */
import { describe, expect, test } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'

describe('a mean whose per-example terms are all equal', () => {
  test('gets no interval and a note that says so, not one about an infinite tail', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ id: i, g: i % 2 ? 'G1' : 'G3', y: i % 2 ? i / 10 : 5, p: i % 2 ? i / 10 + ((i * 7) % 5) / 10 : 5 }))
    const run = await evaluate({ data: rows, targets: 'y', predictions: 'p', modelType: 'regressor', slices: ['g'] })
    const exact = run.slices['g=G3']
    expect(exact.metrics.r2_score).toBe(1)
    expect(exact.intervals.mean_squared_error).toBeUndefined()
    expect(exact.notes).toContain('mean_squared_error has no interval (nor root_mean_squared_error or r2_score, which follow from it): all 100 per-example terms equal 0, so the sample shows no variation to build one from')
    expect(exact.notes.join('\n')).not.toContain('Hill')
  })
})

// Adversarial pass 69, F8: MAE with every error 0.5 got [0.5, 0.5], while MSE got none with a note;
// a retriever's mean of equal scores [v, v]. A share of rows all 1 keeps Wilson's interval.
describe('any mean of equal terms', () => {
  test('MAE with every error 0.5 has no interval, with the note; a retriever mean of equal scores too; a perfect share keeps Wilson', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ y: i / 10, p: i / 10 + 0.5 }))
    const run = await evaluate({ data: rows, targets: 'y', predictions: 'p', modelType: 'regressor' })
    expect(run.intervals.mean_absolute_error).toBeUndefined()
    expect(run.notes).toContain('mean_absolute_error has no interval: all 120 per-example terms equal 0.5, so the sample shows no variation to build one from')
    const data = Array.from({ length: 40 }, (_, i) => ({ q: `q${i}`, relevant: [`d${i}`], retrieved: ['x', `d${i}`, 'y'] }))
    const retriever = await evaluate({ data, targets: 'relevant', predictions: 'retrieved', modelType: 'retriever', k: 3 })
    expect(retriever.metrics['precision_at_3/mean']).toBeCloseTo(1 / 3, 12)
    expect(retriever.intervals['precision_at_3/mean']).toBeUndefined()
    expect(retriever.notes.join('\n')).toContain('precision_at_3/mean has no interval')
    expect(retriever.intervals['recall_at_3/mean']?.method).toBe('wilson')
  })
})
