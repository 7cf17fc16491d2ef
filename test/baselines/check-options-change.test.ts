import { describe, expect, test } from 'vitest'
import { differingCheckOptions } from '../../src/baselines/check-options-change.js'
import { evaluate } from '../../src/evaluate/index.js'

const rows = Array.from({ length: 40 }, (_, id) => ({ id, region: id % 2 === 0 ? 'north' : 'south', y: id % 3 === 0 ? 1 : 0, p: ((id * 7) % 10) / 10 }))
const run = await evaluate({ data: rows, targets: 'y', scores: 'p', modelType: 'classifier', inputColumns: ['id', 'region'], slices: ['region'], intervals: false })
const defaults = ['accuracy_score', 'f1_score', 'log_loss', 'precision_recall_auc', 'precision_score', 'recall_score', 'roc_auc']

describe('differingCheckOptions: what two checks of one entry would store differently', () => {
  test('the metrics tracked, the slices, the row keys and a direction count, each named with both values', () => {
    expect(differingCheckOptions(run, {}, { metrics: ['accuracy_score'] })).toEqual([`metrics: ${JSON.stringify(defaults)}, then ["accuracy_score"]`])
    expect(differingCheckOptions(run, {}, { slices: false })).toEqual(['slices: true, then false'])
    expect(differingCheckOptions(run, { rowKeyColumns: ['id'] }, { rowKeyColumns: ['id', 'region'] })).toEqual(['rowKeyColumns: ["y","id"], then ["y","id","region"]'])
    expect(differingCheckOptions(run, { metrics: ['example_count'] }, { metrics: ['example_count'], perMetric: { example_count: { greaterIsBetter: true } } })).toEqual(['perMetric.example_count.greaterIsBetter: null, then true'])
  })

  test('the same entry spelled otherwise is no difference: defaults written out (adversarial pass 53), metrics in another order, another name', () => {
    expect(differingCheckOptions(run, {}, { slices: true, tolerance: 0, significance: 0.05, correction: 'holm', allowDataChange: false })).toEqual([])
    expect(differingCheckOptions(run, {}, { metrics: [...defaults].reverse() })).toEqual([])
    expect(differingCheckOptions(run, {}, { perMetric: {} })).toEqual([])
    expect(differingCheckOptions(run, {}, { perMetric: { accuracy_score: {} } })).toEqual([])
    expect(differingCheckOptions(run, {}, { perMetric: { log_loss: { greaterIsBetter: false } } })).toEqual([])
    expect(differingCheckOptions(run, {}, { rowKeyColumns: ['id', 'region'] })).toEqual([])
    expect(differingCheckOptions(run, { metrics: ['f1_score', 'accuracy_score'] }, { metrics: ['accuracy_score', 'f1_score', 'f1_score'] })).toEqual([])
    expect(differingCheckOptions(run, { name: 'a' }, { name: 'b' })).toEqual([])
  })

  test('options that only judge the entry may differ: each check compares the one entry with its own', () => {
    expect(differingCheckOptions(run, { tolerance: 0.01 }, { perMetric: { log_loss: { tolerance: 0.1 } } })).toEqual([])
    expect(differingCheckOptions(run, { significance: false }, {})).toEqual([])
    expect(differingCheckOptions(run, { significance: 0.01 }, { significance: 0.01, perMetric: { accuracy_score: { significance: 0.01 } } })).toEqual([])
  })
})
