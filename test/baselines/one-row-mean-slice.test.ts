/**
 * A slice of one row (minSliceSize: 1) whose mean rose (white-box review 55, F3): the paired mean
 * test needs two rows and the slice has no interval, so its log loss or MAE failed the entry on
 * point estimates, while overall the same row's change was left out as too few rows to tell. No
 * test can reject a change carried by one row (its sign flip gives no p below 1/2): the drop is
 * now untested, said with the bound that would fail it, as an AUC resting on one row of a class.
 */
import { expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { evaluate } from '../../src/index.js'

const rows = Array.from({ length: 300 }, (_, i) => ({ id: i, y: i % 7, g: i === 0 ? 'one' : 'rest', base: (i % 7) + (i % 2 ? 0.5 : -0.5), current: (i % 7) + (i % 2 ? 0.5 : -0.5) + (i === 0 ? -0.3 : 0) }))
const run = (predictions: string) => evaluate({ data: rows, targets: 'y', predictions, modelType: 'regressor', inputColumns: ['id', 'g'], slices: ['g'], minSliceSize: 1, intervals: false })

test("a one-row slice's MAE rise is untested with the bound's advice, not failed on point estimates", async () => {
  const options = { metrics: ['mean_absolute_error'] }
  const verdict = compareWithBaseline(createBaselineEntry(await run('base'), options), await run('current'), options)
  const slice = verdict.rows.find((row) => row.slice === 'g=one')!
  expect(slice).toMatchObject({ baseline: 0.5, verdict: 'noise', test: 'none' })
  expect(slice.current).toBeCloseTo(0.8, 12)
  expect(verdict.status).toBe('passed')
  expect(verdict.warnings.join('\n')).toMatch(/mean_absolute_error\[g=one\] rose from 0\.5000 to 0\.8000 .* \(not tested: the scope has fewer than 2 rows, too few for any test of a mean to reject\); to fail such a change, bound the value itself: expect\(run\)\.toHaveSliceMetric\("g=one"/)
  expect(verdict.notes.join('\n')).not.toMatch(/judged on point estimates/)
})
