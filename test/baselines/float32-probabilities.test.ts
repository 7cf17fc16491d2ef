/**
 * Above 50,000 rows or 250,000 values a classifier entry stores its probabilities as float32 (in
 * the same bytes, up to 200,000 rows and 500,000 values), and the paired tests round the current
 * run's alike. Before, it stored none there: log_loss got the unpaired test, and a custom metric
 * that reads the probabilities had neither a paired test nor an interval (above 20,000 rows) and
 * failed any dip on its point value (adversarial pass 42: unchanged re-trains at 200,000 rows
 * failed on `conf_or_recall` and `mixed_soft`, 5 of 5).
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { decodeProbabilities, encodeBaselineProbabilities } from '../../src/baselines/stored-predictions.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { defineMetric, evaluate } from '../../src/index.js'
import { lcg } from './lcg.js'

const N = 60_000
const rows = Array.from({ length: N }, (_, i) => ({ id: i, y: i % 3 === 0 ? 'pos' : 'neg' }))
const confidence = defineMetric({
  name: 'pos_confidence',
  greaterIsBetter: true,
  fn: (t) => {
    if (t.modelType !== 'classifier') return Number.NaN
    const p = t.probabilities!['pos']!
    let sum = 0
    let count = 0
    for (let i = 0; i < t.rowCount; i++) if (t.targets[i] === 'pos') {
      sum += p[i]!
      count++
    }
    return sum / count
  },
})
/** A score per row: `redraw` of the rows re-drawn from the same law (a re-train); `shrink` pulls the positives' scores down. */
function table(seed: number, redraw: number, shrink = 0): Array<Record<string, unknown>> {
  const first = lcg(1)
  const again = lcg(seed)
  return rows.map((row) => {
    let noise = first()
    if (again() < redraw) noise = again()
    let score = row.y === 'pos' ? 0.25 + 0.7 * noise : 0.05 + 0.7 * noise
    if (row.y === 'pos') score -= shrink * score
    return { ...row, p_pos: score, p_neg: 1 - score }
  })
}
const run = (data: Array<Record<string, unknown>>) =>
  evaluate({ data, targets: 'y', probabilities: ['p_neg', 'p_pos'], modelType: 'classifier', posLabel: 'pos', extraMetrics: [confidence], intervals: false })

describe('a baseline above the float64 caps stores float32 probabilities', () => {
  test('encoding: float64 up to the caps, float32 above (same bytes), none above 500,000 values; decoded within float32 rounding', () => {
    expect(encodeBaselineProbabilities(new Float64Array(2 * 50_000).fill(0.5), 2)?.encoding).toBe('float64le-base64')
    // more than 65,536 distinct values (fewer are stored exactly, as a table: table-probabilities.test.ts)
    const p = Float64Array.from({ length: 2 * 60_000 }, (_, i) => (i * 0.6180339887498949) % 1)
    const stored = encodeBaselineProbabilities(p, 2)!
    expect(stored.encoding).toBe('log-float32le-base64')
    expect(Buffer.from(stored.values, 'base64').length).toBe(p.length * 4)
    const back = decodeProbabilities(stored)
    // log p kept to float32's 24 bits: p within 6e-8 |log p| of itself (relative), and 1 - p near 1 alike
    for (let i = 0; i < p.length; i++) expect(Math.abs(back[i]! - p[i]!)).toBeLessThanOrEqual(p[i] === 0 ? 0 : 6e-8 * p[i]! * Math.max(1, Math.abs(Math.log(p[i]!))))
    const near1 = decodeProbabilities(encodeBaselineProbabilities(Float64Array.from({ length: 2 * 60_000 }, (_, i) => 1 - 1e-9 * (1 + (i % 50_000))), 2)!)
    for (let i = 1; i < 50_000; i++) expect(near1[i]!).toBeLessThan(near1[i - 1]!)
    expect(encodeBaselineProbabilities(new Float64Array(10 * 50_001).fill(0.1), 10)).toBeUndefined()
    expect(encodeBaselineProbabilities(new Float64Array(2 * 200_001).fill(0.5), 2)).toBeUndefined()
  })

  test('log_loss and a custom metric that reads the probabilities get paired tests: a re-train passes, a real drop fails', async () => {
    const before = await run(table(1, 0))
    const metrics = ['log_loss', 'pos_confidence']
    const entry = createBaselineEntry(before, { metrics })
    expect(entry.probabilities?.encoding).toBe('log-float32le-base64')
    // two re-trains: one whose pos_confidence dips, one whose log_loss rises; each within noise, paired
    for (const [seed, metric, test] of [[2, 'pos_confidence', 'paired-resample (on a random 10,000 of 60,000 rows)'], [4, 'log_loss', 'paired-mean']] as const) {
      const same = compareWithBaseline(entry, await run(table(seed, 0.05)), { metrics })
      const row = same.rows.find((r) => r.metric === metric)!
      expect(row.change! * (metric === 'log_loss' ? -1 : 1)).toBeLessThan(0)
      expect(row).toMatchObject({ verdict: 'noise', test })
      expect(same.status).not.toBe('failed')
    }
    const worse = await run(table(1, 0, 0.02))
    const verdict = compareWithBaseline(entry, worse, { metrics })
    expect(verdict.rows.find((r) => r.metric === 'pos_confidence')).toMatchObject({ verdict: 'fail', test: 'paired-resample (on a random 10,000 of 60,000 rows)' })
    expect(verdict.rows.find((r) => r.metric === 'log_loss')).toMatchObject({ verdict: 'fail', test: 'paired-mean' })
  }, 120_000)

  test("the run's probabilities are rounded alike, so rows that did not change compare as unchanged: a drop carried by one row of a slice is within noise", async () => {
    const sliced = table(1, 0).map((row, i) => ({ ...row, region: i < 3000 ? 'small' : 'large' }))
    const runSliced = (data: Array<Record<string, unknown>>) =>
      evaluate({ data, targets: 'y', probabilities: ['p_neg', 'p_pos'], modelType: 'classifier', posLabel: 'pos', extraMetrics: [confidence], intervals: false, slices: ['region'] })
    const entry = createBaselineEntry(await runSliced(sliced), { metrics: ['pos_confidence'] })
    // one positive row of the small slice falls to 0.01: its pos_confidence dips by about 6e-4
    const one = sliced.map((row, i) => (i === 3 ? { ...row, p_pos: 0.01, p_neg: 0.99 } : row))
    const verdict = compareWithBaseline(entry, await runSliced(one), { metrics: ['pos_confidence'] })
    expect(verdict.rows.find((r) => r.slice === 'region=small')).toMatchObject({ metric: 'pos_confidence', verdict: 'noise', test: 'paired-resample' })
    expect(verdict.warnings.join('\n')).toMatch(/pos_confidence\[region=small\] fell .*carried by 1 row,/)
    // the overall row's test ran on a random 10,000 of the 60,000 rows, which missed row 3: said so
    expect(verdict.warnings.join('\n')).toMatch(/pos_confidence fell .*carried by no row of the 10,000 sampled of 60,000, too few.*; on the 10,000 rows sampled it did not change\)/)
    // and what to do where a subset's rows are few in the sample (adversarial pass 44)
    expect(verdict.warnings.join('\n')).toMatch(/the test sees only the rows sampled, so a metric of a small subset of the 60,000 rows is tested on all of its rows when the subset is a slice/)
  }, 120_000)
})
