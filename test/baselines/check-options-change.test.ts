import { describe, expect, test } from 'vitest'
import { differingCheckOptions } from '../../src/baselines/check-options-change.js'

describe('differingCheckOptions: what two checks of one entry do not share', () => {
  test('every option but name counts, each named with both values', () => {
    expect(differingCheckOptions({}, { metrics: ['accuracy_score'] })).toEqual(['metrics: the default, then ["accuracy_score"]'])
    expect(differingCheckOptions({ tolerance: 0.01 }, { perMetric: { log_loss: { tolerance: 0.1 } } })).toEqual(['perMetric: the default, then {"log_loss":{"tolerance":0.1}}', 'tolerance: 0.01, then 0'])
    expect(differingCheckOptions({ significance: false }, {})).toEqual(['significance: false, then 0.05'])
    expect(differingCheckOptions({ rowKeyColumns: ['id'] }, { rowKeyColumns: ['id', 'region'] })).toEqual(['rowKeyColumns: ["id"], then ["id","region"]'])
  })

  test('the same check spelled otherwise is no difference: defaults written out, metrics in another order, another name', () => {
    expect(differingCheckOptions({}, { slices: true, tolerance: 0, significance: 0.05, correction: 'holm', allowDataChange: false })).toEqual([])
    expect(differingCheckOptions({ metrics: ['f1_score', 'accuracy_score'] }, { metrics: ['accuracy_score', 'f1_score', 'f1_score'] })).toEqual([])
    expect(differingCheckOptions({ name: 'a' }, { name: 'b' })).toEqual([])
  })
})
