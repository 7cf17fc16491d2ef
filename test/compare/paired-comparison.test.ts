// The one paired comparison on real runs (evaluate()): which test each metric gets, regressions
// that only a paired test of the right metric sees, tolerance and margin in the null, and each
// hypothesis counted once.
import { describe, expect, test } from 'vitest'
import { renderBaselineTable } from '../../src/baselines/diff-table.js'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import type { BaselineEntry } from '../../src/baselines/types.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { PairedComparison, compareRuns, pairedRuns } from '../../src/compare/index.js'
import { floorReachingDraws, monteCarloDraws } from '../../src/compare/hypothesis-family.js'
import { defineMetric } from '../../src/evaluate/define-metric.js'
import type { EvalTable } from '../../src/evaluate/eval-table.js'
import { evaluate } from '../../src/evaluate/index.js'
import type { EvalRun } from '../../src/run/types.js'
import { createRandom } from '../../src/stats/index.js'
// @ts-expect-error plain JS module shared with the bench script
import { LABELS, argmax, modelProbabilities, population, scenarioRecords } from '../../bench/gate/gate-scenarios.mjs'

type Population = { n: number; k: number; truth: Int32Array; category: string[]; logits: Float64Array }

const rowOf = (verdict: ReturnType<typeof compareWithBaseline>, metric: string, slice?: string) => verdict.rows.find((row) => row.metric === metric && row.slice === slice)!

const classify = (pop: Population, proba: Float64Array, extra: Record<string, unknown> = {}): Promise<EvalRun> =>
  evaluate({
    data: scenarioRecords(pop, proba),
    targets: 'truth',
    modelType: 'classifier',
    labels: LABELS,
    probabilities: ['p_negative', 'p_neutral', 'p_positive'],
    inputColumns: ['id', 'category'],
    intervals: { resamples: 200, rowResamples: 200 },
    ...extra,
  })

const logLossOf = (pop: Population, proba: Float64Array): number => {
  let total = 0
  for (let i = 0; i < pop.n; i++) total -= Math.log(proba[i * 3 + pop.truth[i]])
  return total / pop.n
}

/** Probabilities pulled toward uniform by `lambda`: same argmax, same ranking per label. */
const flatten = (proba: Float64Array, lambda: number): Float64Array => proba.map((p) => (1 - lambda) * p + lambda / 3)

describe('a probability regression with unchanged labels (1,000 rows)', async () => {
  const random = createRandom(7)
  const pop: Population = population(1000, random)
  const baseProba = modelProbabilities(pop, random)
  // lambda such that log_loss rises 9%
  const target = logLossOf(pop, baseProba) * 1.09
  let low = 0
  let high = 1
  for (let step = 0; step < 60; step++) {
    const mid = (low + high) / 2
    if (logLossOf(pop, flatten(baseProba, mid)) < target) low = mid
    else high = mid
  }
  const flatProba = flatten(baseProba, low)
  const base = await classify(pop, baseProba)
  const flat = await classify(pop, flatProba)
  const entry = createBaselineEntry(base)

  test('labels, accuracy and ROC AUC are unchanged; log_loss rose 9%', () => {
    expect(flat.metrics.accuracy_score).toBe(base.metrics.accuracy_score)
    expect(flat.metrics.f1_score).toBe(base.metrics.f1_score)
    expect(flat.metrics.roc_auc).toBeCloseTo(base.metrics.roc_auc, 12)
    expect(flat.metrics.log_loss / base.metrics.log_loss).toBeCloseTo(1.09, 6)
  })

  test('fails on log_loss with the paired mean of per-example differences', () => {
    const verdict = compareWithBaseline(entry, flat)
    expect(verdict.status).toBe('failed')
    const row = rowOf(verdict, 'log_loss')
    expect(row).toMatchObject({ verdict: 'fail', test: 'paired-mean' })
    // the sign-flip test's Monte-Carlo floor, 1 / (1 + draws): no flip reaches the observed rise
    expect(row.pValue).toBeLessThanOrEqual(1 / 2001)
    expect(renderBaselineTable(verdict.rows)).toMatch(/\nlog_loss\s.*FAIL p=\S+ paired-mean/)
  })

  test('the unpaired test from the stored intervals (the entry without probabilities) reads a p 24 times larger', () => {
    const withoutProbabilities: BaselineEntry = structuredClone(entry)
    delete withoutProbabilities.probabilities
    const verdict = compareWithBaseline(withoutProbabilities, flat)
    const unpaired = rowOf(verdict, 'log_loss')
    expect(unpaired.test).toBe('unpaired-normal')
    expect(unpaired.pValue).toBeGreaterThan(20 * rowOf(compareWithBaseline(entry, flat), 'log_loss').pValue!)
    // 0.012: it fails only because the label metrics, equal on every row, are left out of the
    // family; with them, at 0.05 / 7, it passed as noise
    expect(unpaired.pValue).toBeGreaterThan(0.05 / 7)
    expect(verdict.notes.join('\n')).toContain('no paired test for log_loss: the baseline entry stores no probabilities')
  })

  test('a tolerance above the rise is in the null: the same rise then passes', () => {
    const rise = flat.metrics.log_loss - base.metrics.log_loss
    const verdict = compareWithBaseline(entry, flat, { perMetric: { log_loss: { tolerance: rise * 1.5 } } })
    expect(rowOf(verdict, 'log_loss').verdict).toBe('pass')
    // just below the rise: still beyond it, but not significantly, so noise rather than a failure
    const near = compareWithBaseline(entry, flat, { perMetric: { log_loss: { tolerance: rise * 0.95 } } })
    expect(rowOf(near, 'log_loss').verdict).toBe('noise')
    expect(rowOf(near, 'log_loss').pValue).toBeGreaterThan(0.05)
  })

  test('the entry stores the probabilities as float64', () => {
    expect(entry.probabilities).toMatchObject({ encoding: 'float64le-base64', length: 1000, classes: 3 })
    expect(entry.probabilities!.values.length).toBe(Math.ceil((1000 * 3 * 8) / 3) * 4)
  })
})

describe('a technical-support regression that only a custom metric sees', async () => {
  const random = createRandom(11)
  const pop: Population = population(1000, random)
  const baseProba = modelProbabilities(pop, random)
  const currentProba = baseProba.slice()
  // 30 technical_support rows break and 30 rows of other categories are fixed, each the row
  // closest to a tie (its two top probabilities swap): accuracy is unchanged and the
  // probabilities barely move, so log_loss and roc_auc stay within noise
  const swap = (i: number, a: number, b: number) => {
    ;[currentProba[i * 3 + a], currentProba[i * 3 + b]] = [currentProba[i * 3 + b], currentProba[i * 3 + a]]
  }
  const runnerUp = (i: number): number => {
    const top = argmax(currentProba, 3, i)
    let second = -1
    for (let c = 0; c < 3; c++) if (c !== top && (second < 0 || currentProba[i * 3 + c] > currentProba[i * 3 + second])) second = c
    return second
  }
  const gap = (i: number): number => currentProba[i * 3 + argmax(currentProba, 3, i)] - currentProba[i * 3 + runnerUp(i)]
  const rowIds = Array.from({ length: pop.n }, (_, i) => i)
  const toBreak = rowIds.filter((i) => pop.category[i] === 'technical_support' && argmax(baseProba, 3, i) === pop.truth[i]).sort((x, y) => gap(x) - gap(y)).slice(0, 30)
  const toFix = rowIds.filter((i) => pop.category[i] !== 'technical_support' && argmax(baseProba, 3, i) !== pop.truth[i] && runnerUp(i) === pop.truth[i]).sort((x, y) => gap(x) - gap(y)).slice(0, 30)
  for (const i of toBreak) swap(i, pop.truth[i], runnerUp(i))
  for (const i of toFix) swap(i, pop.truth[i], argmax(currentProba, 3, i))
  const techF1 = defineMetric({
    name: 'f1_tech_support',
    greaterIsBetter: true,
    fn: (table: EvalTable) => {
      if (table.modelType !== 'classifier') return Number.NaN
      const category = table.columns.category
      let f1 = 0
      for (const label of table.labels) {
        let tp = 0
        let fp = 0
        let fn = 0
        for (let i = 0; i < table.rowCount; i++) {
          if (category[i] !== 'technical_support') continue
          const t = table.targets[i] === label
          const p = table.predictions[i] === label
          if (t && p) tp++
          else if (p) fp++
          else if (t) fn++
        }
        f1 += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)
      }
      return f1 / table.labels.length
    },
  })
  const base = await classify(pop, baseProba, { extraMetrics: [techF1] })
  const current = await classify(pop, currentProba, { extraMetrics: [techF1] })

  test('the custom metric fell by about 0.1 while accuracy is unchanged', () => {
    expect(current.metrics.accuracy_score).toBe(base.metrics.accuracy_score)
    expect(base.metrics.f1_tech_support - current.metrics.f1_tech_support).toBeGreaterThan(0.08)
  })

  test('the gate fails on the custom metric, tested on paired resamples of the stored and current tables, and names it', () => {
    const verdict = compareWithBaseline(createBaselineEntry(base), current)
    expect(verdict.status).toBe('failed')
    expect(rowOf(verdict, 'f1_tech_support')).toMatchObject({ verdict: 'fail', test: 'paired-resample' })
    expect(verdict.rows.filter((row) => row.verdict === 'fail').map((row) => row.metric)).toEqual(['f1_tech_support'])
    expect(renderBaselineTable(verdict.rows)).toMatch(/\nf1_tech_support\s.*FAIL p=\S+ paired-resample/)
  })
})

describe('each hypothesis once', async () => {
  const random = createRandom(5)
  const pop: Population = population(600, random)
  const accuracyAgain = defineMetric({
    name: 'share_right',
    greaterIsBetter: true,
    fn: (table: EvalTable) => {
      let right = 0
      for (let i = 0; i < table.rowCount; i++) if (table.modelType === 'classifier' && table.targetIndex[i] === table.predictedIndex[i]) right++
      return right / table.rowCount
    },
  })
  const baseProba = modelProbabilities(pop, random)
  const worseProba = baseProba.slice()
  let made = 0
  for (let i = 0; i < pop.n && made < 25; i++) {
    if (argmax(worseProba, 3, i) !== pop.truth[i]) continue
    const c = (pop.truth[i] + 1) % 3
    ;[worseProba[i * 3 + pop.truth[i]], worseProba[i * 3 + c]] = [worseProba[i * 3 + c], worseProba[i * 3 + pop.truth[i]]]
    made++
  }
  const options = { extraMetrics: [accuracyAgain], slices: ['category'] }
  const base = await classify(pop, baseProba, options)
  const worse = await classify(pop, worseProba, options)

  test('weighted recall and a custom metric equal to accuracy share its test and count once in Holm', () => {
    const verdict = compareWithBaseline(createBaselineEntry(base, { metrics: ['accuracy_score', 'recall_score', 'share_right'], slices: false }), worse)
    const accuracy = rowOf(verdict, 'accuracy_score')
    expect(accuracy.test).toBe('mcnemar-exact')
    expect(rowOf(verdict, 'recall_score')).toMatchObject({ test: 'mcnemar-exact (as accuracy_score)', pValue: accuracy.pValue, verdict: accuracy.verdict })
    expect(rowOf(verdict, 'share_right')).toMatchObject({ test: 'mcnemar-exact (as accuracy_score)', pValue: accuracy.pValue })
    // one hypothesis: Holm's level is alpha itself
    const noise = compareWithBaseline(createBaselineEntry(base, { metrics: ['accuracy_score', 'recall_score', 'share_right'], slices: false }), worse, { significance: accuracy.pValue! * 1.01 })
    expect(rowOf(noise, 'accuracy_score').verdict).toBe('fail')
    expect(rowOf(noise, 'share_right').verdict).toBe('fail')
  })

  test('25 rows newly wrong, none fixed: exact McNemar gives 2^-25', () => {
    const verdict = compareWithBaseline(createBaselineEntry(base, { metrics: ['accuracy_score'], slices: false }), worse)
    expect(rowOf(verdict, 'accuracy_score').pValue).toBeCloseTo(2 ** -25, 20)
  })

  test('every headline metric gets its paired test', () => {
    const verdict = compareWithBaseline(createBaselineEntry(base), worse, { correction: 'none' })
    const testOf = (metric: string) => rowOf(verdict, metric).test
    expect(testOf('accuracy_score')).toBe('mcnemar-exact')
    expect(testOf('f1_score')).toBe('paired-permutation')
    expect(testOf('precision_score')).toBe('paired-permutation')
    expect(testOf('log_loss')).toBe('paired-mean')
    expect(testOf('roc_auc')).toBe('paired-delong')
    expect(verdict.notes.filter((note) => note.startsWith('no paired test'))).toEqual([])
  })
})

describe('toOutperform: the same comparison, margin in the null', async () => {
  const random = createRandom(3)
  const pop: Population = population(800, random)
  const good = modelProbabilities(pop, random)
  const weak = good.slice()
  let made = 0
  for (let i = 0; i < pop.n && made < 40; i++) {
    if (argmax(weak, 3, i) !== pop.truth[i]) continue
    const c = (pop.truth[i] + 2) % 3
    ;[weak[i * 3 + pop.truth[i]], weak[i * 3 + c]] = [weak[i * 3 + c], weak[i * 3 + pop.truth[i]]]
    made++
  }
  const candidate = await classify(pop, good, { intervals: false })
  const other = await classify(pop, weak, { intervals: false })
  const options = { greaterIsBetter: true, seed: 0, alpha: 0.05 }

  test('a 5-point accuracy gain is significant above margin 0, not above a margin of 0.045', () => {
    const gain = candidate.metrics.accuracy_score - other.metrics.accuracy_score
    expect(gain).toBeCloseTo(0.05, 12)
    const zero = compareRuns(candidate, other, 'accuracy_score', { ...options, margin: 0 })
    expect(zero).toMatchObject({ test: 'mcnemar-exact', detail: '40 examples right only for the candidate, 0 right only for the other model' })
    expect(zero.p).toBeLessThan(1e-9)
    expect(compareRuns(candidate, other, 'accuracy_score', { ...options, margin: 0.045 }).p).toBeGreaterThan(0.05)
  })

  test('roc_auc gets paired DeLong, log_loss the paired mean, micro-free F1 the permutation test', () => {
    expect(compareRuns(candidate, other, 'roc_auc', { ...options, margin: 0 }).test).toBe('paired-delong')
    expect(compareRuns(candidate, other, 'log_loss', { ...options, greaterIsBetter: false, margin: 0 }).test).toBe('paired-mean')
    const f1 = compareRuns(candidate, other, 'f1_score', { ...options, margin: 0 })
    expect(f1.test).toBe('paired-permutation')
    expect(f1.p).toBeLessThan(0.001)
  })
})

describe('regressors: one r² for baselines and toOutperform, from the metric engine', async () => {
  const rows = Array.from({ length: 300 }, (_, i) => {
    const y = (i % 13) - 6
    const noise = (((i * 7919) % 101) / 101 - 0.5) * 2
    return { id: i, y, good: y + noise, bad: y + noise * 2.5, flat: 3, flatGood: 3 + noise * 0.1, flatBad: 3 + noise }
  })
  const regress = (predictions: string, targets = 'y') => evaluate({ data: rows, targets, predictions, modelType: 'regressor', inputColumns: ['id'], intervals: false })
  const good = await regress('good')
  const bad = await regress('bad')

  test('r2 and RMSE get paired resampling, MAE the paired mean, in both places', () => {
    const options = { greaterIsBetter: true, seed: 0, alpha: 0.05, margin: 0 }
    const r2 = compareRuns(good, bad, 'r2_score', options)
    expect(r2.test).toBe('paired-resample')
    expect(r2.p).toBeLessThan(0.001)
    expect(compareRuns(good, bad, 'mean_absolute_error', { ...options, greaterIsBetter: false }).test).toBe('paired-mean')
    const verdict = compareWithBaseline(createBaselineEntry(good), bad)
    expect(rowOf(verdict, 'r2_score')).toMatchObject({ test: 'paired-resample', verdict: 'fail' })
    expect(rowOf(verdict, 'root_mean_squared_error')).toMatchObject({ test: 'paired-resample', verdict: 'fail' })
    expect(rowOf(verdict, 'mean_absolute_error')).toMatchObject({ test: 'paired-mean', verdict: 'fail' })
  })

  test('in a family of 839 hypotheses a far drop of r2 can still fail: the resampling test draws on past its 10,000 draws where the drop lies beyond them all (adversarial pass 25)', () => {
    const paired = new PairedComparison(pairedRuns(good, bad)!)
    const level = 0.05 / 839
    const request = { metric: 'r2_score', rows: null, scopeKey: '', valueA: good.metrics.r2_score!, valueB: bad.metrics.r2_score!, greaterIsBetter: true, margin: 0, alpha: level, seed: 0, resampleDraws: monteCarloDraws(0.05, 839, 2000, 10_000) }
    const capped = paired.test(request)
    expect(capped).toMatchObject({ test: 'paired-resample', draws: 10_000 })
    expect((capped as { p: number }).p).toBeGreaterThan(level)
    const extended = paired.test({ ...request, resampleMaxDraws: floorReachingDraws(0.05, 839, 200_000) })
    expect(extended).toMatchObject({ test: 'paired-resample', draws: 17_619 })
    expect((extended as { p: number }).p).toBeLessThan(level)
  })

  test("constant targets: r2 follows the engine's force_finite rule (0) in both runs, so there is nothing to test", async () => {
    const flatGood = await regress('flatGood', 'flat')
    const flatBad = await regress('flatBad', 'flat')
    expect(flatGood.metrics.r2_score).toBe(0)
    expect(flatBad.metrics.r2_score).toBe(0)
    const verdict = compareWithBaseline(createBaselineEntry(flatGood), flatBad)
    expect(rowOf(verdict, 'r2_score')).toMatchObject({ verdict: 'pass', change: 0 })
    expect(compareRuns(flatGood, flatBad, 'r2_score', { greaterIsBetter: true, seed: 0, alpha: 0.05, margin: 0 }).p).toBe(1)
  })
})
