/**
 * What each custom metric read of the tables `evaluate()` gave it, recorded beside the run: the
 * baseline gate's exact tests charge a custom metric's call for it (`customMetricWidth`), so a
 * 13-class classifier's recalls read from the labels are not charged 13 probability columns each
 * (adversarial pass 50, F1: a tenth of the blocks, and a drop of 9 rows passed).
 */
import { expect, test } from 'vitest'
import { defineMetric, evaluate } from '../../src/index.js'
import { customMetricReadsOf } from '../../src/evaluate/run-table-engine.js'
import { customMetricWidth } from '../../src/compare/paired-data.js'
// @ts-expect-error plain JS module shared with the bench scripts
import { classRecall } from '../../bench/gate/gate-scenarios.mjs'

const labels = ['a', 'b', 'c']
const data = Array.from({ length: 60 }, (_, i) => ({
  region: i % 2 ? 'eu' : 'us',
  y: labels[i % 3]!,
  pred: labels[(i * 7) % 3]!,
  p_a: 0.5,
  p_b: 0.3,
  p_c: 0.2,
}))

const recallA = classRecall(defineMetric, 'recall_a', 0)
const meanPa = defineMetric({ name: 'mean_p_a', greaterIsBetter: true, fn: (t) => (t.modelType === 'classifier' && t.probabilities ? t.probabilities.a!.reduce((s, v) => s + v, 0) / t.rowCount : Number.NaN) })
const lossRatio = defineMetric({ name: 'loss_ratio', greaterIsBetter: false, fn: (_t, builtins) => builtins.log_loss! / 2 })
// reads the probabilities in one slice only (the whole run's table it reads by labels)
const euOnly = defineMetric({
  name: 'eu_only',
  greaterIsBetter: true,
  fn: (t) => {
    if (t.modelType !== 'classifier') return Number.NaN
    const region = t.column('region')
    return region[0] === 'eu' && t.rowCount < 60 ? (t.probabilities?.b?.[0] ?? 0) : t.predictedIndex[0]!
  },
})

/** What `name` read, but its `modelType` (which every one narrowing the table reads). */
const readOf = (reads: ReadonlyMap<string, ReadonlySet<string>>, name: string): string[] => [...reads.get(name)!].filter((field) => field !== 'modelType').sort()

test('evaluate() records what each custom metric read: fields of its scopes\' tables and the built-ins, by metric name', async () => {
  const run = await evaluate({ data, targets: 'y', predictions: 'pred', modelType: 'classifier', labels, probabilities: ['p_a', 'p_b', 'p_c'], slices: ['region'], extraMetrics: [recallA, meanPa, lossRatio, euOnly] })
  const reads = customMetricReadsOf(run)!
  expect(readOf(reads, 'recall_a')).toEqual(['predictedIndex', 'targetIndex'])
  expect(readOf(reads, 'mean_p_a')).toEqual(['probabilities'])
  expect(readOf(reads, 'loss_ratio')).toEqual(['builtins'])
  // a slice's table counts as well as the whole run's
  expect(readOf(reads, 'eu_only')).toEqual(['predictedIndex', 'probabilities'])
  // read from the labels, one value a row; from the probabilities or the built-ins, one a class
  expect(customMetricWidth([recallA], reads, 3)).toBe(1)
  expect(customMetricWidth([recallA, meanPa, lossRatio, euOnly], reads, 3)).toBe(1 + 3 + 3 + 3)
  // a metric whose reads were not recorded counts a class's worth, as before
  expect(customMetricWidth([recallA], undefined, 3)).toBe(3)
  expect(customMetricWidth([{ name: 'other' }], reads, 13)).toBe(13)
  // a regressor's metrics read one value a row, whatever they read
  expect(customMetricWidth([meanPa], reads, 0)).toBe(1)
})

test('the reads are of the run\'s own tables, not of an interval\'s resamples', async () => {
  // a metric that reads the probabilities only on resamples (tables of another row count)
  const onResamples = defineMetric({ name: 'on_resamples', greaterIsBetter: true, fn: (t) => (t.modelType === 'classifier' && t.rowCount !== 60 && t.rowCount !== 30 ? (t.probabilities?.a?.[0] ?? 0) : 0.5) })
  const run = await evaluate({ data, targets: 'y', predictions: 'pred', modelType: 'classifier', labels, probabilities: ['p_a', 'p_b', 'p_c'], slices: ['region'], extraMetrics: [onResamples], intervals: { seed: 3 } })
  expect(run.intervals.on_resamples).toBeDefined()
  expect(readOf(customMetricReadsOf(run)!, 'on_resamples')).toEqual([])
})
