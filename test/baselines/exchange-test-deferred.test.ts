/**
 * The recomputing exchange test (the costly half of a resampled metric's floor) runs only where
 * Holm's step-down could reject the drop on the resampling test's p alone (`refinedHolm`): a
 * broken model's entry of 100 slices and a custom F1 spent half its gate's time on exchange tests
 * of drops Holm then kept as noise (bench/gate/many-hypotheses-timing.mjs: 13.6 s, now 6.8 s,
 * the same verdicts).
 */
import { describe, expect, test, vi } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { PairedComparison, floorReachingDraws, monteCarloDraws, pairedRuns, type PairedMetricRequest } from '../../src/compare/index.js'
import { defineMetric, evaluate } from '../../src/index.js'
import { createRandom } from '../../src/stats/index.js'
// @ts-expect-error plain JS module shared with the bench script
import { LABELS, makeTechSupportWrong, modelProbabilities, population, scenarioRecords, techSupportF1 } from '../../bench/gate/gate-scenarios.mjs'

/** Seed `seed` of the power simulation: 12 technical_support rows of class 0 made wrong, `regions` extra slices. */
async function techSupportWrong(seed: number, regions: number) {
  const random = createRandom(seed)
  const pop = population(800, random)
  const baseline = modelProbabilities(pop, random)
  const current = modelProbabilities(pop, random)
  makeTechSupportWrong(pop, current, 12)
  const f1 = techSupportF1(defineMetric)
  const records = (proba: Float64Array) => scenarioRecords(pop, proba).map((row: Record<string, unknown>, i: number) => ({ ...row, region: `r${i % regions}` }))
  const run = (proba: Float64Array) => evaluate({ data: records(proba), targets: 'truth', modelType: 'classifier', labels: LABELS, probabilities: ['p_negative', 'p_neutral', 'p_positive'], inputColumns: ['id', 'category', 'region'], slices: regions > 0 ? ['category', 'region'] : ['category'], extraMetrics: [f1] })
  const [before, after] = [await run(baseline), await run(current)]
  return { verdict: compareWithBaseline(createBaselineEntry(before), after), before, after }
}

describe('the recomputing exchange test, deferred to where Holm could reject', () => {
  test('a PairedComparison leaves it to refine(): the same p as running it, the resampling p as the lower bound', async () => {
    // seed 31: the single exchanges' floor, doubled, is above the resampling p, so the test would
    // run (seed 29 was such a seed while the single exchanges had 64 blocks of these 800 rows;
    // each row now has its own, and its doubled floor no longer binds)
    const { before, after } = await techSupportWrong(31, 0)
    const request = { metric: 'f1_tech', rows: null, scopeKey: '', valueA: before.metrics.f1_tech!, valueB: after.metrics.f1_tech!, greaterIsBetter: true, margin: 0, alpha: 0.05 / 27, largestLevel: 0.05, seed: 1 }
    const run = new PairedComparison(pairedRuns(before, after)!).test(request) as { p: number; deferred?: unknown }
    const deferred = new PairedComparison(pairedRuns(before, after)!).test({ ...request, deferExchangeTest: true }) as { p: number; deferred?: { lowerP: number; refine: () => number } }
    const summed = new PairedComparison(pairedRuns(before, after)!, { exchangeTestBudget: 0 }).test(request) as { p: number }
    expect(run.deferred).toBeUndefined()
    expect(deferred.deferred).toBeDefined()
    // until refined, the p is the resampling p held at the single exchanges' floor (the test past its budget)
    expect(deferred.p).toBe(summed.p)
    expect(deferred.deferred!.lowerP).toBeLessThanOrEqual(run.p)
    expect(deferred.deferred!.refine()).toBe(run.p)
  }, 60_000)

  test('seed 52: the custom F1 fails in a small family (its exchange test runs) and is noise among 8 more slices, at the p of the single exchanges (its exchange test is not run)', async () => {
    // (seed 11 was such a seed while the floor doubled the smaller of the two tests' p; over
    // their shares, 2/3 for the single exchanges, its single exchanges' floor no longer binds
    // there and the test does not run in the small family either)
    // the overall scope's exchange tests of f1_tech, counted
    const spy = vi.spyOn(PairedComparison.prototype as unknown as { exchangeTest: (request: PairedMetricRequest) => unknown }, 'exchangeTest')
    const runs = () => spy.mock.calls.filter(([request]) => request.metric === 'f1_tech' && request.rows === null).length
    const small = await techSupportWrong(52, 0)
    expect(runs()).toBe(1)
    spy.mockClear()
    const large = await techSupportWrong(52, 8)
    expect(runs()).toBe(0)
    spy.mockRestore()
    const rowOf = (verdict: typeof small.verdict) => verdict.rows.find((r) => r.metric === 'f1_tech' && r.slice === undefined)!
    expect(rowOf(small.verdict)).toMatchObject({ verdict: 'fail', test: 'paired-resample' })
    expect(rowOf(large.verdict)).toMatchObject({ verdict: 'noise', test: 'paired-resample' })
    // over 66 hypotheses Holm cannot reject it even on the resampling p alone, so its p is the
    // resampling test's held at the single exchanges' floor: what the test gives past its budget
    // (75, less 9 label hypotheses of slices where too few labels differ for their exact tests)
    const familySize = 66
    expect(large.verdict.warnings.some((w) => w.startsWith('f1_tech fell') && w.includes(`over ${familySize} hypotheses`))).toBe(true)
    const request = {
      metric: 'f1_tech',
      rows: null,
      scopeKey: '',
      valueA: large.before.metrics.f1_tech!,
      valueB: large.after.metrics.f1_tech!,
      greaterIsBetter: true,
      margin: 0,
      alpha: 0.05 / familySize,
      resampleDraws: monteCarloDraws(0.05, familySize, 2000, 10_000),
      resampleMaxDraws: floorReachingDraws(0.05, familySize, 200_000),
      largestLevel: 0.05,
      seed: large.after.intervalSettings.seed,
    }
    const single = new PairedComparison(pairedRuns(large.before, large.after)!, { exchangeTestBudget: 0 }).test(request) as { p: number }
    const exchanged = new PairedComparison(pairedRuns(large.before, large.after)!).test(request) as { p: number }
    expect(rowOf(large.verdict).pValue).toBe(single.p)
    // and running it would not have failed it either: deferring it changed no verdict
    expect(exchanged.p).toBeGreaterThan(0.05 / familySize)
  }, 120_000)
})
