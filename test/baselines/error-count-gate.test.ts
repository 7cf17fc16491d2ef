/**
 * `error_count` (the rows a served model failed on, with `onError: 'skip'`) is the same quantity
 * as `error_rate` on the same evaluation set: tested on the failed-row counts as error_rate is,
 * not judged on its point value (one transient failure in 600 rows failed the gate before).
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

const served = (failed: number) => {
  const run = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88, error_count: failed, error_rate: failed / 600 } })
  run.greaterIsBetter.error_rate = false
  run.greaterIsBetter.error_count = false
  return run
}

describe('error_count in a baseline', () => {
  test('gets the failed-row test as error_rate does: one failure in 600 rows is noise, 200 fail', () => {
    const entry = createBaselineEntry(served(0), { metrics: ['error_count', 'error_rate'] })
    const once = compareWithBaseline(entry, served(1), { metrics: ['error_count', 'error_rate'] })
    expect(once.rows.find((r) => r.metric === 'error_count')).toMatchObject({ verdict: 'noise', test: 'fisher-exact' })
    expect(once.rows.find((r) => r.metric === 'error_rate')).toMatchObject({ verdict: 'noise', test: 'fisher-exact (as error_count)' })
    expect(once.status).toBe('passed')
    const many = compareWithBaseline(entry, served(200), { metrics: ['error_count'] })
    expect(many.rows.find((r) => r.metric === 'error_count')).toMatchObject({ verdict: 'fail', test: 'fisher-exact' })
  })
})
