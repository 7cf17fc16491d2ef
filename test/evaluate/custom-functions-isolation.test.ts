/**
 * A custom metric or artifact can never change the run's data: every array of the table it
 * receives is its own (sorting `table.targets` once corrupted the slices' MAE and MSE, as
 * `gatherFloat64` handed out the run's own column), and the metrics it receives are read-only.
 */
import { describe, expect, test } from 'vitest'
import { defineArtifact, defineMetric, evaluate } from '../../src/evaluate/index.js'
import type { EvalRun } from '../../src/run/types.js'
import { sampleClassifierRecords, seededUniform } from './run-samples.js'

/** Sorts, reverses or overwrites every array the table holds, at any depth of records. */
function scribble(value: unknown, depth = 0): void {
  if (depth > 2 || typeof value !== 'object' || value === null) return
  if (ArrayBuffer.isView(value)) {
    ;(value as unknown as Float64Array).sort().fill(7)
    return
  }
  if (Array.isArray(value)) {
    value.sort().reverse()
    value.fill(value[value.length - 1])
    return
  }
  for (const key of Object.keys(value)) scribble((value as Record<string, unknown>)[key], depth + 1)
}

/** Every property of the table, read and scribbled on, and every column by name. */
function scribbleTable(table: object): void {
  const t = table as Record<string, unknown> & { columnNames: readonly string[]; column(name: string): unknown }
  for (const name of [...t.columnNames]) scribble(t.column(name))
  for (const key of Object.keys(t)) scribble(t[key])
}

const scribbler = defineMetric({
  name: 'scribbler',
  greaterIsBetter: false,
  fn: (table, builtins) => {
    scribbleTable(table)
    try {
      ;(builtins as Record<string, number>).example_count = -1
    } catch {
      // read-only, as it should be
    }
    return 0
  },
})

/** A custom metric that reads after the scribbler: the first row's target and the row count. */
const reader = defineMetric({
  name: 'reader',
  greaterIsBetter: true,
  fn: (table) => {
    const t = table as unknown as { targets: ArrayLike<unknown>; rowIndex: Int32Array; rowCount: number }
    return String(t.targets[0]).length * 1000 + t.rowIndex[t.rowCount - 1] + t.rowCount / 1000
  },
})

const scribbleArtifact = defineArtifact({
  name: 'scribble',
  fn: (table, metrics) => {
    scribbleTable(table)
    try {
      ;(metrics as Record<string, number>).example_count = -1
    } catch {
      // frozen
    }
    return 'done'
  },
})

/** The run's numbers without the custom metrics' own entries. */
function numbers(run: EvalRun): unknown {
  const drop = (record: Record<string, unknown>): Record<string, unknown> => {
    const { scribbler: _s, reader: _r, ...rest } = record
    return rest
  }
  return {
    metrics: drop(run.metrics),
    intervals: drop(run.intervals),
    slices: Object.fromEntries(Object.entries(run.slices).map(([key, s]) => [key, { metrics: drop(s.metrics), intervals: drop(s.intervals), perClass: s.perClass, confusionMatrix: s.confusionMatrix }])),
    curves: run.curves,
    artifacts: run.artifacts.filter((a) => a.name !== 'scribble'),
  }
}

async function expectUntouched(options: Parameters<typeof evaluate>[0]): Promise<void> {
  const plain = await evaluate({ ...options, extraMetrics: [reader] })
  const scribbled = await evaluate({ ...options, extraMetrics: [scribbler, reader], extraArtifacts: [scribbleArtifact] })
  expect(numbers(scribbled)).toEqual(numbers(plain))
  expect(scribbled.metrics.reader).toBe(plain.metrics.reader)
  for (const key of Object.keys(plain.slices)) expect(scribbled.slices[key].metrics.reader).toBe(plain.slices[key].metrics.reader)
}

function regressorRecords(n: number): Array<Record<string, unknown>> {
  const u = seededUniform(3)
  return Array.from({ length: n }, (_, i) => {
    const y = Math.round(u() * 1000) / 100
    return { y, yhat: y + (u() - 0.5) * 8, s: i % 2 === 0 ? 'x' : 'y' }
  })
}

describe('custom metrics and artifacts cannot change the run', () => {
  test('a custom metric sorting table.targets (the reported median) leaves every metric, overall and per slice, as without it', async () => {
    const data = regressorRecords(120)
    const median = defineMetric({ name: 'med', greaterIsBetter: false, fn: (t) => { const s = (t.targets as Float64Array).sort(); return s[s.length >> 1] } })
    const options: Parameters<typeof evaluate>[0] = { data, targets: 'y', predictions: 'yhat', modelType: 'regressor', slices: ['s'], intervals: { resamples: 100, rowResamples: 50 } }
    const plain = await evaluate(options)
    const sorted = await evaluate({ ...options, extraMetrics: [median] })
    for (const key of ['s=x', 's=y']) {
      const { med: _m, ...metrics } = sorted.slices[key].metrics
      expect(metrics).toEqual(plain.slices[key].metrics)
    }
    const { med: _m, ...metrics } = sorted.metrics
    expect(metrics).toEqual(plain.metrics)
  })

  test('regressor: sorting or writing every array of the table and the built-ins changes nothing', async () => {
    await expectUntouched({ data: regressorRecords(120), targets: 'y', predictions: 'yhat', modelType: 'regressor', slices: ['s'], intervals: { resamples: 100, rowResamples: 30 } })
  })

  test('classifier with probabilities: labels, indices, targets, predictions, probabilities, columns, rowIndex', async () => {
    await expectUntouched({
      data: sampleClassifierRecords(200),
      targets: 'target',
      predictions: 'prediction',
      probabilities: ['p_a', 'p_b', 'p_c'],
      labels: ['a', 'b', 'c'],
      modelType: 'classifier',
      slices: ['category'],
      intervals: { resamples: 100, rowResamples: 30 },
    })
  })

  test('text-summarization: outputs, targets and per-row scores', async () => {
    const u = seededUniform(5)
    const words = ['the', 'cat', 'sat', 'on', 'a', 'mat', 'dog', 'ran']
    const sentence = (): string => Array.from({ length: 3 + Math.floor(u() * 5) }, () => words[Math.floor(u() * words.length)]).join(' ')
    const data = Array.from({ length: 80 }, (_, i) => ({ reference: sentence(), summary: sentence(), g: i % 2 === 0 ? 'even' : 'odd' }))
    await expectUntouched({ data, targets: 'reference', predictions: 'summary', modelType: 'text-summarization', slices: ['g'], intervals: { resamples: 100, rowResamples: 30 } })
  })

  test('a custom metric writing the built-ins is told they are read-only', async () => {
    const writer = defineMetric({ name: 'writer', greaterIsBetter: true, fn: (_t, builtins) => ((builtins as Record<string, number>).accuracy_score = 0) })
    await expect(
      evaluate({ data: sampleClassifierRecords(60), targets: 'target', predictions: 'prediction', modelType: 'classifier', extraMetrics: [writer] }),
    ).rejects.toThrow(/custom metric "writer" threw: the built-in metrics passed to a custom metric are read-only \(on the whole run\)/)
  })
})

describe('a throwing custom metric names where it threw', () => {
  const records = sampleClassifierRecords(60)
  const options = { data: records, targets: 'target', predictions: 'prediction', modelType: 'classifier', slices: ['category'], minSliceSize: 10 } as const

  test('only on an interval resample: the resample size, its scope, and intervals: false', async () => {
    const picky = defineMetric({ name: 'my_metric', greaterIsBetter: true, fn: (t) => { if (t.rowCount !== 60 && t.rowCount !== 20) throw new Error(`rowCount ${t.rowCount}`); return 1 } })
    const error = await evaluate({ ...options, slices: [...options.slices], extraMetrics: [picky], intervals: { resamples: 50, rowResamples: 20 } }).catch((e: unknown) => e as Error)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/^custom metric "my_metric" threw: rowCount \d+ \(on an interval resample of \d+ rows of the whole run\); .*pass intervals: false/)
  })

  test('on a slice: the slice key', async () => {
    const sliceOnly = defineMetric({ name: 'my_metric', greaterIsBetter: true, fn: (t) => { if (t.rowCount !== 60) throw new Error('not the whole run'); return 1 } })
    await expect(evaluate({ ...options, slices: [...options.slices], extraMetrics: [sliceOnly], intervals: false })).rejects.toThrow(
      'custom metric "my_metric" threw: not the whole run (on slice "category=billing"); fix its fn',
    )
  })
})
