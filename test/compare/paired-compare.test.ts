// evalgate compare's paired tests equal the gate's: two runs on the same rows, written to disk
// (run.json and outputs.json as JSON) and read back, against compareWithBaseline called directly
// on the in-memory runs with run 1 as the baseline (and, for the other direction, run 2).
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { PairedComparison, pairedRuns } from '../../src/compare/index.js'
import { monteCarloDraws } from '../../src/compare/hypothesis-family.js'
import type { NamedRun } from '../../src/compare/report/read-run-files.js'
import { compareRuns, type RunComparison } from '../../src/compare/report/run-comparison.js'
import { evaluate } from '../../src/evaluate/index.js'
import { decodeRunOutputs, encodeRunOutputs } from '../../src/reporter/run-outputs.js'
import type { EvalRun } from '../../src/run/types.js'
import { createRandom } from '../../src/stats/index.js'
// @ts-expect-error plain JS module shared with the bench script
import { LABELS, argmax, modelProbabilities, population, scenarioRecords } from '../../bench/gate/gate-scenarios.mjs'

type Population = { n: number; k: number; truth: Int32Array; category: string[]; logits: Float64Array }

const classify = (pop: Population, proba: Float64Array): Promise<EvalRun> =>
  evaluate({
    data: scenarioRecords(pop, proba),
    targets: 'truth',
    modelType: 'classifier',
    labels: LABELS,
    probabilities: ['p_negative', 'p_neutral', 'p_positive'],
    inputColumns: ['id', 'category'],
    slices: ['category'],
    intervals: { resamples: 200, rowResamples: 200 },
  })

/** What `evalgate compare` reads from a results folder: both files through JSON. */
function fromDisk(name: string, run: EvalRun, withOutputs = true): NamedRun {
  const named: NamedRun = { name, source: `${name}/run.json`, run: JSON.parse(JSON.stringify(run)) as EvalRun }
  if (withOutputs) named.outputs = decodeRunOutputs(JSON.parse(JSON.stringify(encodeRunOutputs(run))), `${name}/outputs.json`)
  return named
}

/**
 * The report's one-sided p where it is the gate's: the same value, or, where both are above the
 * report's one-sided level (alpha / 2), either: a Monte Carlo test stops drawing once its p is
 * surely above the level it is compared with (the gate's alpha, the report's alpha / 2), so the
 * two stop at different draws there and neither can reject.
 */
const sameP = (report: number | undefined, gate: number | undefined): number | undefined => (report !== undefined && gate !== undefined && report > 0.025 && gate > 0.025 ? gate : report)

const rowOf = (comparison: RunComparison, scope: string, metric: string) => comparison.rows.find((row) => row.scope === scope && row.metric === metric)!

describe('a fine-tuned model better on technical support, a little worse on billing (1,200 rows)', async () => {
  const random = createRandom(11)
  const pop: Population = population(1200, random)
  const baseProba = modelProbabilities(pop, random)
  const tunedProba = baseProba.slice()
  // Fix 30 technical-support rows the baseline gets wrong; break 12 billing rows it gets right.
  let fixed = 0
  let broken = 0
  for (let i = 0; i < pop.n; i++) {
    const wrong = argmax(baseProba, 3, i) !== pop.truth[i]
    const swap = (c: number) => ([tunedProba[i * 3 + pop.truth[i]], tunedProba[i * 3 + c]] = [tunedProba[i * 3 + c], tunedProba[i * 3 + pop.truth[i]]])
    if (pop.category[i] === 'technical_support' && wrong && fixed < 30) {
      swap(argmax(baseProba, 3, i))
      fixed++
    } else if (pop.category[i] === 'billing' && !wrong && broken < 12) {
      swap((pop.truth[i] + 1) % 3)
      broken++
    }
  }
  const baseline = await classify(pop, baseProba)
  const tuned = await classify(pop, tunedProba)
  const comparison = compareRuns([fromDisk('baseline', baseline), fromDisk('fine-tuned', tuned)])
  const metrics = { metrics: Object.keys(baseline.metrics) }

  test('the runs are paired: McNemar, DeLong, paired mean, permutation; a metric of the data alone stays untested', () => {
    expect(comparison.testing[1]).toMatchObject({ paired: true })
    expect(rowOf(comparison, 'overall', 'accuracy_score').changes[1]!.test).toBe('mcnemar-exact')
    expect(rowOf(comparison, 'overall', 'roc_auc').changes[1]!.test).toBe('paired-delong')
    expect(rowOf(comparison, 'overall', 'log_loss').changes[1]!.test).toBe('paired-mean')
    expect(rowOf(comparison, 'category=technical_support', 'f1_score').changes[1]!.test).toBe('paired-permutation')
    expect(rowOf(comparison, 'overall', 'example_count').changes[1]).toEqual({ change: 0, verdict: 'untested', untestedReason: 'no direction' })
    expect(comparison.testNote).toMatch(/^Run 2 shares the first run's rows: each change is tested paired/)
    expect(comparison.testing[1]!.fallbacks).toEqual([])
  })

  test("every paired p-value a drop gets is the gate's (compareWithBaseline, run 1 the baseline)", () => {
    const verdict = compareWithBaseline(createBaselineEntry(baseline, metrics), tuned)
    const tested = verdict.rows.filter((row) => row.pValue !== undefined && !String(row.test).startsWith('unpaired'))
    expect(tested.map((row) => `${row.slice ?? 'overall'} ${row.metric}`)).toContain('category=billing accuracy_score')
    for (const row of tested) {
      const change = rowOf(comparison, row.slice ?? 'overall', row.metric).changes[1]!
      expect({ scope: row.slice, metric: row.metric, p: sameP(change.paired?.pFirstBetter, row.pValue) }).toEqual({ scope: row.slice, metric: row.metric, p: row.pValue })
    }
  })

  test("and every gain's one-sided p is the gate's with the roles exchanged (run 2 the baseline)", () => {
    const verdict = compareWithBaseline(createBaselineEntry(tuned, metrics), baseline)
    const tested = verdict.rows.filter((row) => row.pValue !== undefined && !String(row.test).startsWith('unpaired'))
    expect(tested.map((row) => `${row.slice ?? 'overall'} ${row.metric}`)).toEqual(expect.arrayContaining(['category=technical_support f1_score', 'category=technical_support roc_auc', 'overall accuracy_score']))
    for (const row of tested) {
      const change = rowOf(comparison, row.slice ?? 'overall', row.metric).changes[1]!
      expect({ scope: row.slice, metric: row.metric, p: sameP(change.paired?.pThisBetter, row.pValue) }).toEqual({ scope: row.slice, metric: row.metric, p: row.pValue })
    }
  })

  test('the permutation p is PairedComparison on the in-memory runs with the same draws and seed', () => {
    const familySize = comparison.testing[1]!.familySize!
    const slice = tuned.slices['category=technical_support']
    const rows = Int32Array.from(pop.category.flatMap((c, i) => (c === 'technical_support' ? [i] : [])))
    expect(rows.length).toBe(slice.exampleCount)
    const direct = new PairedComparison(pairedRuns(baseline, tuned)!).test({
      metric: 'f1_score',
      rows,
      scopeKey: 'x',
      valueA: baseline.slices['category=technical_support'].metrics.f1_score,
      valueB: slice.metrics.f1_score,
      greaterIsBetter: true,
      margin: 0,
      alpha: 0.05 / familySize,
      permutationDraws: monteCarloDraws(0.05, familySize, 2000, 200_000),
      seed: tuned.intervalSettings.seed,
    })
    expect('p' in direct && direct.p).toBe(rowOf(comparison, 'category=technical_support', 'f1_score').changes[1]!.paired!.pFirstBetter)
  })

  test('the seed question on one screen: F1 on technical support improved (paired, Holm), two-sided p = 2 x the smaller one-sided p', () => {
    const change = rowOf(comparison, 'category=technical_support', 'f1_score').changes[1]!
    expect(change.change).toBeGreaterThan(0.05)
    expect(change.verdict).toBe('better')
    expect(change.pValue).toBe(Math.min(1, 2 * Math.min(change.paired!.pFirstBetter, change.paired!.pThisBetter)))
    expect(change.holm!.level).toBeLessThan(0.05)
  })

  test('the paired test finds the overall F1 gain the unpaired one calls noise', () => {
    const unpaired = compareRuns([fromDisk('baseline', baseline, false), fromDisk('fine-tuned', tuned, false)])
    expect(rowOf(unpaired, 'overall', 'f1_score').changes[1]).toMatchObject({ verdict: 'no clear change' })
    expect(rowOf(unpaired, 'overall', 'f1_score').changes[1]!.pValue).toBeGreaterThan(0.2)
    expect(rowOf(comparison, 'overall', 'f1_score').changes[1]).toMatchObject({ verdict: 'better', test: 'paired-permutation' })
    expect(rowOf(comparison, 'category=billing', 'accuracy_score').changes[1]).toMatchObject({ verdict: 'worse', test: 'mcnemar-exact' })
  })

  test('runs on different rows, or without outputs, keep the unpaired test with the reason', async () => {
    const other = await classify(population(1200, createRandom(12)), baseProba)
    const different = compareRuns([fromDisk('baseline', baseline), fromDisk('other', other)])
    // the reason names the columns that differ (was: only "their dataset fingerprints differ")
    expect(different.testing[1]).toEqual({ paired: false, reason: 'the runs do not share their data (columns "truth", "category" changed)', fallbacks: [] })
    const noOutputs = compareRuns([fromDisk('baseline', baseline), { ...fromDisk('fine-tuned', tuned, false), outputsReason: 'fine-tuned/run.json has no outputs.json beside it' }])
    expect(noOutputs.testing[1]).toMatchObject({ paired: false, reason: 'fine-tuned/run.json has no outputs.json beside it' })
    expect(rowOf(noOutputs, 'overall', 'accuracy_score').changes[1]!.test).toBeUndefined()
  })
})

describe('regressors: MAE by the paired mean, r² by paired resampling from the stored outputs, both as the gate', async () => {
  const rows = Array.from({ length: 400 }, (_, i) => {
    const y = (i % 17) - 8
    const noise = (((i * 7919) % 101) / 101 - 0.5) * 2
    return { id: i, region: i % 2 === 0 ? 'eu' : 'us', y, good: y + noise, better: y + noise * (i % 2 === 0 ? 0.6 : 1) }
  })
  const regress = (predictions: string) => evaluate({ data: rows, targets: 'y', predictions, modelType: 'regressor', inputColumns: ['id', 'region'], slices: ['region'] })
  const first = await regress('good')
  const second = await regress('better')
  const comparison = compareRuns([fromDisk('v1', first), fromDisk('v2', second)])
  const gate = compareWithBaseline(createBaselineEntry(second, { metrics: Object.keys(second.metrics) }), first)
  const gateRow = (metric: string, slice: string) => gate.rows.find((r) => r.metric === metric && r.slice === slice)!

  test('the gain on eu is paired and significant; us is unchanged; every p the gate gives is the same', () => {
    const mae = rowOf(comparison, 'region=eu', 'mean_absolute_error').changes[1]!
    expect(mae).toMatchObject({ test: 'paired-mean', verdict: 'better' })
    expect(mae.paired!.pThisBetter).toBe(gateRow('mean_absolute_error', 'region=eu').pValue)
    const r2 = rowOf(comparison, 'region=eu', 'r2_score').changes[1]!
    expect(r2).toMatchObject({ test: 'paired-resample', verdict: 'better' })
    expect(gateRow('r2_score', 'region=eu').test).toBe('paired-resample')
    expect(r2.paired!.pThisBetter).toBe(gateRow('r2_score', 'region=eu').pValue)
    expect(rowOf(comparison, 'region=us', 'mean_absolute_error').changes[1]).toMatchObject({ change: 0, verdict: 'no clear change' })
    expect(comparison.testing[1]!.fallbacks).toEqual([])
  })

  test('r² worse by one row off by 50 while 9 others move by 0.01: the exchange floor, in the report as in the gate', async () => {
    // the rows that carry the change are counted by exchanging their outputs between the two
    // models (the report's recomputation takes the exchanged outputs as the gate's does): the one
    // row, not all ten that differ
    const data = rows.map((r, i) => ({ ...r, off: r.good + (i === 5 ? 50 : i % 40 === 1 ? 0.01 : 0) }))
    const own = (predictions: string) => evaluate({ data, targets: 'y', predictions, modelType: 'regressor', inputColumns: ['id', 'region'], slices: ['region'] })
    const good = await own('good')
    const off = await own('off')
    const report = compareRuns([fromDisk('v1', good), fromDisk('v2', off)])
    const change = rowOf(report, 'overall', 'r2_score').changes[1]!
    const inGate = compareWithBaseline(createBaselineEntry(good, { metrics: ['r2_score'] }), off, { metrics: ['r2_score'], slices: false }).rows.find((r) => r.metric === 'r2_score')!
    expect(inGate).toMatchObject({ test: 'paired-resample', verdict: 'noise' })
    // the exchange test's p on the rows' effects, 1/2 for the one row times the share of the nine
    // small ones' subsets that do not add up to a rise (about 0.29; 0.27 when the report did not
    // exchange, the resampling test's own)
    expect(inGate.pValue).toBeGreaterThan(0.28)
    expect(change).toMatchObject({ test: 'paired-resample', verdict: 'no clear change' })
    expect(change.paired!.pFirstBetter).toBe(inGate.pValue)
  })

  test('two prediction columns of one file without inputColumns are the same data: paired (was: "fingerprints differ", unpaired)', async () => {
    const own = (predictions: string) => evaluate({ data: rows, targets: 'y', predictions, modelType: 'regressor', slices: ['region'] })
    const pair = compareRuns([fromDisk('v1', await own('good')), fromDisk('v2', await own('better'))])
    expect(pair.sharedData).toBe(true)
    expect(pair.testing[1]).toMatchObject({ paired: true })
  })
})

// evalgate compare leaves out of Holm's family, as the gate does, the hypotheses no test can
// reject, known from which rows differ alone: a metric none of whose inputs differ on a scope's
// rows, and a label metric whose few differing rows give its exact test no two-sided p below
// 2 x 2^-d. Before, every such hypothesis held a share of the level (3 billing rows broken: the
// label metrics and the unmoved slices' metrics all counted in the family).
test('three billing rows broken: their label metrics and every unmoved metric are left out of the family, named in the note when they moved', async () => {
  const random = createRandom(21)
  const pop: Population = population(900, random)
  const baseProba = modelProbabilities(pop, random)
  const broken = baseProba.slice()
  let count = 0
  for (let i = 0; i < pop.n && count < 3; i++) {
    if (pop.category[i] !== 'billing' || argmax(baseProba, 3, i) !== pop.truth[i]) continue
    const c = (pop.truth[i] + 1) % 3
    ;[broken[i * 3 + pop.truth[i]], broken[i * 3 + c]] = [broken[i * 3 + c], broken[i * 3 + pop.truth[i]]]
    count++
  }
  const baseline = await classify(pop, baseProba)
  const candidate = await classify(pop, broken)
  const report = compareRuns([fromDisk('baseline', baseline), fromDisk('candidate', candidate)])
  const testing = report.testing[1]!
  const rowOf = (scope: string, metric: string) => report.rows.find((row) => row.scope === scope && row.metric === metric)!.changes[1]!
  // 3 rows differ: McNemar's two-sided p is at least 2 x 2^-3 = 0.25, above 0.05
  expect(rowOf('overall', 'accuracy_score')).toMatchObject({ verdict: 'no clear change', holm: { leftOut: true } })
  expect(rowOf('category=billing', 'f1_score')).toMatchObject({ verdict: 'no clear change', holm: { leftOut: true } })
  // nothing differs on product_A: equal values, left out, and not named (a change of 0)
  expect(rowOf('category=product_A', 'log_loss')).toMatchObject({ change: 0, holm: { leftOut: true } })
  // the rank metrics stay: exchanging rows between the two models moves them
  expect(rowOf('overall', 'roc_auc').holm!.leftOut).toBeUndefined()
  expect(testing.leftOut).toEqual(expect.arrayContaining(['accuracy_score', 'f1_score (category=billing)']))
  expect(testing.leftOut!.some((label) => label.includes('product_A'))).toBe(false)
  expect(report.testNote).toMatch(/Run 2: accuracy_score, .* left out of Holm's family: too few rows differ for any p of their tests to reach 0\.05, so no clear change\./)
  // the family is what stays: the rank metrics, overall and in billing
  const inFamily = new Set(report.rows.flatMap((row) => (row.changes[1]?.holm && !row.changes[1].holm.leftOut ? [`${row.scope} ${row.metric}`] : [])))
  expect([...inFamily].every((label) => /roc_auc|precision_recall_auc/.test(label))).toBe(true)
  expect(testing.familySize).toBeLessThanOrEqual(inFamily.size)
  expect(testing.familySize).toBeGreaterThan(0)
  // and the gate leaves the same label metrics out (its one-sided bound 2^-3 above 0.05)
  const gate = compareWithBaseline(createBaselineEntry(baseline, { metrics: Object.keys(baseline.metrics) }), candidate)
  expect(gate.rows.find((row) => row.metric === 'accuracy_score' && row.slice === undefined)!.verdict).not.toBe('fail')
})
