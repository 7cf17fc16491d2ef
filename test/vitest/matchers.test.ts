// The matchers in-process on hand-built runs: lookups, errors that name what exists, and the
// statistics behind confusion rates. (Their behaviour inside real Vitest runs is in *.e2e.test.ts.)
import { beforeAll, describe, expect, test } from 'vitest'
import { evaluate } from '../../src/index.js'
import { RUN_TABLE_VERSION, linkRunTable } from '../../src/run/run-table.js'
import type { SliceResult } from '../../src/run/types.js'
import { evalgateMatchers } from '../../src/vitest/matchers/index.js'
import { DEFAULT_WORKER_OPTIONS, setWorkerOptions } from '../../src/vitest/options.js'
import { findSlice } from '../../src/vitest/matchers/slice-lookup.js'
import { evalgateMeta } from '../../src/vitest/task-meta.js'
import { wilsonInterval } from '../../src/stats/wilson-interval.js'
import '../../src/vitest/matcher-types.js'
import { handBuiltRun, handBuiltTable, outcomes } from './hand-built-run.js'

/** The message of the error `fn` throws, without colours. */
function messageOf(fn: () => void): string {
  try {
    fn()
  } catch (error) {
    // eslint-disable-next-line no-control-regex
    return (error as Error).message.replace(/\u001b\[\d+m/g, '')
  }
  throw new Error('expected an error')
}

beforeAll(() => {
  expect.extend(evalgateMatchers)
})

const slice = (key: string, exampleCount: number, metrics: Record<string, number>): SliceResult => {
  const parts = key.split('&').map((p) => p.split('='))
  return { key, columns: parts.map((p) => p[0]), values: parts.map((p) => p[1]), exampleCount, metrics, intervals: {}, notes: [] }
}

describe('findSlice', () => {
  const run = handBuiltRun()
  run.sliceColumns = ['category', 'region']
  run.slices = {
    'category=billing': slice('category=billing', 100, { f1_score: 0.8 }),
    'category=eu': slice('category=eu', 40, { f1_score: 0.7 }),
    'region=eu': slice('region=eu', 50, { f1_score: 0.9 }),
  }

  test('column=value and a bare value held by one column', () => {
    expect(findSlice(run, 'category=billing').exampleCount).toBe(100)
    expect(findSlice(run, 'billing').key).toBe('category=billing')
  })

  test('a bare value held by two columns is ambiguous; an unknown one lists the slices', () => {
    expect(() => findSlice(run, 'eu')).toThrow('slice "eu" is a value of several slice columns (category=eu, region=eu); write it as column=value')
    expect(() => findSlice(run, 'product_C')).toThrow('slices are: category=billing, category=eu, region=eu')
    expect(() => findSlice(run, 'category=nope')).toThrow('slice "category=nope" not found; slices of category are: category=billing, category=eu')
  })

  test('an undeclared column is computed on demand once, from the run table', () => {
    const inMemory = handBuiltRun()
    const channel = Array.from({ length: 20 }, (_, i) => (i < 12 ? 'fax' : 'phone'))
    linkRunTable(inMemory, handBuiltTable(inMemory, outcomes(20, [0, 1, 2]), { channel }))
    const fax = findSlice(inMemory, 'channel=fax')
    expect(fax.exampleCount).toBe(12)
    // Below minSliceSize (30) only the size is reported.
    expect(fax.metrics).toEqual({})
    expect(findSlice(inMemory, 'channel=fax')).toBe(fax)
    const fromJson = JSON.parse(JSON.stringify(inMemory))
    expect(() => findSlice(fromJson, 'channel=fax')).toThrow("add slices: ['channel'] to evaluate()")
  })
})

describe('matchers on hand-built runs', () => {
  test('a value that is not a run is rejected with the fix', () => {
    expect(() => expect({ accuracy: 1 }).toHaveMetric('accuracy_score', 0.5)).toThrow('toHaveMetric expects the EvalRun returned by evaluate()')
  })

  test('a forgotten await says so in one line, and a long value is cut so the fix shows (adversarial pass 35)', () => {
    const pending = new Promise(() => {})
    expect(() => expect(pending as unknown).toHaveMetric('accuracy_score', 0.5)).toThrow(
      /^toHaveMetric expects the EvalRun returned by evaluate\(\), received a Promise: evaluate\(\) is async, so write expect\(await evaluate\(\{\.\.\.\}\)\)\.toHaveMetric\(\.\.\.\)$/,
    )
    const big = { rows: Array.from({ length: 50 }, (_, i) => ({ id: i, text: 'x'.repeat(20) })) }
    let message = ''
    try {
      expect(big).toHaveMetric('accuracy_score', 0.5)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).not.toContain('\n')
    expect(message).toMatch(/received Object \{ "rows": .{1,70}…; write expect\(await evaluate\(\{\.\.\.\}\)\)\.toHaveMetric\(\.\.\.\)$/)
  })

  test('toMatchBaseline under expect.poll is an error: each attempt would claim another baseline entry', async () => {
    const run = handBuiltRun()
    await expect(expect.poll(() => run, { timeout: 50, interval: 10 }).toMatchBaseline()).rejects.toThrow(
      'toMatchBaseline does not work with expect.poll (each attempt would be another baseline entry); await the evaluation, then expect(run).toMatchBaseline()',
    )
  })

  test('an unknown metric lists the metrics of the run, also under .not', () => {
    const run = handBuiltRun()
    expect(() => expect(run).toHaveMetric('roc_auc', 0.5)).toThrow('metric "roc_auc" not found; the run has: accuracy_score, f1_score')
    expect(() => expect(run).not.toHaveMetric('roc_auc', 0.5)).toThrow('metric "roc_auc" not found')
  })

  test('a number threshold is a maximum for lower-is-better metrics', () => {
    const run = handBuiltRun({ metrics: { accuracy_score: 0.9, log_loss: 0.3 } })
    expect(run).toHaveMetric('log_loss', 0.35)
    expect(() => expect(run).toHaveMetric('log_loss', 0.25)).toThrow('log_loss should be <= 0.25')
    expect(run).toHaveMetric('accuracy', 0.85)
  })

  test('class metrics read the per-class table and name the classes that exist', () => {
    const run = handBuiltRun()
    run.perClass = [
      { label: 'negative', precision: 0.7, recall: 0.9, f1: 0.7875, support: 100, predicted: 128 },
      { label: 'positive', precision: 0.95, recall: 0.8, f1: 0.8686, support: 100, predicted: 84 },
    ]
    expect(run).toHaveClassMetric('negative', 'recall', 0.85)
    expect(messageOf(() => expect(run).toHaveClassMetric('negative', 'precision', 0.8))).toMatch(/precision\[class=negative\] should be >= 0\.8[\s\S]*Examples: 128 examples/)
    expect(() => expect(run).toHaveClassMetric('neutral', 'f1', 0.8)).toThrow('class "neutral" not found; classes are: negative, positive')
  })

  test("class metrics with confidence 'lower': an error that says per-class metrics have no intervals and where the 'lower' came from", () => {
    const run = handBuiltRun()
    run.perClass = [
      { label: 'cat', precision: 0.7, recall: 0.9, f1: 0.7875, support: 100, predicted: 128 },
      { label: 'dog', precision: 0.95, recall: 0.8, f1: 0.8686, support: 100, predicted: 84 },
    ]
    const perClass = "recall[class=cat] has no interval: per-class metrics carry no intervals (the run's per-class table, scikit-learn's classification_report, holds point values only); pass { confidence: 'point' } to this call to assert its value"
    const onTheCall = messageOf(() => expect(run).toHaveClassMetric('cat', 'recall', 0.5, { confidence: 'lower' }))
    expect(onTheCall).toBe(`toHaveClassMetric: confidence 'lower' asserts the interval's bound, but ${perClass}`)
    expect(onTheCall).not.toContain('intervals: false')
    setWorkerOptions({ ...DEFAULT_WORKER_OPTIONS, confidence: 'lower' })
    try {
      expect(messageOf(() => expect(run).toHaveClassMetric('cat', 'recall', 0.5))).toBe(
        `toHaveClassMetric: confidence 'lower' (the plugin's default: evalgate({ confidence: 'lower' })) asserts the interval's bound, but ${perClass}`,
      )
      // Never weakened to a point check silently: the call asks for the point value itself.
      expect(run).toHaveClassMetric('cat', 'recall', 0.5, { confidence: 'point' })
      expect(() => expect(run).toHaveClassMetric('cat', 'recall', 0.95, { confidence: 'point' })).toThrow('recall[class=cat] should be >= 0.95')
      // A metric of the run without an interval keeps the general reason.
      const pointOnly = handBuiltRun({ metrics: { accuracy_score: 0.9 }, halfWidth: 0 })
      expect(messageOf(() => expect(pointOnly).toHaveMetric('accuracy_score', 0.5))).toContain("confidence 'lower' (the plugin's default: evalgate({ confidence: 'lower' })) asserts the interval's bound, but accuracy_score has no interval: the run has none")
    } finally {
      setWorkerOptions(undefined)
    }
  })

  test('confusion rate: share of the actual class, Wilson interval, named labels', () => {
    const run = handBuiltRun()
    run.confusionMatrix = { labels: ['negative', 'neutral', 'positive'], counts: [[80, 15, 5], [5, 90, 5], [0, 10, 90]] }
    expect(run).toHaveConfusionRate({ actual: 'negative', predicted: 'neutral', max: 0.2 })
    const interval = wilsonInterval(15, 100, 0.95)
    expect(() => expect(run).toHaveConfusionRate({ actual: 'negative', predicted: 'neutral', max: 0.1 })).toThrow(
      `95% interval [${Number(interval.lower.toFixed(4))}, ${Number(interval.upper.toFixed(4))}] (wilson)`,
    )
    expect(() => expect(run).toHaveConfusionRate({ actual: 'angry', predicted: 'neutral', max: 0.1 })).toThrow('actual label "angry" not found; labels are: negative, neutral, positive')
  })

  test('skipped rows: the message says which rows the metric is over (adversarial pass 36)', () => {
    const run = handBuiltRun({ metrics: { accuracy_score: 0.8, error_count: 300, error_rate: 0.75 } })
    run.exampleCount = 100
    run.dataset = { ...run.dataset, rowCount: 400 }
    run.greaterIsBetter = { ...run.greaterIsBetter, error_rate: false }
    expect(messageOf(() => expect(run).toHaveMetric('error_rate', { max: 0.1 }))).toContain("Examples: 100 examples scored; 300 of 400 rows failed and were skipped (onError: 'skip'), so error_rate is over all 400")
    expect(messageOf(() => expect(run).toHaveMetric('accuracy_score', 0.9))).toContain("Examples: 100 examples scored; 300 of 400 rows failed and were skipped (onError: 'skip'), so accuracy_score is over the 100 scored")
  })

  test('slice gap that passes with slices left out warns, naming them (adversarial pass 35)', ({ task }) => {
    const run = handBuiltRun()
    run.sliceColumns = ['region']
    run.slices = {
      'region=eu': slice('region=eu', 140, { accuracy_score: 1 }),
      'region=us': slice('region=us', 150, { accuracy_score: 1 }),
      'region=tiny': slice('region=tiny', 10, {}),
    }
    expect(run).toHaveSliceGap({ column: 'region', metric: 'accuracy_score', max: 0.05 })
    expect(evalgateMeta(task).warnings).toEqual([
      'toHaveSliceGap: left out (below minSliceSize 30): region=tiny (n=10) (a slice below minSliceSize reports only its size); the gap of accuracy_score over region is that of the other 2 slices; lower evaluate({ minSliceSize }) to judge them too',
    ])
  })

  test('slice gap: best minus worst decidable slice, small slices named', () => {
    const run = handBuiltRun()
    run.sliceColumns = ['category']
    run.slices = {
      'category=a': slice('category=a', 100, { f1_score: 0.9 }),
      'category=b': slice('category=b', 100, { f1_score: 0.75 }),
      'category=c': slice('category=c', 10, {}),
    }
    expect(run).toHaveSliceGap({ column: 'category', metric: 'f1', max: 0.2 })
    expect(messageOf(() => expect(run).toHaveSliceGap({ column: 'category', metric: 'f1_score', max: 0.1 }))).toMatch(
      /Received: 0\.15\d* \(best category=a 0\.9, worst category=b 0\.75\)[\s\S]*left out \(below minSliceSize 30\): category=c \(n=10\)/,
    )
  })
})

describe('toHaveSliceGap on a metric the slices lack', () => {
  test('a name the run does not have is "not found", with the names it has, not slices "below minSliceSize" (review 61, L3)', () => {
    const run = handBuiltRun()
    run.sliceColumns = ['region']
    run.slices = { 'region=north': slice('region=north', 100, { accuracy_score: 0.9 }), 'region=south': slice('region=south', 100, { accuracy_score: 0.8 }) }
    const message = messageOf(() => expect(run).toHaveSliceGap({ column: 'region', metric: 'acuracy_score', max: 0.1 }))
    expect(message).toContain('metric "acuracy_score" not found;')
    expect(message).toContain('did you mean "accuracy_score"?')
    expect(message).not.toContain('minSliceSize')
  })

  test('a slice that left the metric out (roc_auc on one class) is named with its note, apart from the small ones', () => {
    const run = handBuiltRun()
    run.metrics.roc_auc = 0.9
    run.sliceColumns = ['region']
    run.slices = {
      'region=a': slice('region=a', 100, { roc_auc: 0.9 }),
      'region=b': slice('region=b', 100, { roc_auc: 0.8 }),
      'region=c': { ...slice('region=c', 60, { accuracy_score: 1 }), notes: ['roc_auc left out: only one class present in these 60 examples'] },
      'region=d': slice('region=d', 10, {}),
    }
    expect(messageOf(() => expect(run).toHaveSliceGap({ column: 'region', metric: 'roc_auc', max: 0.05 }))).toContain(
      'left out (below minSliceSize 30): region=d (n=10); left out (no roc_auc in the slice): region=c (n=60: roc_auc left out: only one class present in these 60 examples)',
    )
  })
})

describe('wilsonInterval', () => {
  test('matches the closed form (15/100 at 95%: [0.0930599, 0.2328356], computed with Python from the formula)', () => {
    const { lower, upper } = wilsonInterval(15, 100, 0.95)
    expect(lower).toBeCloseTo(0.0930598528365663, 7)
    expect(upper).toBeCloseTo(0.23283559590832364, 7)
    expect(wilsonInterval(0, 20, 0.95).lower).toBe(0)
  })
})

describe('toOutperform for regressors (paired mean of the per-example absolute errors)', () => {
  const regressor = (name: string, errors: number[]) => {
    const run = handBuiltRun({ name, metrics: { mean_absolute_error: errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length, max_error: Math.max(...errors.map(Math.abs)) } })
    run.modelType = 'regressor'
    run.greaterIsBetter = { mean_absolute_error: false, max_error: false }
    const targetValues = Float64Array.from(errors, (_, i) => i % 17)
    linkRunTable(run, {
      version: RUN_TABLE_VERSION,
      modelType: 'regressor',
      rowCount: errors.length,
      columnNames: [],
      columns: {},
      inputColumns: [],
      encoded: { settings: {}, columns: { targetValues, predictedValues: Float64Array.from(errors, (e, i) => targetValues[i] + e) } },
      slices: {},
    })
    return run
  }
  const n = 300
  const small = Array.from({ length: n }, (_, i) => ((i * 7) % 11) / 10 - 0.5)
  const large = small.map((e, i) => e * 1.6 + (i % 2 ? 0.2 : -0.2))
  const nearly = small.map((e, i) => (i === 0 ? e + 0.01 : e))

  test('a clearly smaller error passes; a near-identical model does not', () => {
    expect(regressor('candidate', small)).toOutperform(regressor('other', large))
    expect(messageOf(() => expect(regressor('candidate', small)).toOutperform(regressor('other', nearly)))).toContain('one-sided paired-mean')
  })

  test('a metric that needs recomputing is recomputed from the run tables', () => {
    // max_error 0.5 against 1.0 on the same rows: a paired resample test, not an error.
    expect(regressor('a', small)).toOutperform(regressor('b', large), { metric: 'max_error' })
    expect(messageOf(() => expect(regressor('a', small)).toOutperform(regressor('b', nearly), { metric: 'max_error' }))).toContain('max_error')
  })
})

describe('toOutperform on two prediction columns of one file', () => {
  const rows = Array.from({ length: 200 }, (_, i) => ({ x: i, y: 10 + i * 0.5, good: 10 + i * 0.5 + ((i * 7) % 11) / 20 - 0.25, rough: 10 + i * 0.5 + ((i * 7) % 11) / 5 - 1 }))

  test('without inputColumns they compare too: each run covers the other\'s prediction column, every shared column is alike (was: an error asking for inputColumns)', async () => {
    const good = await evaluate({ data: rows, targets: 'y', predictions: 'good', modelType: 'regressor', intervals: false })
    const rough = await evaluate({ data: rows, targets: 'y', predictions: 'rough', modelType: 'regressor', intervals: false })
    expect(good).toOutperform(rough)
    // a shared column that differs is other data, and the error names it
    const shifted = await evaluate({ data: rows.map((row) => ({ ...row, x: row.x + 1 })), targets: 'y', predictions: 'rough', modelType: 'regressor', intervals: false })
    expect(() => expect(good).toOutperform(shifted)).toThrow('the runs differ: 200 vs 200 rows, column "x" changed; only this run\'s: "rough"; only the other\'s: "good"; evaluate both on the same data')
  })

  test('the same rows in another order: the error says so, not that every column changed (adversarial pass 54)', async () => {
    const good = await evaluate({ data: rows, targets: 'y', predictions: 'good', modelType: 'regressor', intervals: false })
    const shuffled = [...rows.slice(100), ...rows.slice(0, 100)]
    const rough = await evaluate({ data: shuffled, targets: 'y', predictions: 'rough', modelType: 'regressor', intervals: false })
    expect(() => expect(good).toOutperform(rough)).toThrow(
      'the runs differ: 200 vs 200 rows, the same rows in another order (each row of one is a row of the other, over the columns "y", "x"), so no row can be paired with its own by position; evaluate both on the data in one order',
    )
    // one value edited besides the order: other data, named as before
    const edited = await evaluate({ data: shuffled.map((row, i) => (i === 0 ? { ...row, x: -1 } : row)), targets: 'y', predictions: 'rough', modelType: 'regressor', intervals: false })
    expect(() => expect(good).toOutperform(edited)).toThrow(/columns "y", "x" changed;.*evaluate both on the same data/)
  })

  test('no column but the targets in common: the error says nothing tells the rows apart, and what to add', async () => {
    // each run covers the targets and the other's predictions column: the targets alone can repeat in another order
    const bare = rows.map(({ y, good, rough }) => ({ y, good, rough }))
    const good = await evaluate({ data: bare, targets: 'y', predictions: 'good', modelType: 'regressor', intervals: false })
    const rough = await evaluate({ data: bare, targets: 'y', predictions: 'rough', modelType: 'regressor', intervals: false })
    expect(() => expect(good).toOutperform(rough)).toThrow(
      'the runs differ: 200 vs 200 rows, only this run\'s: "rough"; only the other\'s: "good"; no column besides the targets in common to tell the rows apart by (add an id or input column to the data); evaluate both on the same data',
    )
  })

  test('runs read back without per-column fingerprints: the error says which columns the fingerprints cover and what to pass', async () => {
    const strip = (run: Awaited<ReturnType<typeof evaluate>>) => ({ ...run, dataset: { ...run.dataset, columnFingerprints: undefined } })
    const good = strip(await evaluate({ data: rows, targets: 'y', predictions: 'good', modelType: 'regressor', intervals: false }))
    const rough = strip(await evaluate({ data: rows, targets: 'y', predictions: 'rough', modelType: 'regressor', intervals: false }))
    expect(() => expect(good).toOutperform(rough)).toThrow(`the fingerprints cover different columns: only this run's: "rough"; only the other's: "good"; if both read the same rows, pass the model's input columns to both evaluate() calls, e.g. inputColumns: ['x']`)
  })

  test("with inputColumns they compare, and the check is the candidate's, not the other run's", async ({ task }) => {
    const good = await evaluate({ data: rows, targets: 'y', predictions: 'good', modelType: 'regressor', intervals: false, inputColumns: ['x'] })
    const rough = await evaluate({ data: rows, targets: 'y', predictions: 'rough', modelType: 'regressor', intervals: false, inputColumns: ['x'] })
    expect(good).toOutperform(rough)
    const meta = task.meta.evalgate!
    expect(meta.gates).toHaveLength(1)
    expect(meta.gates[0].runIndex).toBe(meta.runs.indexOf(good))
  })
})

describe('a precision, recall or F1 that scikit-learn\'s zero_division set to 0', () => {
  // Slice z has no positive rows; slice w's rows are never predicted positive; slice a is ordinary.
  const rows: Array<Record<string, string>> = [
    ...Array.from({ length: 60 }, (_, i) => ({ y: i % 2 ? 'pos' : 'neg', p: i % 3 ? 'pos' : 'neg', g: 'a' })),
    ...Array.from({ length: 40 }, (_, i) => ({ y: 'neg', p: i % 4 ? 'neg' : 'pos', g: 'z' })),
    ...Array.from({ length: 40 }, (_, i) => ({ y: i % 2 ? 'pos' : 'neg', p: 'neg', g: 'w' })),
  ]
  const convention = "by scikit-learn's zero_division convention (zero_division=0), not a measured 0."

  test('binary slices: the failure says the metric is undefined there and why, and keeps the value 0', async () => {
    const run = await evaluate({ data: rows, targets: 'y', predictions: 'p', modelType: 'classifier', slices: ['g'], minSliceSize: 1 })
    expect(run.slices['g=z'].metrics.recall_score).toBe(0)
    const recall = messageOf(() => expect(run).toHaveSliceRecall('z', 0.5))
    expect(recall).toContain('Received: 0')
    expect(recall).toContain(`Note: recall_score is undefined on slice g=z: no positive rows (no "pos" in the targets), so it is 0 ${convention}`)
    // F1 = 2tp / (2tp + fp + fn) is measured there: slice z has false alarms (adversarial pass 58; scikit-learn warns of nothing)
    expect(messageOf(() => expect(run).toHaveSliceF1('z', 0.5))).not.toContain('zero_division')
    expect(messageOf(() => expect(run).toHaveSlicePrecision('w', 0.5))).toContain(
      `Note: precision_score is undefined on slice g=w: no predicted positives (the model never predicts "pos"), so it is 0 ${convention}`,
    )
    // Slice w's rows have positives: its recall of 0 was measured, and says nothing more.
    expect(messageOf(() => expect(run).toHaveSliceRecall('w', 0.5))).not.toContain('Note:')
    expect(messageOf(() => expect(run).toHaveSliceRecall('a', 0.9))).not.toContain('zero_division')
  })

  test('macro averages and per-class rows name the classes counted as 0', async () => {
    const data = [
      ...Array.from({ length: 30 }, (_, i) => ({ y: ['cat', 'dog'][i % 2], p: ['cat', 'dog', 'dog'][i % 3] })),
    ]
    const run = await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'classifier', labels: ['cat', 'dog', 'eel'], average: 'macro', intervals: false })
    expect(messageOf(() => expect(run).toHaveMetric('recall_score', 0.9))).toContain(
      `Note: recall_score (macro average) on the run averages in 0 for a class whose recall is undefined (no rows of class "eel" in the targets), ${convention}`,
    )
    expect(messageOf(() => expect(run).toHaveClassMetric('eel', 'recall', 0.5))).toContain(
      `Note: recall[class=eel] is undefined: no rows of class "eel" in the targets, so it is 0 ${convention}`,
    )
    expect(messageOf(() => expect(run).toHaveClassMetric('eel', 'f1', 0.5))).toContain(
      `Note: f1[class=eel] is undefined: no rows of class "eel" in the targets and class "eel" is never predicted, so it is 0 ${convention}`,
    )
    expect(messageOf(() => expect(run).toHaveClassMetric('cat', 'recall', 0.9))).not.toContain('Note:')
  })
})
