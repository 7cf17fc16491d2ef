/**
 * A custom metric that throws on some subsets of rows (none of the 3 VIP rows in a resample),
 * evaluated with `intervals: false` as evalgate's own advice says: the baseline gate's paired
 * resampling test counts a throw there as a resample where the metric is undefined, as a NaN,
 * instead of crashing the test with a ConfigError blaming "a scope of 631 rows" (adversarial
 * pass 28, finding 4). A real drop of the metric still fails.
 */
import { describe, expect, test } from 'vitest'
import { createBaselineEntry } from '../../src/baselines/entry.js'
import { compareWithBaseline } from '../../src/baselines/verdict.js'
import { defineMetric, evaluate, type MetricDefinition } from '../../src/evaluate/index.js'
import { createRandom } from '../../src/stats/index.js'

const n = 600
const random = createRandom(3)
const truth = Array.from({ length: n }, () => (random.uniform() < 0.5 ? 'a' : 'b'))
const vip = (i: number): boolean => i < 3

/** Accuracy with VIP rows weighted 20 times; throws where a table holds no VIP row. */
const vipWeighted = defineMetric({
  name: 'vip_weighted_accuracy',
  greaterIsBetter: true,
  fn: (table) => {
    const ids = table.column('id')
    let weight = 0
    let right = 0
    let vips = 0
    for (let i = 0; i < table.rowCount; i++) {
      const w = vip(Number(ids[i])) ? 20 : 1
      if (w > 1) vips++
      weight += w
      if (table.predictions[i] === table.targets?.[i]) right += w
    }
    if (vips === 0) throw new Error('no VIP row in this table')
    return right / weight
  },
})

/** The run of a model wrong on the rows `wrong` picks, with `metric` as its custom metric and no intervals (as the user's error advised). */
async function runOf(wrong: (i: number) => boolean, metric: MetricDefinition = vipWeighted) {
  const data = truth.map((t, i) => ({ id: i, truth: t, predicted: wrong(i) ? (t === 'a' ? 'b' : 'a') : t }))
  return evaluate({ data, targets: 'truth', predictions: 'predicted', modelType: 'classifier', inputColumns: ['id'], extraMetrics: [metric], intervals: false })
}

describe('a custom metric that throws on some resamples', () => {
  test('a re-train of the same quality is compared, not crashed; a real drop still fails', async () => {
    const base = await runOf((i) => (i * 7919) % 11 === 0)
    const entry = createBaselineEntry(base)
    // about as many rows moved each way
    const retrain = await runOf((i) => (i * 7919) % 11 === 0 ? i % 2 === 0 : (i * 104729) % 23 === 0)
    const verdict = compareWithBaseline(entry, retrain)
    const row = verdict.rows.find((r) => r.metric === 'vip_weighted_accuracy')!
    expect(row).toBeDefined()
    if (row.pValue !== undefined) expect(row.test).toBe('paired-resample')
    // the VIP rows and 60 more wrong: the metric falls far, and fails
    const broken = await runOf((i) => vip(i) || i % 10 === 5 || (i * 7919) % 11 === 0)
    const failed = compareWithBaseline(entry, broken).rows.find((r) => r.metric === 'vip_weighted_accuracy')!
    expect(failed).toMatchObject({ test: 'paired-resample', verdict: 'fail' })
  })

  test('a metric undefined on most resamples gets no paired test (it could not reach the level), so a 40-point drop fails on its values, saying why (adversarial pass 29)', async () => {
    // a "completeness check" that throws unless the table is the whole set or 40 rows larger: on about 95% of
    // resamples (their row counts are about 600 ± 24.5), never on the whole set
    const complete = defineMetric({
      name: 'complete_vip_accuracy',
      greaterIsBetter: true,
      fn: (table) => {
        if (table.rowCount !== n && table.rowCount < n + 40) throw new Error('incomplete table')
        let right = 0
        for (let i = 0; i < table.rowCount; i++) if (vip(Number(table.column('id')[i])) && table.predictions[i] === table.targets?.[i]) right++
        return right / 3
      },
    })
    const runWith = (wrong: (i: number) => boolean) => runOf(wrong, complete)
    const entry = createBaselineEntry(await runWith(() => false))
    const verdict = compareWithBaseline(entry, await runWith((i) => vip(i) && i < 2))
    const row = verdict.rows.find((r) => r.metric === 'complete_vip_accuracy')!
    expect(row).toMatchObject({ verdict: 'fail', test: 'none' })
    expect(verdict.notes.join('\n')).toMatch(/complete_vip_accuracy is undefined on [\d,]+ of [\d,]+ resamples \(NaN, or its function throwing\), too many for the paired test/)
    // no stored interval either: the note does not claim an unpaired test
    expect(verdict.notes.join('\n')).not.toContain('tested with the unpaired test')
  })

  test('undefined on about 60% of resamples: a re-train the defined ones show surely within noise passes (adversarial pass 30), a far drop fails', async () => {
    // accuracy that throws unless the table has at least 606 rows: undefined on about 60% of resamples
    const mostlyUndefined = defineMetric({
      name: 'big_table_accuracy',
      greaterIsBetter: true,
      fn: (table) => {
        if (table.rowCount !== n && table.rowCount < n + 6) throw new Error('too few rows')
        let right = 0
        for (let i = 0; i < table.rowCount; i++) if (table.predictions[i] === table.targets?.[i]) right++
        // not accuracy itself (which would be the same hypothesis, tested by McNemar)
        return right / (table.rowCount + 1)
      },
    })
    const runWith = (wrong: (i: number) => boolean) => runOf(wrong, mostlyUndefined)
    const entry = createBaselineEntry(await runWith((i) => i % 10 === 0))
    // one row fewer right: surely within noise
    const retrain = compareWithBaseline(entry, await runWith((i) => i % 10 === 0 || i === 1))
    expect(retrain.rows.find((r) => r.metric === 'big_table_accuracy')).toMatchObject({ verdict: 'noise', test: 'paired-resample' })
    const far = compareWithBaseline(entry, await runWith((i) => i % 10 === 0 || i % 10 === 1))
    expect(far.rows.find((r) => r.metric === 'big_table_accuracy')).toMatchObject({ verdict: 'fail' })
  })
})
