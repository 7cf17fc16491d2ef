/**
 * A change made by a few rows: with k rows differing, an exact paired test cannot give a p-value
 * below 2^-k (Poisson resampling about e^-k or more), so four rows whose errors rose from 0.5 to 10^6 passed
 * "within noise" (p = 0.0625 at best). Such a drop now fails when its current value also lies
 * outside the baseline's own interval beyond the allowed drop; a few rows moving within the
 * baseline's noise still pass, with a warning that says why no test could tell.
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { PairedComparison, pairedRuns } from '../../src/compare/index.js'
import { evaluate } from '../../src/evaluate/index.js'
import { createRandom } from '../../src/stats/index.js'

const random = createRandom(7)
const rows = Array.from({ length: 240 }, (_, id) => {
  const x = random.uniform() * 10
  return { id, x, y: 3 * x + 1 + random.normal() * 0.5 }
})
/** The baseline model (3x + 1) with `changed` rows' predictions replaced. */
const run = (changed: Record<number, number> = {}) =>
  evaluate({ data: rows, targets: 'y', modelType: 'regressor', model: (batch) => batch.map((r) => changed[r.id] ?? 3 * r.x + 1) })

describe('a drop made by a few rows', () => {
  test('four predictions off by 10^6 fail, naming the few rows and the baseline interval', async () => {
    const entry = createBaselineEntry(await run())
    const off = Object.fromEntries([3, 50, 120, 200].map((id) => [id, 3 * rows[id]!.x + 1 + 1e6]))
    const verdict = compareWithBaseline(entry, await run(off))
    expect(verdict.status).toBe('failed')
    const failed = verdict.rows.filter((row) => row.verdict === 'fail')
    expect(failed.map((row) => row.metric).sort()).toEqual(['mean_absolute_error', 'r2_score', 'root_mean_squared_error'])
    // RMSE's resampling p (0.0165) is just below its Holm level; MAE's sign flip cannot go below 2^-4.
    expect(failed.filter((row) => row.test?.endsWith("; beyond the baseline's interval")).map((row) => row.metric)).toEqual(['mean_absolute_error', 'r2_score'])
    const note = verdict.notes.find((text) => text.startsWith('only 4 rows'))!
    expect(note).toMatch(/^only 4 rows of the scope differ, too few for a paired test to reach its level \(an exact test's p cannot go below 2\^-4 = 0\.063\), and these values lie outside the baseline's own interval beyond the allowed drop, a change larger than the baseline's sampling noise, so they fail: /)
    expect(note).toMatch(/mean_absolute_error 0\.4002 -> 16667 \(baseline's 95% interval \[0\.3654, 0\.4408\]\); r2_score /)
  })

  test('three predictions off by 25 fail too (r2 0.99 -> 0.4)', async () => {
    const entry = createBaselineEntry(await run())
    const off = Object.fromEntries([10, 90, 170].map((id) => [id, 3 * rows[id]!.x + 1 + 25]))
    const verdict = compareWithBaseline(entry, await run(off))
    expect(verdict.status).toBe('failed')
    expect(verdict.rows.find((row) => row.metric === 'r2_score')!.verdict).toBe('fail')
  })

  test('four rows moving within the baseline noise pass, and the warning says too few rows differ', async () => {
    const entry = createBaselineEntry(await run())
    // Each of four rows predicted 0.4 further from its target than before: MAE up by about 0.007.
    const off = Object.fromEntries([3, 50, 120, 200].map((id) => [id, 3 * rows[id]!.x + 1 + Math.sign(3 * rows[id]!.x + 1 - rows[id]!.y) * 0.4]))
    const verdict = compareWithBaseline(entry, await run(off))
    expect(verdict.status).toBe('passed')
    const mae = verdict.rows.find((row) => row.metric === 'mean_absolute_error')!
    expect(mae.verdict).toBe('noise')
    expect(verdict.warnings.join('\n')).toMatch(/mean_absolute_error .*only 4 rows differ, too few for the test to reject at this level/)
  })

  test('the paired test reports the rows that differ and the smallest p an exact test allows, 2^-k, for the resampling test too', async () => {
    const a = await run()
    const b = await run(Object.fromEntries([3, 50, 120].map((id) => [id, 0])))
    const comparison = new PairedComparison(pairedRuns(a, b)!)
    const request = { rows: null, scopeKey: '', greaterIsBetter: false, margin: 0, alpha: 0.05, seed: 1 }
    const mae = comparison.test({ ...request, metric: 'mean_absolute_error', valueA: a.metrics.mean_absolute_error!, valueB: b.metrics.mean_absolute_error! })
    expect(mae).toMatchObject({ test: 'paired-mean', differingRows: 3, smallestP: 0.125 })
    const rmse = comparison.test({ ...request, metric: 'root_mean_squared_error', valueA: a.metrics.root_mean_squared_error!, valueB: b.metrics.root_mean_squared_error! })
    expect(rmse).toMatchObject({ test: 'paired-resample', differingRows: 3, smallestP: 0.125 })
    expect(comparison.differingRows(Int32Array.from([0, 1, 2, 3]))).toBe(1)
  })
})
