/**
 * Slices (columns, crosses, minSliceSize, on-demand slices), label order, reproducible
 * intervals, the JSON round trip, in-memory internals and run observers.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadDataset } from '../../src/data/index.js'
import { defineMetric, evaluate } from '../../src/evaluate/index.js'
import { slicesOf } from '../../src/evaluate/run-table-engine.js'
import { runTableOf } from '../../src/run/run-table.js'
import { observeRuns } from '../../src/run/observers.js'
import type { EvalRun } from '../../src/run/types.js'
import { sampleClassifierRecords } from './run-samples.js'

const records = sampleClassifierRecords(300)
const options = { data: records, targets: 'target', predictions: 'prediction', probabilities: ['p_a', 'p_b', 'p_c'], modelType: 'classifier' as const }

function accuracyOf(rows: typeof records): number {
  return rows.filter((r) => r.target === r.prediction).length / rows.length
}

describe('slices', () => {
  test('one column and a cross: keys, values, every metric with intervals, per-class and confusion matrix', async () => {
    const run = await evaluate({ ...options, slices: ['category', ['category', 'region']], minSliceSize: 10 })
    expect(run.sliceColumns).toEqual(['category', ['category', 'region']])
    expect(Object.keys(run.slices)).toEqual([
      'category=billing',
      'category=shipping',
      'category=technical_support',
      'category=billing&region=eu',
      'category=billing&region=us',
      'category=shipping&region=eu',
      'category=shipping&region=us',
      'category=technical_support&region=eu',
      'category=technical_support&region=us',
    ])
    const cross = run.slices['category=billing&region=eu']
    const rows = records.filter((r) => r.category === 'billing' && r.region === 'eu')
    expect(cross).toMatchObject({ key: 'category=billing&region=eu', columns: ['category', 'region'], values: ['billing', 'eu'], exampleCount: rows.length })
    expect(cross.metrics.accuracy_score).toBe(accuracyOf(rows))
    expect(cross.metrics.example_count).toBe(rows.length)
    expect(cross.intervals.accuracy_score.method).toBe('multinomial-bootstrap-bca')
    expect(cross.intervals.roc_auc.method).toBe('delong')
    expect(cross.confusionMatrix?.labels).toEqual(['a', 'b', 'c'])
    const total = cross.confusionMatrix!.counts.flat().reduce((s, x) => s + x, 0)
    expect(total).toBe(rows.length)
    expect(cross.perClass?.map((p) => p.label)).toEqual(['a', 'b', 'c'])
    expect(cross.perClass?.reduce((s, p) => s + p.support, 0)).toBe(rows.length)
  })

  test('slices below minSliceSize report only their size and a note', async () => {
    const run = await evaluate({ ...options, slices: [['category', 'region']], minSliceSize: 60 })
    const small = run.slices['category=billing&region=eu']
    expect(small.exampleCount).toBe(25)
    expect(small.metrics).toEqual({})
    expect(small.intervals).toEqual({})
    expect(small.perClass).toBeUndefined()
    expect(small.notes).toEqual(['25 examples, fewer than `minSliceSize` (60): metrics not computed'])
    expect(run.slices['category=billing&region=us'].metrics.accuracy_score).toBeTypeOf('number')
    expect(run.minSliceSize).toBe(60)
    const byDefault = await evaluate({ ...options, data: records.slice(0, 80), slices: [['category', 'region']] })
    expect(byDefault.minSliceSize).toBe(30)
    expect(byDefault.slices['category=billing&region=eu'].metrics).toEqual({})
  })

  test('numeric slice values sort numerically; slicesOf answers a column not declared', async () => {
    const data = records.map((r, i) => ({ ...r, bucket: [10, 9, 100][i % 3] }))
    const run = await evaluate({ ...options, data, slices: ['bucket'], minSliceSize: 1 })
    expect(Object.keys(run.slices)).toEqual(['bucket=9', 'bucket=10', 'bucket=100'])
    const onDemand = slicesOf(run, runTableOf(run)!, 'region')
    expect(Object.keys(onDemand)).toEqual(['region=eu', 'region=us'])
    expect(onDemand['region=eu'].metrics.accuracy_score).toBe(accuracyOf(records.filter((r) => r.region === 'eu')))
    expect(() => slicesOf(run, runTableOf(run)!, 'nope')).toThrow('slice column "nope" not found')
  })
})

describe('labels', () => {
  test('CSV "1"/"0" targets and a model returning numbers are the same classes; numeric order; default posLabel the largest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalgate-evaluate-'))
    const file = join(dir, 'data.csv')
    writeFileSync(file, 'x,label\n1,10\n2,9\n3,10\n4,2\n')
    const data = await loadDataset(file)
    const run = await evaluate({ data, targets: 'label', modelType: 'classifier', intervals: false, model: (rows) => rows.map((r) => (r.x === 4 ? 9 : 10)) })
    expect(run.labels).toEqual(['2', '9', '10'])
    expect(run.metrics.accuracy_score).toBe(0.5)
    const binary = await evaluate({ data: [{ y: 10, p: 9 }, { y: 9, p: 9 }], targets: 'y', predictions: 'p', modelType: 'classifier', intervals: false })
    expect(binary.labels).toEqual(['9', '10'])
    expect(binary.posLabel).toBe('10')
    expect(binary.metrics.false_negatives).toBe(1)
  })

  test('explicit labels fix the order (and probability columns follow it); posLabel may be any label', async () => {
    const run = await evaluate({ ...options, labels: ['c', 'b', 'a'], probabilities: ['p_c', 'p_b', 'p_a'] })
    const sorted = await evaluate(options)
    expect(run.labels).toEqual(['c', 'b', 'a'])
    expect(run.metrics.accuracy_score).toBe(sorted.metrics.accuracy_score)
    expect(run.metrics.roc_auc).toBeCloseTo(sorted.metrics.roc_auc, 12)
    expect(run.perClass?.[0]).toEqual(sorted.perClass?.[2])
  })

  test('a single label is evaluated as a single-class problem with a note', async () => {
    const run = await evaluate({ data: [{ y: 'a', p: 'a' }, { y: 'a', p: 'a' }], targets: 'y', predictions: 'p', modelType: 'classifier' })
    expect(run.labels).toEqual(['a'])
    expect(run.metrics.accuracy_score).toBe(1)
    expect(run.posLabel).toBeUndefined()
    expect(run.notes.join('\n')).toContain('only one label ("a")')
  })
})

describe('runs', () => {
  test('intervals are reproducible with the same seed, differ with another, and record their settings', async () => {
    const a = await evaluate({ ...options, intervals: { seed: 7 } })
    const b = await evaluate({ ...options, intervals: { seed: 7 } })
    const c = await evaluate({ ...options, intervals: { seed: 8 } })
    expect(a.intervals).toEqual(b.intervals)
    expect(a.intervals.accuracy_score).not.toEqual(c.intervals.accuracy_score)
    expect(a.intervalSettings).toEqual({ level: 0.95, seed: 7, resamples: 4000, rowResamples: 2000 })
    const narrow = await evaluate({ ...options, intervals: { seed: 7, level: 0.5 } })
    const width = (r: EvalRun, m: string): number => r.intervals[m].upper - r.intervals[m].lower
    for (const m of ['accuracy_score', 'roc_auc', 'log_loss']) expect(width(narrow, m)).toBeLessThan(width(a, m))
    const off = await evaluate({ ...options, intervals: false })
    expect(off.intervals).toEqual({})
    expect(Object.keys(off.metrics)).toEqual(Object.keys(a.metrics))
    for (const [name, value] of Object.entries(a.metrics)) expect(off.metrics[name]).toBeCloseTo(value, 12)
  })

  test('JSON round trip keeps the run; its run table is linked to the fresh run only', async () => {
    const run = await evaluate({ ...options, slices: ['category'], name: 'round trip' })
    const copy = JSON.parse(JSON.stringify(run)) as EvalRun
    expect(copy).toEqual(run)
    expect(runTableOf(copy)).toBeUndefined()
    const table = runTableOf(run)!
    const { targetIndex, predictedIndex, probabilities } = table.encoded.columns as Record<string, Int32Array | Float64Array>
    expect(predictedIndex.length).toBe(300)
    expect(Array.from(targetIndex).filter((t, i) => t === predictedIndex[i]).length).toBe(Math.round(run.metrics.accuracy_score * 300))
    expect(probabilities.length).toBe(900)
    expect(table.columns.text.values[5]).toBe('example 5')
    expect(Object.keys(table.slices)).toEqual(Object.keys(run.slices))
  })

  test('dataset fingerprint covers targets and inputs, not predictions', async () => {
    const run = await evaluate(options)
    expect(run.dataset.columns).toEqual(['target', 'id', 'text', 'category', 'region'])
    expect(run.dataset.rowCount).toBe(300)
    expect(run.dataset.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    const otherPredictions = await evaluate({ ...options, data: records.map((r) => ({ ...r, prediction: 'a' })) })
    expect(otherPredictions.dataset.fingerprint).toBe(run.dataset.fingerprint)
    const otherTargets = await evaluate({ ...options, data: records.map((r, i) => ({ ...r, target: i === 0 ? 'c' : r.target })) })
    expect(otherTargets.dataset.fingerprint).not.toBe(run.dataset.fingerprint)
  })

  test('inputColumns limits the fingerprint, the artifacts and the table columns', async () => {
    let seen: readonly string[] = []
    const run = await evaluate({
      ...options,
      inputColumns: ['text'],
      extraMetrics: [defineMetric({ name: 'columns_seen', greaterIsBetter: true, fn: (t) => ((seen = t.columnNames), t.columnNames.length) })],
    })
    expect(run.dataset.columns).toEqual(['target', 'text'])
    expect(seen).toEqual(['text'])
    const artifact = run.artifacts[0].content
    if (artifact.type !== 'rows') throw new Error('rows expected')
    expect(artifact.columns).toEqual(['row', 'text', 'actual', 'predicted', 'predicted_probability'])
    await expect(evaluate({ ...options, inputColumns: ['txt'] })).rejects.toThrow('input column "txt" not found')
  })

  test('observers see each finished run', async () => {
    const seen: EvalRun[] = []
    const stop = observeRuns((r) => seen.push(r))
    const run = await evaluate({ ...options, intervals: false })
    stop()
    await evaluate({ ...options, intervals: false })
    expect(seen).toEqual([run])
  })

  test('curves for the plots: ROC / PR / calibration per class; regressor scatter and residual histogram', async () => {
    const run = await evaluate(options)
    expect(run.curves.roc?.map((c) => c.label)).toEqual(['a', 'b', 'c'])
    expect(run.curves.pr?.[0].averagePrecision).toBeGreaterThan(0)
    expect(run.curves.calibration?.[0].bins.reduce((s, b) => s + b.count, 0)).toBe(300)
    const regression = await evaluate({ data: [1, 2, 3, 4].map((y) => ({ y, f: y + (y % 2) })), targets: 'y', predictions: 'f', modelType: 'regressor' })
    expect(regression.curves.predictedVsActual).toEqual({ actual: [1, 2, 3, 4], predicted: [2, 2, 4, 4], sampled: false })
    expect(regression.curves.residualHistogram?.counts.reduce((s, x) => s + x, 0)).toBe(4)
  })
})
