/**
 * The floor under the resampling test of a recomputed metric (custom metrics, r2, average
 * precision) is the exact exchange test that recomputes the metric on every exchange of the two
 * models' outputs. Until this change it was the same test on the sum of the rows' single
 * exchanges, which cost a third of the power on a custom F1 of 12 rows made wrong
 * (bench/gate/README.md: 37% against 51% of 100 seeds).
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { PairedComparison, pairedRuns } from '../../src/compare/index.js'
import type { PairedData, RowExchange } from '../../src/compare/paired-data.js'
import { defineMetric, evaluate } from '../../src/index.js'
import { createRandom } from '../../src/stats/index.js'
// @ts-expect-error plain JS module shared with the bench script
import { LABELS, argmax, modelProbabilities, population, scenarioRecords, techSupportF1 } from '../../bench/gate/gate-scenarios.mjs'

const techF1 = techSupportF1(defineMetric)

describe('the exchange test under a recomputed metric', () => {
  test('a custom F1 with 12 technical_support rows made wrong fails (seed 10 of the power simulation: the rows\' single exchanges held it at 2^-8)', async () => {
    const random = createRandom(10)
    const pop = population(800, random)
    const baseline = modelProbabilities(pop, random)
    const current = modelProbabilities(pop, random)
    let made = 0
    for (let i = 0; i < pop.n && made < 12; i++) {
      if (pop.category[i] !== 'technical_support' || pop.truth[i] !== 0 || argmax(current, 3, i) !== 0) continue
      const top = current[i * 3]!
      current[i * 3] = current[i * 3 + 1]!
      current[i * 3 + 1] = top
      made++
    }
    const run = (proba: Float64Array) => evaluate({ data: scenarioRecords(pop, proba), targets: 'truth', modelType: 'classifier', labels: LABELS, probabilities: ['p_negative', 'p_neutral', 'p_positive'], inputColumns: ['id', 'category'], slices: ['category'], extraMetrics: [techF1] })
    const [before, after] = [await run(baseline), await run(current)]
    const verdict = compareWithBaseline(createBaselineEntry(before), after)
    const row = verdict.rows.find((r) => r.metric === 'f1_tech' && r.slice === undefined)!
    expect(row).toMatchObject({ verdict: 'fail', test: 'paired-resample' })
    expect(row.pValue).toBeLessThan(2 ** -8)
    // past its budget the floor is the sum of the rows' single exchanges, which held it at 2^-8
    const request = { metric: 'f1_tech', rows: null, scopeKey: '', valueA: before.metrics.f1_tech!, valueB: after.metrics.f1_tech!, greaterIsBetter: true, margin: 0, alpha: 0.05 / 27, largestLevel: 0.05, seed: 1 }
    const tested = new PairedComparison(pairedRuns(before, after)!).test(request) as { p: number }
    const summed = new PairedComparison(pairedRuns(before, after)!, { exchangeTestBudget: 0 }).test(request) as { p: number }
    expect(tested.p).toBeLessThan(2 ** -8)
    expect(summed.p).toBeGreaterThanOrEqual(2 ** -8)
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
    const recall = (which: 'a' | 'b', rows: Int32Array | null, swapped?: Uint8Array | RowExchange): number => {
      const [own, other] = which === 'a' ? [a, b] : [b, a]
      let flags = swapped instanceof Uint8Array ? swapped : undefined
      if (swapped !== undefined && !(swapped instanceof Uint8Array)) {
        flags = new Uint8Array(n)
        swapped.rows.forEach((row, j) => (flags![row] = swapped.flags[j]!))
      }
      let hits = 0
      let count = 0
      for (let j = 0; j < (rows ? rows.length : n); j++) {
        const i = rows ? rows[j]! : j
        if (targetIndex[i] !== 0) continue
        count++
        if ((flags?.[i] === 1 ? other : own)[i] === 0) hits++
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
})
