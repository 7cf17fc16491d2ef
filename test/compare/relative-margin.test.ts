/**
 * A relative allowance (`minRelativeChange`) is a share of the baseline's value, which is itself
 * measured on the rows: the tests of a mean test the per-row terms sign·(a − b) − r·a at a margin
 * of 0, so the baseline's noise, which moves the allowed drop with it, is in the test. Taken as a
 * constant r·(A's mean), a log loss at the boundary of its relative allowance failed 10.3% of 400
 * samples at 0.05 (adversarial pass 52; 5.25% at the same absolute tolerance).
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { PairedComparison, pairedRuns } from '../../src/compare/index.js'
import { evaluate } from '../../src/evaluate/index.js'
import { createRandom, pairedMeanDifferenceTest, pairedSignFlipTest } from '../../src/stats/index.js'

const random = createRandom(17)
const rows = Array.from({ length: 400 }, (_, id) => {
  const x = random.uniform() * 10
  const noise = random.normal()
  return { id, x, y: 2 * x + 1, noise, other: 0.9 * noise + 0.44 * random.normal() }
})
/** A regressor whose errors are the rows' noise (baseline) or `scale` times another noise, correlated with it. */
const run = (scale: number) => evaluate({ data: rows, targets: 'y', modelType: 'regressor', model: (batch) => batch.map((r) => 2 * r.x + 1 + (scale === 1 ? r.noise : scale * r.other)) })

describe('a relative allowance in the test of a mean', () => {
  test("the paired mean tests the terms |e_B| - |e_A| - r |e_A|, not the change against r times A's mean", async () => {
    const [a, b] = [await run(1), await run(1.12)]
    const comparison = new PairedComparison(pairedRuns(a, b)!)
    const valueA = a.metrics.mean_absolute_error!
    const valueB = b.metrics.mean_absolute_error!
    const share = 0.08
    const request = { metric: 'mean_absolute_error', rows: null, scopeKey: '', valueA, valueB, greaterIsBetter: false, margin: share * valueA, alpha: 0.05, seed: 3 }
    const relative = comparison.test({ ...request, relativeMargin: share })
    const terms = Float64Array.from(rows, (r) => Math.abs(1.12 * r.other) - Math.abs(r.noise) - share * Math.abs(r.noise))
    const expected = Math.max(pairedMeanDifferenceTest({ differences: terms, skewnessCorrection: true }).p, pairedSignFlipTest({ differences: terms, seed: 3, alpha: 0.05 }).p)
    expect(relative).toMatchObject({ test: 'paired-mean' })
    expect((relative as { p: number }).p).toBeCloseTo(expected, 12)
    // as a constant margin the same allowance reads another p
    const constant = comparison.test(request) as { p: number }
    expect(Math.abs(constant.p - expected)).toBeGreaterThan(0.005)
  })

  test('the gate passes minRelativeChange to the test of a mean, and not a tolerance', async () => {
    const [a, b] = [await run(1), await run(1.12)]
    const entry = createBaselineEntry(a, { metrics: ['mean_absolute_error'] })
    const share = 0.08
    const byShare = compareWithBaseline(entry, b, { metrics: ['mean_absolute_error'], minRelativeChange: -share }).rows[0]!
    const byTolerance = compareWithBaseline(entry, b, { metrics: ['mean_absolute_error'], tolerance: share * a.metrics.mean_absolute_error! }).rows[0]!
    expect(byShare.test).toBe('paired-mean')
    expect(byShare.pValue).not.toBe(byTolerance.pValue)
  })
})
