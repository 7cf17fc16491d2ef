/**
 * Above its caps (500,000 values as float32, 200,000 rows) a classifier entry stores no probabilities. A
 * custom metric could then not be recomputed on the baseline's rows (the run's table has
 * probabilities the entry lacks), had no paired test, no interval above 20,000 rows, and failed
 * any dip on its point value (adversarial pass 39: 3 of 3 unchanged re-trains at 200,000 rows).
 * It is now recomputed for both models from the labels alone; where that reproduces both values
 * compared, the paired resampling test judges it, and a metric that reads the probabilities is
 * told apart (its value differs, or its function throws, without them).
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { defineMetric, evaluate } from '../../src/index.js'
import { lcg } from './lcg.js'

const K = 21
const N = 24_000 // 504,000 probabilities: above the 500,000-value cap
const labels = Array.from({ length: K }, (_, c) => `c${c}`)
const rows = Array.from({ length: N }, (_, i) => ({ id: i, y: labels[i % K]! }))
const c0Recall = defineMetric({
  name: 'c0_recall',
  greaterIsBetter: true,
  fn: (t) => {
    if (t.modelType !== 'classifier') return Number.NaN
    let n = 0
    let r = 0
    for (let i = 0; i < t.rowCount; i++) if (t.targets[i] === 'c0') {
      n++
      if (t.predictions[i] === 'c0') r++
    }
    return r / n
  },
})
const c0Confidence = defineMetric({
  name: 'c0_confidence',
  greaterIsBetter: true,
  fn: (t) => {
    if (t.modelType !== 'classifier') return Number.NaN
    const p = t.probabilities!['c0']!
    let sum = 0
    for (let i = 0; i < t.rowCount; i++) sum += p[i]!
    return sum / t.rowCount
  },
})
// reads a built-in that needs the probabilities: undefined without them (adversarial pass 42: the gate crashed, "returned undefined")
const aucRead = defineMetric({ name: 'auc_read', greaterIsBetter: true, fn: (_t, builtins) => builtins.roc_auc! })
/** 15% of rows wrong; `redraw` of them re-drawn from the same law (a re-train); `drop` of c0's rows turned wrong. */
function table(seed: number, redraw: number, drop = 0): Array<Record<string, unknown>> {
  const first = lcg(1)
  const again = lcg(seed)
  return rows.map((row, i) => {
    let miss = first() < 0.15
    let shift = 1 + Math.floor(first() * (K - 1))
    if (again() < redraw) {
      miss = again() < 0.15
      shift = 1 + Math.floor(again() * (K - 1))
    }
    if (row.y === 'c0' && (i / K) % 100 < drop * 100) miss = true
    const predicted = miss ? labels[(i + shift) % K]! : row.y
    const out: Record<string, unknown> = { ...row, p: predicted }
    for (const label of labels) out[`p_${label}`] = label === predicted ? 0.91 : 0.09 / (K - 1)
    return out
  })
}
const run = (data: Array<Record<string, unknown>>) =>
  evaluate({ data, targets: 'y', predictions: 'p', probabilities: labels.map((l) => `p_${l}`), modelType: 'classifier', extraMetrics: [c0Recall, c0Confidence, aucRead], intervals: false })

describe('a custom metric where the baseline stores no probabilities', () => {
  test('is recomputed from the labels alone: a re-train passes, a 6-point drop fails; one that reads the probabilities is said to', async () => {
    const before = await run(table(1, 0))
    const entry = createBaselineEntry(before, { metrics: ['c0_recall', 'c0_confidence', 'auc_read'] })
    expect(entry.probabilities).toBeUndefined()
    const retrain = await run(table(4, 0.2))
    const same = compareWithBaseline(entry, retrain, { metrics: ['c0_recall'] })
    const row = same.rows.find((r) => r.metric === 'c0_recall')!
    expect(row.change).toBeLessThan(0)
    expect(row).toMatchObject({ verdict: 'noise', test: 'paired-resample (on a random 10,000 of 24,000 rows, from the labels alone)' })
    expect(same.status).not.toBe('failed')

    const worse = await run(table(1, 0, 0.06))
    const verdict = compareWithBaseline(entry, worse, { metrics: ['c0_recall', 'c0_confidence', 'auc_read'] })
    expect(verdict.rows.find((r) => r.metric === 'c0_recall')).toMatchObject({ verdict: 'fail', test: 'paired-resample (on a random 10,000 of 24,000 rows, from the labels alone)' })
    // a metric that reads the probabilities throws without them: no paired test, and the verdict says why
    const confidence = verdict.rows.find((r) => r.metric === 'c0_confidence')!
    expect(confidence.test).not.toMatch(/^paired/)
    expect(JSON.stringify(verdict)).toContain('recomputing c0_confidence from the predicted labels alone leaves it undefined (its function throws or returns no number), so it reads the probabilities, and the baseline stores no probabilities (504,000 probabilities, above the 500,000-value cap')
    expect(JSON.stringify(verdict)).toContain('recomputing auc_read from the predicted labels alone leaves it undefined (its function throws or returns no number), so it reads the probabilities')
  }, 120_000)
})
