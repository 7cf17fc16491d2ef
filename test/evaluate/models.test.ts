/**
 * Model functions (sync, async, batching, `{ label, probabilities }`) and served-model adapters
 * (every row at once, RowFailure rows dropped and counted, cache stats on the run).
 */
import { describe, expect, test } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import type { ModelAdapter, Prediction, Row } from '../../src/models/types.js'
import { RowFailure } from '../../src/models/types.js'
import { runTableOf } from '../../src/run/run-table.js'
import { sampleClassifierRecords } from './run-samples.js'

const records = sampleClassifierRecords(100)

describe('model functions', () => {
  test('called in batches of batchSize with batch index and row offset; sync and async give the same run', async () => {
    const calls: Array<{ size: number; batchIndex: number; rowOffset: number; firstId: unknown }> = []
    const sync = (rows: Row[], context: { batchIndex: number; rowOffset: number }): Prediction[] => {
      calls.push({ size: rows.length, ...context, firstId: rows[0].id })
      return rows.map((r) => r.prediction as string)
    }
    const run = await evaluate({ data: records, targets: 'target', modelType: 'classifier', model: sync, batchSize: 30, intervals: false })
    expect(calls).toEqual([
      { size: 30, batchIndex: 0, rowOffset: 0, firstId: 0 },
      { size: 30, batchIndex: 1, rowOffset: 30, firstId: 30 },
      { size: 30, batchIndex: 2, rowOffset: 60, firstId: 60 },
      { size: 10, batchIndex: 3, rowOffset: 90, firstId: 90 },
    ])
    const stored = await evaluate({ data: records, targets: 'target', predictions: 'prediction', modelType: 'classifier', intervals: false })
    const asyncRun = await evaluate({
      data: records,
      targets: 'target',
      modelType: 'classifier',
      model: async (rows) => {
        await new Promise((resolve) => setTimeout(resolve, 1))
        return rows.map((r) => r.prediction as string)
      },
      intervals: false,
    })
    expect(run.metrics).toEqual(stored.metrics)
    expect(asyncRun.metrics).toEqual(stored.metrics)
    expect(run.model).toEqual({ kind: 'function', name: 'sync' })
    expect(stored.model).toEqual({ kind: 'predictions', name: 'prediction' })
  })

  test('default batch size is 256', async () => {
    const sizes: number[] = []
    const many = sampleClassifierRecords(600)
    await evaluate({ data: many, targets: 'target', modelType: 'classifier', intervals: false, model: (rows) => (sizes.push(rows.length), rows.map((r) => r.prediction as string)) })
    expect(sizes).toEqual([256, 256, 88])
  })

  test('{ probabilities } predictions: label = most probable, ties -> first label; equals stored probabilities', async () => {
    const run = await evaluate({
      data: records,
      targets: 'target',
      modelType: 'classifier',
      model: (rows) => rows.map((r) => ({ probabilities: { c: r.p_c as number, a: r.p_a as number, b: r.p_b as number } })),
    })
    const stored = await evaluate({ data: records, targets: 'target', predictions: 'prediction', probabilities: ['p_a', 'p_b', 'p_c'], modelType: 'classifier' })
    expect(run.labels).toEqual(['a', 'b', 'c'])
    expect(run.metrics).toEqual(stored.metrics)
    expect(run.hasProbabilities).toBe(true)
    expect(run.metrics.roc_auc).toBeGreaterThan(0.5)

    const tie = await evaluate({
      data: [{ y: 'x' }, { y: 'y' }],
      targets: 'y',
      modelType: 'classifier',
      intervals: false,
      model: (rows) => rows.map(() => ({ probabilities: { y: 0.5, x: 0.5 } })),
    })
    expect(runTableOf(tie)?.encoded.columns.predictedIndex).toEqual(new Int32Array([0, 0]))
    expect(tie.metrics.accuracy_score).toBe(0.5)
  })

  test('an explicit label wins over the most probable, and numeric labels equal their strings', async () => {
    const run = await evaluate({
      data: [{ y: '1' }, { y: '0' }, { y: '1' }],
      targets: 'y',
      modelType: 'classifier',
      intervals: false,
      model: (rows) => rows.map(() => ({ label: 1, probabilities: { '0': 0.9, '1': 0.1 } })),
    })
    expect(run.labels).toEqual(['0', '1'])
    expect(run.posLabel).toBe('1')
    expect(run.metrics.true_positives).toBe(2)
    expect(run.metrics.false_positives).toBe(1)
  })
})

describe('served-model adapters', () => {
  function adapter(fail: (i: number) => boolean): ModelAdapter & { calls: number; progress: Array<[number, number]> } {
    const self = {
      kind: 'evalgate.model-adapter' as const,
      name: 'fake http://127.0.0.1:9/invocations',
      calls: 0,
      progress: [] as Array<[number, number]>,
      describe: () => ({ url: 'http://127.0.0.1:9/invocations' }),
      predict: async (rows: Row[], onProgress: (done: number, failed: number) => void) => {
        self.calls++
        onProgress(rows.length, 0)
        return rows.map((r, i) => (fail(i) ? new RowFailure(i, 'HTTP 503 after 3 retries') : (r.prediction as string)))
      },
      stats: () => ({ cacheHits: 5, cacheMisses: 95, requests: 4, retries: 1, failedRows: 0 }),
    }
    return self
  }

  test('gets every row once; run.model carries description and cache stats', async () => {
    const model = adapter(() => false)
    const run = await evaluate({ data: records, targets: 'target', modelType: 'classifier', model, intervals: false })
    expect(model.calls).toBe(1)
    expect(run.model).toEqual({ kind: 'adapter', name: 'fake http://127.0.0.1:9/invocations', description: { url: 'http://127.0.0.1:9/invocations' }, cache: { hits: 5, misses: 95 } })
    // A served model always reports its failures, zero included.
    expect(run.metrics.error_count).toBe(0)
    expect(run.metrics.error_rate).toBe(0)
  })

  test('RowFailure rows are dropped and counted as error_count / error_rate', async () => {
    const run = await evaluate({ data: records, targets: 'target', modelType: 'classifier', model: adapter((i) => i % 4 === 0), slices: ['category'], minSliceSize: 1 })
    const stored = await evaluate({ data: records.filter((_, i) => i % 4 !== 0), targets: 'target', predictions: 'prediction', modelType: 'classifier', slices: ['category'], minSliceSize: 1 })
    expect(run.exampleCount).toBe(75)
    expect(run.metrics.error_count).toBe(25)
    expect(run.metrics.error_rate).toBe(0.25)
    expect(run.model.errorCount).toBe(25)
    expect(run.greaterIsBetter.error_rate).toBe(false)
    const { error_count: _a, error_rate: _b, ...rest } = run.metrics
    expect(rest).toEqual(stored.metrics)
    expect(run.slices['category=billing'].metrics).toEqual(stored.slices['category=billing'].metrics)
    // The fingerprint covers the evaluation set, not the failures.
    expect(run.dataset.rowCount).toBe(100)
    // Artifact row numbers point into the user's data (1-based), skipping failed rows.
    const misclassified = run.artifacts[0].content
    if (misclassified.type !== 'rows') throw new Error('rows expected')
    for (const row of misclassified.rows) expect(((row.row as number) - 1) % 4).not.toBe(0)
  })
})
