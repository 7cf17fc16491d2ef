/**
 * `evalgate compare` tests a change of error_rate (the share of rows a served model failed on) as
 * the gate tests its rise: on the two runs' failed-row counts (Fisher's exact test, two-sided
 * here). It showed "untested: no interval" (adversarial pass 29).
 */
import { describe, expect, test } from 'vitest'
import { compareRuns } from '../../src/compare/report/run-comparison.js'
import { handBuiltRun } from '../vitest/hand-built-run.js'

const served = (failed: number | undefined) => {
  const run = handBuiltRun({ metrics: { accuracy_score: 0.9, f1_score: 0.88, ...(failed === undefined ? {} : { error_count: failed, error_rate: failed / 600 }) } })
  run.greaterIsBetter.error_rate = false
  run.greaterIsBetter.error_count = false
  return run
}
const named = (name: string, run: ReturnType<typeof served>) => ({ name, run, source: `${name}.json` })
const errorRow = (comparison: ReturnType<typeof compareRuns>) => comparison.rows.find((row) => row.scope === 'overall' && row.metric === 'error_rate')!

describe('evalgate compare: error_rate', () => {
  test('a third of the rows failing is worse, one failure is no clear change, fewer failures better; each by Fisher\'s test on the counts', () => {
    const worse = errorRow(compareRuns([named('before', served(0)), named('after', served(200))])).changes[1]!
    expect(worse).toMatchObject({ verdict: 'worse', test: 'fisher-exact' })
    expect(worse.pValue).toBeLessThan(1e-50)
    // finite, for the ranking of the largest changes (the normal quantile of p / 2 = 1e-100 or less is infinite)
    expect(worse.z).toBeLessThan(-10)
    expect(Number.isFinite(worse.z)).toBe(true)
    expect(errorRow(compareRuns([named('before', served(0)), named('after', served(1))])).changes[1]).toMatchObject({ verdict: 'no clear change', test: 'fisher-exact', pValue: expect.closeTo(1, 9) })
    expect(errorRow(compareRuns([named('before', served(60)), named('after', served(10))])).changes[1]).toMatchObject({ verdict: 'better', test: 'fisher-exact' })
    // a run without a served model failed on no row
    expect(errorRow(compareRuns([named('before', served(undefined)), named('after', served(200))])).changes[1]).toMatchObject({ verdict: 'worse', test: 'fisher-exact' })
  })

  test('error_count gets the same test, its change in rows (it was untested)', () => {
    const count = compareRuns([named('before', served(0)), named('after', served(200))]).rows.find((row) => row.scope === 'overall' && row.metric === 'error_count')!.changes[1]!
    expect(count).toMatchObject({ verdict: 'worse', test: 'fisher-exact', change: 200 })
  })
})
