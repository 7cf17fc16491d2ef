/**
 * A slice whose roc_auc rests on one row of a class (adversarial pass 39): the AUC is defined
 * (scikit-learn computes it) but DeLong's variance needs two rows of each class, so the slice had
 * neither a paired test nor an interval and any dip failed on point estimates: 23 of 25 unchanged
 * re-trains with 25 classes failed. Such a drop is now untested, said with the bound that would
 * fail it; the overall roc_auc keeps its paired test.
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { evaluate } from '../../src/index.js'
import { lcg } from './lcg.js'


// 600 rows; slice b holds exactly one row of class z (row 300)
const labels = ['x', 'y', 'z']
const rows = Array.from({ length: 600 }, (_, i) => ({ id: i, seg: i < 300 ? 'a' : 'b', y: i < 300 ? labels[i % 3]! : i === 300 ? 'z' : labels[i % 2]! }))
const softmax = (z: number[]): number[] => {
  const m = Math.max(...z)
  const e = z.map((v) => Math.exp(v - m))
  const s = e.reduce((a, b) => a + b, 0)
  return e.map((v) => v / s)
}
const probabilities = (seed: number) => {
  const r = lcg(seed)
  return rows.map((row) => softmax(labels.map((l) => (l === row.y ? 1.5 : 0) + 2 * (r() - 0.5))))
}
const run = (probs: number[][]) =>
  evaluate({ data: rows, targets: 'y', modelType: 'classifier', labels, slices: ['seg'], model: (rs) => rs.map((row) => ({ probabilities: Object.fromEntries(labels.map((l, k) => [l, probs[row.id as number]![k]!])) })) })

describe('roc_auc of a slice with one row of a class', () => {
  test('a dip is not tested (a class of one row), not failed on point estimates; the overall roc_auc is still paired', async () => {
    const base = probabilities(1)
    const before = await run(base)
    // the one z row of slice b ranks a little lower for z: the slice's roc_auc dips
    const moved = base.map((p) => [...p])
    moved[300] = softmax([0.4, 0.3, 0.3].map(Math.log))
    const after = await run(moved)
    expect(after.slices['seg=b']!.metrics.roc_auc).toBeLessThan(before.slices['seg=b']!.metrics.roc_auc!)
    const verdict = compareWithBaseline(createBaselineEntry(before), after, {})
    const slice = verdict.rows.find((r) => r.metric === 'roc_auc' && r.slice === 'seg=b')!
    expect(slice).toMatchObject({ verdict: 'noise', test: 'none' })
    expect(verdict.warnings.join('\n')).toMatch(/roc_auc\[seg=b\] .*not tested: the AUC on these rows rests on one row of class "z" \(DeLong's variance needs two rows of each class\), too few for any test to reject\); to fail such a change, bound the value itself: expect\(run\)\.toHaveSliceMetric\("seg=b", "roc_auc"/)
    expect(verdict.notes.join('\n')).not.toContain('judged on point estimates')
    const overall = verdict.rows.find((r) => r.metric === 'roc_auc' && r.slice === undefined)!
    expect(overall.test === undefined || overall.test === 'paired-delong').toBe(true)
  })
})
