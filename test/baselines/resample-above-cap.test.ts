/**
 * Above the paired resampling cap (10,000 rows for a classifier) the test runs on a seeded random
 * 10,000 of the scope's rows. Before, such a scope had no paired test and a custom metric (no
 * interval above 20,000 rows) failed any dip on its point value: 4 of 6 unchanged re-trains on
 * 30,000 rows (adversarial pass 39). A real drop still fails.
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { defineMetric, evaluate } from '../../src/index.js'
import { lcg } from './lcg.js'

const N = 12_000
const rows = Array.from({ length: N }, (_, i) => ({ id: i, y: i % 3 === 0 ? 'pos' : 'neg' }))
const posRecall = defineMetric({
  name: 'pos_recall',
  greaterIsBetter: true,
  fn: (t) => {
    if (t.modelType !== 'classifier') return Number.NaN
    const k = t.labels.indexOf('pos')
    let n = 0
    let r = 0
    for (let i = 0; i < t.rowCount; i++) if (t.targetIndex[i] === k) {
      n++
      if (t.predictedIndex[i] === k) r++
    }
    return r / n
  },
})
/** 12% of rows wrong; `redraw` of them re-drawn from the same law (a re-train), `drop` of the positives turned wrong. */
function predictions(seed: number, redraw: number, drop = 0): string[] {
  const first = lcg(1)
  const again = lcg(seed)
  const wrong = (r: () => number) => r() < 0.12
  return rows.map((row, i) => {
    let miss = wrong(first)
    if (again() < redraw) miss = wrong(again)
    if (row.y === 'pos' && i % 100 < drop * 100) miss = true
    return miss ? (row.y === 'pos' ? 'neg' : 'pos') : row.y
  })
}
const run = (p: readonly string[]) => evaluate({ data: rows.map((r, i) => ({ ...r, p: p[i] })), targets: 'y', predictions: 'p', modelType: 'classifier', posLabel: 'pos', extraMetrics: [posRecall], intervals: false })

describe('the paired resampling test above its row cap', () => {
  test('runs on a random 10,000 of the rows: an unchanged re-train passes, a 4-point drop of the positives fails', async () => {
    const before = await run(predictions(1, 0))
    const entry = createBaselineEntry(before, { metrics: ['pos_recall'] })
    const retrain = await run(predictions(7, 0.2))
    const same = compareWithBaseline(entry, retrain, { metrics: ['pos_recall'] })
    const row = same.rows.find((r) => r.metric === 'pos_recall')!
    expect(row.change).toBeLessThan(0)
    expect(row).toMatchObject({ verdict: 'noise', test: 'paired-resample (on a random 10,000 of 12,000 rows)' })
    expect(same.status).not.toBe('failed')
    const worse = await run(predictions(1, 0, 0.05))
    const verdict = compareWithBaseline(entry, worse, { metrics: ['pos_recall'] })
    expect(verdict.rows.find((r) => r.metric === 'pos_recall')).toMatchObject({ verdict: 'fail', test: 'paired-resample (on a random 10,000 of 12,000 rows)' })
  }, 120_000)
})
