/**
 * A model that starts predicting a label no target holds (adversarial pass 39): 24 correct rows of
 * 600 answering "zz_unknown". The macro averages were compared over 6 and 7 labels, the paired
 * recomputation (over 7) did not reproduce the stored value and was dropped, and the unpaired test
 * passed macro f1 and recall. The baseline's value is now recomputed over the run's labels from
 * its stored predictions, so the two are compared like with like, paired.
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { evaluate } from '../../src/index.js'

const labels = ['a', 'b', 'c', 'd', 'e', 'f']
const rows = Array.from({ length: 600 }, (_, i) => ({ id: i, y: labels[i % 6]! }))
// 85% right: every 7th row wrong (the next label)
const base = rows.map((row, i) => (i % 7 === 0 ? labels[(labels.indexOf(row.y) + 1) % 6]! : row.y))
const run = (predictions: readonly string[]) => evaluate({ data: rows.map((r, i) => ({ ...r, p: predictions[i] })), targets: 'y', predictions: 'p', modelType: 'classifier', average: 'macro', intervals: false })
const moved = (count: number, to: (y: string) => string): string[] => {
  let k = 0
  return base.map((p, i) => (k < count && p === rows[i]!.y && i % 3 === 0 && ++k > 0 ? to(rows[i]!.y) : p))
}

describe('a predicted label the baseline never had', () => {
  test('macro f1 and recall are compared over the run labels, paired, and a 4-point loss fails as it does with an existing wrong label', async () => {
    const before = await run(base)
    const entry = createBaselineEntry(before, { metrics: ['f1_score', 'recall_score'] })
    const unknown = await run(moved(24, () => 'zz_unknown'))
    expect(unknown.labels).toContain('zz_unknown')
    const verdict = compareWithBaseline(entry, unknown, { metrics: ['f1_score', 'recall_score'] })
    expect(verdict.status).toBe('failed')
    const f1 = verdict.rows.find((r) => r.metric === 'f1_score')!
    expect(f1).toMatchObject({ verdict: 'fail', test: 'paired-permutation' })
    // the baseline's value over the 7 labels, not the stored one over 6
    expect(f1.baseline).toBeCloseTo((before.metrics.f1_score! * 6) / 7, 12)
    expect(verdict.notes.join('\n')).toContain(`f1_score, recall_score: compared over the run's 7 labels, paired: the run predicts "zz_unknown", which the baseline's labels lack`)
    // the same loss to an existing wrong label fails alike
    const wrong = compareWithBaseline(entry, await run(moved(24, (y) => (y === 'a' ? 'b' : 'a'))), { metrics: ['f1_score', 'recall_score'] })
    expect(wrong.status).toBe('failed')
  })

  test('one row predicting the new label is within noise, and the row says so', async () => {
    const before = await run(base)
    const entry = createBaselineEntry(before, { metrics: ['f1_score'] })
    const verdict = compareWithBaseline(entry, await run(moved(1, () => 'zz_unknown')), { metrics: ['f1_score'] })
    expect(verdict.status).not.toBe('failed')
    expect(verdict.rows.find((r) => r.metric === 'f1_score')!.test).toBe('paired-permutation')
  })
})
