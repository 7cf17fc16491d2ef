/**
 * r2_score of a slice whose targets are all equal is scikit-learn's convention (1 when every
 * prediction is exact, else 0), not a measure: one prediction off by 0.001 takes it from 1 to 0.
 * Before, the gate failed such a slice's r2 as a drop of 1 even where its MAE and RMSE were within
 * the tolerance. Now it is not gated (nor counted in Holm's family) and a note says why.
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { evaluate } from '../../src/evaluate/index.js'

const rows = Array.from({ length: 400 }, (_, i) => {
  const g = i % 4 === 0 ? 'closed' : 'open'
  const x = (i * 37) % 101
  return { id: i, g, y: g === 'closed' ? 0 : x, p: g === 'closed' ? 0 : x + (((i * 7919) % 13) / 13 - 0.5) }
})
const run = (off: number) =>
  evaluate({ data: rows.map((r, i) => ({ ...r, p: r.g === 'closed' && i < 320 ? off : r.p })), targets: 'y', predictions: 'p', modelType: 'regressor', slices: ['g'], inputColumns: ['id', 'g'] })

describe('r2_score of a slice whose targets are all equal', () => {
  test('is not gated: MAE and RMSE within a tolerance pass, and r2 1 -> 0 is a note, not a failure', async () => {
    const entry = createBaselineEntry(await run(0))
    const verdict = compareWithBaseline(entry, await run(0.001), { tolerance: 0.01 })
    const r2 = verdict.rows.find((row) => row.metric === 'r2_score' && row.slice === 'g=closed')!
    expect([r2.baseline, r2.current]).toEqual([1, 0])
    expect(r2.verdict).toBe('pass')
    expect(r2.allowed).toBe('not gated: every target equal')
    expect(verdict.status).toBe('passed')
    expect(verdict.notes).toContain(
      'r2_score[g=closed] 1 -> 0 is not gated: every target of the slice equals 0, where r2_score is undefined (scikit-learn reports 1 when every prediction is exact, else 0); its error metrics (mean_absolute_error, root_mean_squared_error) are gated',
    )
  })

  test('a real error rise in that slice still fails on its error metrics', async () => {
    const entry = createBaselineEntry(await run(0))
    const verdict = compareWithBaseline(entry, await run(0.5), { tolerance: 0.01 })
    expect(verdict.status).toBe('failed')
    const failed = verdict.rows.filter((row) => row.verdict === 'fail').map((row) => `${row.metric}[${row.slice ?? ''}]`)
    expect(failed).toContain('mean_absolute_error[g=closed]')
    expect(failed).not.toContain('r2_score[g=closed]')
  })
})
