// The CSV tables of a run folder (issue 11): slices.csv names each column once and has bound
// columns only where there are bounds.
import { describe, expect, test } from 'vitest'
import { toCsv } from '../../src/reporter/csv.js'
import { slicesTable } from '../../src/reporter/run-tables.js'
import type { SliceResult } from '../../src/run/types.js'
import { binaryRun } from '../fixtures/reporter/eval-runs.js'

describe('slicesTable', () => {
  test('example_count once; _lower/_upper only for metrics with an interval', () => {
    const run = binaryRun()
    const interval = { lower: 0.7, upper: 0.9, level: 0.95, method: 'multinomial-bootstrap' as const }
    const slice = (value: string, n: number): SliceResult => ({
      key: `plan=${value}`,
      columns: ['plan'],
      values: [value],
      exampleCount: n,
      metrics: { example_count: n, f1_score: 0.8, true_positives: 12 },
      intervals: { f1_score: interval },
      notes: [],
    })
    run.slices = { 'plan=basic': slice('basic', 40), 'plan=pro': slice('pro', 60) }
    const table = slicesTable(run)
    expect(table.columns).toEqual(['slice', 'columns', 'values', 'example_count', 'f1_score', 'f1_score_lower', 'f1_score_upper', 'true_positives', 'notes'])
    expect(table.rows[1]).toEqual({ slice: 'plan=pro', columns: 'plan', values: 'pro', example_count: 60, f1_score: 0.8, f1_score_lower: 0.7, f1_score_upper: 0.9, true_positives: 12, notes: '' })
    const header = toCsv(table.columns, table.rows).split('\r\n')[0].split(',')
    expect(new Set(header).size).toBe(header.length)
  })
})
