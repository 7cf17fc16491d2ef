/**
 * `perMetric: { accuracy: { threshold: 0.86 } }` bounds the overall accuracy, as MLflow's
 * MetricThreshold does. Before, it was applied to every slice too, so an unchanged model whose
 * overall accuracy cleared the bar failed on a slice of 0.845, and the only way out
 * (`slices: false`) switched slice gating off.
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { evaluate } from '../../src/evaluate/index.js'

const rows = Array.from({ length: 400 }, (_, i) => ({
  id: i,
  g: i % 2 ? 'hard' : 'easy',
  y: i % 3 ? 'a' : 'b',
  // wrong on 1 in 10 rows of 'hard', 1 in 50 of 'easy': overall 0.94, hard 0.90
  p: (i % 2 ? i % 20 === 1 : i % 100 === 0) ? (i % 3 ? 'b' : 'a') : i % 3 ? 'a' : 'b',
}))

describe('threshold', () => {
  test('bounds the overall value, not each slice', async () => {
    const run = await evaluate({ data: rows, targets: 'y', predictions: 'p', modelType: 'classifier', slices: ['g'], intervals: false })
    expect(run.metrics.accuracy_score).toBeGreaterThan(0.92)
    expect(run.slices['g=hard'].metrics.accuracy_score).toBeLessThan(0.92)
    const verdict = compareWithBaseline(createBaselineEntry(run), run, { perMetric: { accuracy_score: { threshold: 0.92 } }, metrics: ['accuracy_score'] })
    expect(verdict.status).toBe('passed')
    const slice = verdict.rows.find((row) => row.slice === 'g=hard')!
    expect(slice.allowed).not.toContain('threshold')
    const overall = verdict.rows.find((row) => row.slice === undefined)!
    expect(overall.allowed).toContain('(threshold)')
    // and the overall bar still fails a run below it
    expect(compareWithBaseline(createBaselineEntry(run), run, { perMetric: { accuracy_score: { threshold: 0.95 } }, metrics: ['accuracy_score'] }).status).toBe('failed')
  })
})
