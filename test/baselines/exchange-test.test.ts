/**
 * The floor under the resampling test of a recomputed metric (custom metrics, r2, average
 * precision) is the smaller, doubled, of two exchange tests: the one that recomputes the metric
 * on every exchange of the two models' outputs, and the same test on the sum of the rows' single
 * exchanges (the floor before, alone). The sum cost power on a custom F1 of 12 rows made wrong
 * while its blocks were cut in the file's order (bench/gate/README.md: 37% against 46% of 100
 * seeds); the recomputing test alone missed a drop of average precision whose probabilities were
 * also recalibrated (adversarial pass 46).
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { PairedComparison, pairedRuns } from '../../src/compare/index.js'
import type { PairedData, RowExchange } from '../../src/compare/paired-data.js'
import { defineMetric, evaluate } from '../../src/index.js'
import { createRandom } from '../../src/stats/index.js'
// @ts-expect-error plain JS module shared with the bench script
import { LABELS, makeTechSupportWrong, modelProbabilities, population, scenarioRecords, techSupportF1 } from '../../bench/gate/gate-scenarios.mjs'

const techF1 = techSupportF1(defineMetric)

describe('the exchange test under a recomputed metric', () => {
  test("a custom F1 with 12 technical_support rows made wrong fails (seed 29 of the power simulation), and the rows' single exchanges alone reach the same p (cut in the file's order, they held it at 0.0033)", async () => {
    const random = createRandom(29)
    const pop = population(800, random)
    const baseline = modelProbabilities(pop, random)
    const current = modelProbabilities(pop, random)
    makeTechSupportWrong(pop, current, 12)
    const run = (proba: Float64Array) => evaluate({ data: scenarioRecords(pop, proba), targets: 'truth', modelType: 'classifier', labels: LABELS, probabilities: ['p_negative', 'p_neutral', 'p_positive'], inputColumns: ['id', 'category'], slices: ['category'], extraMetrics: [techF1] })
    const [before, after] = [await run(baseline), await run(current)]
    const verdict = compareWithBaseline(createBaselineEntry(before), after)
    const row = verdict.rows.find((r) => r.metric === 'f1_tech' && r.slice === undefined)!
    expect(row).toMatchObject({ verdict: 'fail', test: 'paired-resample' })
    // past its budget the floor is the rows' single exchanges' sum alone: the 12 rows are the first
    // that qualify in the file, and blocks cut in the file's order crowded them into a few, which
    // held the drop at 0.0033; cut in the seed's order they spread, and the sum reaches the same p
    const request = { metric: 'f1_tech', rows: null, scopeKey: '', valueA: before.metrics.f1_tech!, valueB: after.metrics.f1_tech!, greaterIsBetter: true, margin: 0, alpha: 0.05 / 27, largestLevel: 0.05, seed: 1 }
    const tested = new PairedComparison(pairedRuns(before, after)!).test(request) as { p: number }
    const summed = new PairedComparison(pairedRuns(before, after)!, { exchangeTestBudget: 0 }).test(request) as { p: number }
    expect(summed.p).toBe(tested.p)
    expect(summed.p).toBeLessThan(0.0033)
  }, 60_000)

  test('from the labels alone (a baseline without probabilities) the rows are exchanged too: 12 rows of class 0 made wrong among 32 that differ', () => {
    const n = 600
    const targetIndex = Int32Array.from({ length: n }, (_, i) => i % 3)
    const a = Int32Array.from(targetIndex)
    const b = Int32Array.from(targetIndex)
    for (let i = 0, made = 0; made < 12; i += 3, made++) b[i] = 1
    // 20 rows of the other classes move: 10 right -> wrong in b, 10 wrong in a (right in b)
    for (let j = 0; j < 10; j++) b[3 * (100 + j) + 1] = 2
    for (let j = 0; j < 10; j++) a[3 * (150 + j) + 2] = 1
    /** Recall of class 0 of model `which`, rows `swapped` taking the other model's labels. */
    const recall = (which: 'a' | 'b', rows: Int32Array | null, swapped?: RowExchange): number => {
      const [own, other] = which === 'a' ? [a, b] : [b, a]
      const flags = new Uint8Array(n)
      swapped?.rows.forEach((row, j) => (flags[row] = swapped.flags[j]!))
      let hits = 0
      let count = 0
      for (let j = 0; j < (rows ? rows.length : n); j++) {
        const i = rows ? rows[j]! : j
        if (targetIndex[i] !== 0) continue
        count++
        if ((flags[i] === 1 ? other : own)[i] === 0) hits++
      }
      return hits / count
    }
    const data: PairedData = {
      modelType: 'classifier',
      n,
      k: 3,
      average: 'weighted',
      posIndex: undefined,
      targetIndex,
      a: { predictedIndex: a },
      b: { predictedIndex: b },
      customWithoutProbabilitiesOf: (which, rows, _resample, swapped) => ({ z_recall: recall(which, rows, swapped) }),
      recomputeReason: 'the baseline stores no probabilities',
    }
    const valueA = recall('a', null)
    const valueB = recall('b', null)
    expect(valueA - valueB).toBeCloseTo(12 / 200, 12)
    const result = new PairedComparison(data).test({ metric: 'z_recall', rows: null, scopeKey: '', valueA, valueB, greaterIsBetter: true, margin: 0, alpha: 0.05, seed: 3 })
    expect(result).toMatchObject({ test: 'paired-resample', withoutProbabilities: true })
    // only the exchanges that leave all 12 rows in place reach the drop: 2^-12, below the draws' resolution
    expect((result as { p: number }).p).toBeLessThan(0.001)
  })

  test('a real drop of average precision fails when the probabilities were also recalibrated (logit x3 + 1, the ranking kept): every row exchanged at once mixes the two scales (adversarial pass 46, F1)', async () => {
    const random = createRandom(46)
    const n = 2000
    const truth = Array.from({ length: n }, () => (random.uniform() < 0.3 ? 1 : 0))
    const shared = truth.map(() => random.normal())
    const own = truth.map(() => random.normal())
    /** Logit of the positive class; the current run's positives lose 0.12, then logit x3 + 1. */
    const records = (current: boolean) =>
      truth.map((y, i) => {
        const z = current ? 0.97 * shared[i]! + Math.sqrt(1 - 0.97 ** 2) * own[i]! : shared[i]!
        let logit = (y === 1 ? 1.2 - (current ? 0.12 : 0) : -0.8) + z
        if (current) logit = 3 * logit + 1
        const p = 1 / (1 + Math.exp(-logit))
        return { y: String(y), p1: p, p0: 1 - p, pred: p >= 0.5 ? '1' : '0' }
      })
    const run = (current: boolean) => evaluate({ data: records(current), targets: 'y', predictions: 'pred', probabilities: ['p0', 'p1'], labels: ['0', '1'], posLabel: '1', modelType: 'classifier' })
    const [before, after] = [await run(false), await run(true)]
    expect(after.metrics.precision_recall_auc).toBeLessThan(before.metrics.precision_recall_auc! - 0.015)
    const tracked = { metrics: ['precision_recall_auc'] }
    const verdict = compareWithBaseline(createBaselineEntry(before, tracked), after, tracked)
    expect(verdict.rows.find((r) => r.metric === 'precision_recall_auc')).toMatchObject({ verdict: 'fail', test: 'paired-resample' })
  }, 60_000)

  /** A 5,000-row regressor re-trained, its 12 "vip" rows (0-11: one block of the single exchanges cut in the file's order) 1.3 times further off. */
  async function vipVerdict(seed: number) {
    const random = createRandom(seed)
    const n = 5000
    const rows = Array.from({ length: n }, (_, i) => ({ id: i, x: random.normal(), y: 0 }))
    for (const row of rows) row.y = 10 + 3 * row.x + 2 * random.normal()
    const errors = rows.map(() => random.normal())
    const again = errors.map((e) => 0.97 * e + Math.sqrt(1 - 0.97 ** 2) * random.normal())
    const vip = defineMetric({
      name: 'vip_mae',
      greaterIsBetter: false,
      fn: (t) => {
        if (t.modelType !== 'regressor') return Number.NaN
        let sum = 0
        for (let i = 0; i < 12; i++) sum += Math.abs(t.targets[i]! - t.predictions[i]!)
        return sum / 12
      },
    })
    const run = (e: number[]) => evaluate({ data: rows.map((r, i) => ({ ...r, p: r.y + e[i]! })), targets: 'y', predictions: 'p', modelType: 'regressor', extraMetrics: [vip] })
    const tracked = { metrics: ['vip_mae', 'mean_absolute_error', 'root_mean_squared_error', 'r2_score'] }
    const verdict = compareWithBaseline(createBaselineEntry(await run(errors), tracked), await run(again.map((e, i) => (i < 12 ? 1.3 * e : e))), tracked)
    return { row: verdict.rows.find((r) => r.metric === 'vip_mae')!, warnings: verdict.warnings.join('\n') }
  }

  test('12 consecutive rows all worse: caught (the single exchanges cut in the file\'s order read one block, p = 0.5), and a drop within noise is not said to be "too few rows to reject" (adversarial pass 46, M1)', async () => {
    const caught = await vipVerdict(10)
    expect(caught.row).toMatchObject({ verdict: 'fail', test: 'paired-resample' })
    const within = await vipVerdict(5)
    expect(within.row.verdict).toBe('noise')
    expect(within.row.change).toBeGreaterThan(0.2)
    expect(within.warnings).toMatch(/vip_mae rose/)
    expect(within.warnings).not.toMatch(/vip_mae.*too few for the test to reject/)
  }, 60_000)
})
