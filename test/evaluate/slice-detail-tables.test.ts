/**
 * A run's slices keep their per-class tables and confusion matrices while together they hold at
 * most MAX_SLICE_DETAIL_CELLS cells: 6,000 slices of a 100-class run held 60 million, a 182 MB
 * run.json per test and a 5.9 GB worker (adversarial pass 65). Above it the run's own are kept,
 * a note says so, and toHaveConfusionRate on a slice says why it cannot check it.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { evaluate } from '../../src/evaluate/evaluate.js'
import { MAX_SLICE_DETAIL_CELLS } from '../../src/evaluate/run-table-engine.js'
import { evalgateMatchers } from '../../src/vitest/matchers/index.js'
import '../../src/vitest/matcher-types.js'

const CLASSES = Array.from({ length: 100 }, (_, c) => `c${String(c).padStart(2, '0')}`)
const rows = (slices: number) => Array.from({ length: 1_000 }, (_, i) => ({ seg: `s${i % slices}`, y: CLASSES[i % 100] }))
const run = (slices: number) =>
  evaluate({ data: rows(slices), targets: 'y', modelType: 'classifier', slices: ['seg'], minSliceSize: 1, intervals: false, model: (batch) => batch.map((row) => String(row.y)) })

describe('slices of a run with many classes', () => {
  beforeAll(() => {
    expect.extend(evalgateMatchers)
  })

  test('1,000 slices of 100 classes (10.6 million cells) keep no detail tables; the run keeps its own, and a note says so', async () => {
    const many = await run(1_000)
    expect(Object.keys(many.slices)).toHaveLength(1_000)
    expect(Object.values(many.slices).every((slice) => slice.confusionMatrix === undefined && slice.perClass === undefined)).toBe(true)
    expect(many.confusionMatrix?.counts).toHaveLength(100)
    expect(many.perClass).toHaveLength(100)
    expect(many.notes).toContain(
      `the slices keep no per-class table and no confusion matrix: 1,000 slices would hold 10,600,000 cells (at most ${MAX_SLICE_DETAIL_CELLS.toLocaleString('en-US')}); the run's own are kept, and toHaveConfusionRate on a slice needs fewer slices or classes`,
    )
    expect(Object.values(many.slices)[0].metrics.accuracy_score).toBe(1)
    expect(() => expect(many).toHaveConfusionRate({ actual: 'c00', predicted: 'c01', max: 0.1, slice: 'seg=s0' })).toThrow(
      'toHaveConfusionRate: slice seg=s0 keeps no confusion matrix: slices keep none when together they would hold more than 10,000,000 cells (100 classes squared, per slice of the column)',
    )
  })

  test("a regressor's slice says the run has no confusion matrix, not that slices keep none (adversarial pass 66)", async () => {
    const regressor = await evaluate({ data: Array.from({ length: 200 }, (_, i) => ({ g: i % 2 ? 'a' : 'b', x: i, y: i })), targets: 'y', modelType: 'regressor', slices: ['g'], intervals: false, model: (batch) => batch.map((row) => Number(row.x)) })
    expect(() => expect(regressor).toHaveConfusionRate({ actual: '1', predicted: '2', max: 0.1, slice: 'g=a' })).toThrow('toHaveConfusionRate: the run has no confusion matrix (modelType regressor); it exists for classifiers')
  })

  test('900 slices (9.5 million cells) keep them', async () => {
    const fewer = await run(900)
    expect(Object.values(fewer.slices).every((slice) => slice.confusionMatrix?.counts.length === 100 && slice.perClass?.length === 100)).toBe(true)
    expect(fewer.notes.some((note) => note.startsWith('the slices keep no per-class table'))).toBe(false)
  })
})
