/**
 * A custom metric equal to a built-in on the same rows is the same hypothesis, tested once. The
 * built-in's own test (here the permutation test of recall) decides it, whichever comes first in
 * the entry: a custom recall listed first handed recall_score its resampling test (adversarial
 * pass 42: on a random 10,000 of 200,000 rows, p = 0.05, where the permutation test failed the
 * drop at p = 0.0005).
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { defineMetric, evaluate } from '../../src/index.js'

const N = 3000
const rows = Array.from({ length: N }, (_, i) => ({ id: i, y: i % 3 === 0 ? 'pos' : 'neg' }))
const posRecall = defineMetric({
  name: 'a_pos_recall',
  greaterIsBetter: true,
  fn: (t) => {
    if (t.modelType !== 'classifier') return Number.NaN
    let n = 0
    let r = 0
    for (let i = 0; i < t.rowCount; i++) if (t.targets[i] === 'pos') {
      n++
      if (t.predictions[i] === 'pos') r++
    }
    return r / n
  },
})
/** Every 9th row wrong; `lost` of the positives answered right turned wrong. */
const predictions = (lost: number) => rows.map((row, i) => (i % 9 === 4 || (row.y === 'pos' && i % 9 !== 4 && i < lost * 3) ? (row.y === 'pos' ? 'neg' : 'pos') : row.y))
const run = (p: string[]) => evaluate({ data: rows.map((r, i) => ({ ...r, p: p[i] })), targets: 'y', predictions: 'p', modelType: 'classifier', posLabel: 'pos', extraMetrics: [posRecall], intervals: false })

describe('one hypothesis, two metrics', () => {
  test("a custom metric equal to recall_score, listed first, takes recall_score's test, not the reverse", async () => {
    const entry = createBaselineEntry(await run(predictions(0)), { metrics: ['a_pos_recall', 'recall_score'] })
    const verdict = compareWithBaseline(entry, await run(predictions(40)), { metrics: ['a_pos_recall', 'recall_score'] })
    expect(verdict.rows.find((r) => r.metric === 'recall_score')).toMatchObject({ verdict: 'fail', test: 'paired-permutation' })
    expect(verdict.rows.find((r) => r.metric === 'a_pos_recall')).toMatchObject({ verdict: 'fail', test: 'paired-permutation (as recall_score)' })
  }, 60_000)
})
