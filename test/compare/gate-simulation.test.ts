// The whole baseline gate (every headline metric, overall and per category, Holm over the
// distinct hypotheses) under re-training noise and under accuracy drops: a seeded simulation
// against populations with known values (bench/gate/gate-scenarios.mjs). Quick version; the full
// one is bench/gate/gate-simulation.mjs. Bands are the target +- 3 standard errors of a rate
// over the trials run here.
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { evaluate } from '../../src/evaluate/index.js'
import { createRandom } from '../../src/stats/index.js'
// @ts-expect-error plain JS module shared with the bench script
import { gateRate, retrainFailures } from '../../bench/gate/gate-scenarios.mjs'

const api = { evaluate, createBaselineEntry, compareWithBaseline, createRandom }
const band = (target: number, trials: number): number => 3 * Math.sqrt((target * (1 - target)) / trials)

describe('gate-level simulation (800 rows, 3 labels, 4 category slices)', () => {
  test('re-training noise (about 3% of labels moving both ways, same quality) fails the gate at most 2% of the time', async () => {
    const trials = 50
    const result = await gateRate(api, { n: 800, trials, firstSeed: 1000 })
    // the scenario is what it claims: about 3% of rows move, accuracy about 0.85
    expect(result.meanMoved).toBeGreaterThan(0.02)
    expect(result.meanMoved).toBeLessThan(0.04)
    expect(result.meanAccuracy).toBeGreaterThan(0.8)
    expect(result.meanAccuracy).toBeLessThan(0.9)
    expect(result.rate).toBeLessThanOrEqual(0.02 + band(0.02, trials))
  }, 120_000)

  test('a 5-point accuracy drop is caught at least 99% of the time, a 3-point drop at least 80%', async () => {
    const trials = 25
    const five = await gateRate(api, { n: 800, drop: 0.05, trials, firstSeed: 2000 })
    expect(five.rate).toBeGreaterThanOrEqual(0.99 - band(0.99, trials))
    const three = await gateRate(api, { n: 800, drop: 0.03, trials, firstSeed: 3000 })
    expect(three.rate).toBeGreaterThanOrEqual(0.8 - band(0.8, trials))
    // accuracy itself (exact McNemar under Holm) sees the 5-point drop nearly always
    expect(five.accuracyRowRate).toBeGreaterThanOrEqual(0.9)
  }, 120_000)

  test('with labels alone (no probabilities, so no log loss or AUC): a 3-point drop is still caught at least 80% of the time', async () => {
    const trials = 40
    const three = await gateRate(api, { n: 800, drop: 0.03, trials, firstSeed: 3000, labelsOnly: true })
    expect(three.labelsOnly).toBe(true)
    expect(three.rate).toBeGreaterThanOrEqual(0.8 - band(0.8, trials))
    const none = await gateRate(api, { n: 800, trials, firstSeed: 1000, labelsOnly: true })
    expect(none.rate).toBeLessThanOrEqual(0.02 + band(0.02, trials))
  }, 120_000)

  test('20 independent re-trains of an unchanged model fail at most once', async () => {
    expect(await retrainFailures(api, { n: 1000, seed: 42, retrains: 20 })).toBeLessThanOrEqual(1)
  }, 120_000)
})
