/**
 * A mean of terms that are each 0 or 1 (exact match, `non_empty_output_rate`, toxicity's ratio)
 * is a share of rows: it gets Wilson's interval. The bootstrap-t gave [1, 1] for a perfect score
 * at any n, and its normal fallback covered 59% at 10 rows (adversarial pass 67: a lower-bound
 * gate passed on 30 rows all right). Coverage here is computed exactly, by summing the binomial
 * probabilities of the counts whose interval holds the true share.
 */
import { describe, expect, test } from 'vitest'
import { meanIntervals } from '../../src/evaluate/interval-methods.js'
import { evaluate } from '../../src/evaluate/index.js'

const CONFIG = { level: 0.95, seed: 0, resamples: 1_000, rowResamples: 500 }

function shareInterval(successes: number, n: number) {
  const values = Float64Array.from({ length: n }, (_, i) => (i < successes ? 1 : 0))
  return meanIntervals([{ name: 'exact_match/v1', values, nonNegative: true, atMostOne: true }], CONFIG)['exact_match/v1']
}

/** Exact coverage of the interval at the true share p over n rows. */
function coverage(n: number, p: number): number {
  let covered = 0
  let log = n * Math.log(1 - p) // log P(0 successes)
  for (let k = 0; k <= n; k++) {
    if (k > 0) log += Math.log(p / (1 - p)) + Math.log((n - k + 1) / k)
    const { lower, upper } = shareInterval(k, n)!
    if (lower <= p && p <= upper) covered += Math.exp(log)
  }
  return covered
}

describe('means of 0/1 terms', () => {
  test('a perfect score has a lower bound below 1, by Wilson', () => {
    const all = shareInterval(30, 30)!
    expect(all.method).toBe('wilson')
    expect(all.upper).toBe(1)
    expect(all.lower).toBeCloseTo(0.8865, 4)
    expect(shareInterval(0, 10)!.upper).toBeGreaterThan(0.2)
  })

  test('coverage of the 95% interval, computed exactly, at the cells where the bootstrap-t and its normal fallback failed', () => {
    const cells: Array<[number, number]> = [[10, 0.9], [10, 0.7], [8, 0.8], [30, 0.95], [100, 0.9], [800, 0.97]]
    const measured = cells.map(([n, p]) => coverage(n, p))
    // Wilson's coverage oscillates with n and p around the nominal level: 93.0, 92.4, 94.4, 93.9,
    // 93.6 and 95.2% in these cells
    for (const c of measured) expect(c).toBeGreaterThan(0.92)
    expect(Math.min(...measured)).toBeLessThan(0.99)
  })

  test('in a run: a question-answering model right on every one of 30 rows', async () => {
    const data = Array.from({ length: 30 }, (_, i) => ({ q: `q${i}`, a: `a${i}` }))
    const run = await evaluate({ data, targets: 'a', modelType: 'question-answering', model: (rows) => rows.map((row) => String(row.a)) })
    expect(run.metrics['exact_match/v1']).toBe(1)
    expect(run.intervals['exact_match/v1']).toMatchObject({ method: 'wilson', upper: 1 })
    expect(run.intervals['exact_match/v1'].lower).toBeCloseTo(0.8865, 4)
  })
})
