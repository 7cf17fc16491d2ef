/**
 * defineMetric (overall and per slice, with an interval) and defineArtifact (text, bytes, rows,
 * JSON), and the built-in misclassified / largest-errors artifacts.
 */
import { describe, expect, test } from 'vitest'
import { defineArtifact, defineMetric, evaluate } from '../../src/evaluate/index.js'
import type { EvalTable } from '../../src/evaluate/index.js'
import { sampleClassifierRecords } from './run-samples.js'

const records = sampleClassifierRecords(300)

/** Accuracy on rows whose id is even, computed by hand from the table. */
function evenIdAccuracy(table: EvalTable): number {
  if (table.modelType !== 'classifier') throw new Error('classifier expected')
  const ids = table.column('id')
  let right = 0
  let total = 0
  for (let i = 0; i < table.rowCount; i++) {
    if ((ids[i] as number) % 2 !== 0) continue
    total++
    if (table.targets[i] === table.predictions[i]) right++
  }
  return right / total
}

function expectedEvenIdAccuracy(rows: typeof records): number {
  const even = rows.filter((r) => (r.id as number) % 2 === 0)
  return even.filter((r) => r.target === r.prediction).length / even.length
}

describe('custom metrics', () => {
  test('computed overall and per slice from the table, with builtins of the same scope, direction and interval', async () => {
    const seenBuiltins: number[] = []
    const metric = defineMetric({ name: 'even_id_accuracy', greaterIsBetter: true, fn: evenIdAccuracy })
    const echo = defineMetric({ name: 'accuracy_echo', greaterIsBetter: true, fn: (_t, builtins) => (seenBuiltins.push(builtins.accuracy_score), builtins.accuracy_score) })
    const run = await evaluate({ data: records, targets: 'target', predictions: 'prediction', modelType: 'classifier', slices: ['category'], extraMetrics: [metric, echo], intervals: { resamples: 200, rowResamples: 50 } })
    expect(run.metrics.even_id_accuracy).toBe(expectedEvenIdAccuracy(records))
    expect(run.customMetrics).toEqual(['even_id_accuracy', 'accuracy_echo'])
    expect(run.greaterIsBetter.even_id_accuracy).toBe(true)
    expect(run.metrics.accuracy_echo).toBe(run.metrics.accuracy_score)
    const billing = run.slices['category=billing']
    expect(billing.metrics.even_id_accuracy).toBe(expectedEvenIdAccuracy(records.filter((r) => r.category === 'billing')))
    expect(billing.metrics.accuracy_echo).toBe(billing.metrics.accuracy_score)
    expect(billing.metrics.accuracy_echo).not.toBe(run.metrics.accuracy_score)
    const interval = run.intervals.even_id_accuracy
    expect(interval.method).toBe('poisson-bootstrap-bca')
    expect(interval.lower).toBeLessThan(run.metrics.even_id_accuracy)
    expect(interval.upper).toBeGreaterThan(run.metrics.even_id_accuracy)
    expect(billing.intervals.even_id_accuracy.method).toBe('poisson-bootstrap-bca')
  })

  test('regressor tables carry numeric targets and predictions; NaN results are left out with a note', async () => {
    const data = [1, 2, 3, 4, 5, 6].map((y) => ({ y, yhat: y * 1.1, w: y % 2 }))
    const bias = defineMetric({ name: 'mean_bias', greaterIsBetter: false, fn: (t) => (t.modelType === 'regressor' ? t.predictions.reduce((s, p, i) => s + p - t.targets[i], 0) / t.rowCount : NaN) })
    const nothing = defineMetric({ name: 'nothing', greaterIsBetter: true, fn: () => NaN })
    const run = await evaluate({ data, targets: 'y', predictions: 'yhat', modelType: 'regressor', extraMetrics: [bias, nothing] })
    expect(run.metrics.mean_bias).toBeCloseTo(0.35, 12)
    expect(run.metrics).not.toHaveProperty('nothing')
    expect(run.notes.join('\n')).toContain('custom metric nothing left out: it returned NaN')
  })

  test('the table gives probabilities per label, label indices, input columns and row positions for the scope', async () => {
    const meanProbabilityOfTruth = defineMetric({
      name: 'mean_probability_of_truth',
      greaterIsBetter: true,
      fn: (t) => {
        if (t.modelType !== 'classifier' || t.probabilities === undefined) return NaN
        let sum = 0
        for (let i = 0; i < t.rowCount; i++) sum += t.probabilities[t.targets[i]][i]
        expect(t.labels[t.targetIndex[0]]).toBe(t.targets[0])
        expect(Array.from(t.rowIndex).every((r, i) => records[r].text === t.columns.text[i])).toBe(true)
        return sum / t.rowCount
      },
    })
    const run = await evaluate({ data: records, targets: 'target', predictions: 'prediction', probabilities: ['p_a', 'p_b', 'p_c'], modelType: 'classifier', slices: ['region'], extraMetrics: [meanProbabilityOfTruth], intervals: false })
    const expected = (rows: typeof records): number => rows.reduce((s, r) => s + (r[`p_${r.target as string}`] as number), 0) / rows.length
    expect(run.metrics.mean_probability_of_truth).toBeCloseTo(expected(records), 12)
    expect(run.slices['region=eu'].metrics.mean_probability_of_truth).toBeCloseTo(expected(records.filter((r) => r.region === 'eu')), 12)
  })

  test('a name ending in _lower, _upper, .lower or .upper is refused: the reports name interval bounds so', () => {
    const fn = (): number => 1
    expect(() => defineMetric({ name: 'accuracy_score_lower', greaterIsBetter: true, fn })).toThrow(
      'defineMetric: name "accuracy_score_lower" ends in "_lower", which the reports use for the lower bound of a metric\'s interval (slices.csv\'s "accuracy_score_lower" column, JUnit\'s "accuracy_score.lower" property): it would clash with the lower bound of "accuracy_score"; pick a name that does not end in _lower, _upper, .lower or .upper (e.g. "accuracy_score_low")',
    )
    expect(() => defineMetric({ name: 'f1_score.upper', greaterIsBetter: true, fn })).toThrow('ends in ".upper", which the reports use for the upper bound')
    for (const name of ['x_upper', 'x.lower', 'recall_ci_lower']) expect(() => defineMetric({ name, greaterIsBetter: true, fn })).toThrow(/would clash/)
    for (const name of ['lower_bound', 'upper', 'my_lowerish', 'x_low']) expect(defineMetric({ name, greaterIsBetter: true, fn }).name).toBe(name)
  })

  test("names JUnit's own properties or slices.csv's own columns use are refused (adversarial pass 56: two evalgate.verdict properties; slice notes overwritten)", () => {
    const fn = (): number => 1
    expect(() => defineMetric({ name: 'evalgate.verdict', greaterIsBetter: true, fn })).toThrow(
      'defineMetric: name "evalgate.verdict" begins with "evalgate.", which JUnit\'s own properties of each run use (evalgate.verdict, evalgate.model_type, ...), so the metric would overwrite it or be lost; pick another name (e.g. "verdict_metric")',
    )
    expect(() => defineMetric({ name: 'baseline.status', greaterIsBetter: true, fn })).toThrow('begins with "baseline.", which JUnit\'s own properties of each run use (baseline.status, baseline.<metric>.verdict, ...)')
    for (const name of ['slice', 'notes', 'columns', 'values']) expect(() => defineMetric({ name, greaterIsBetter: true, fn })).toThrow(`is one of slices.csv's own columns`)
    for (const name of ['evalgate_score', 'baseline_gap', 'slice_size', 'notes_count']) expect(defineMetric({ name, greaterIsBetter: true, fn }).name).toBe(name)
  })

  test('a throwing custom metric names itself', async () => {
    const broken = defineMetric({ name: 'broken', greaterIsBetter: true, fn: () => { throw new Error('boom') } })
    await expect(evaluate({ data: records, targets: 'target', predictions: 'prediction', modelType: 'classifier', extraMetrics: [broken] })).rejects.toThrow('custom metric "broken" threw: boom')
  })
})

describe('artifacts', () => {
  test('text, bytes, rows and JSON custom artifacts with safe file names', async () => {
    const run = await evaluate({
      data: records,
      targets: 'target',
      predictions: 'prediction',
      modelType: 'classifier',
      intervals: false,
      extraArtifacts: [
        defineArtifact({ name: 'summary.md', fn: (t, m) => `# ${t.rowCount} rows, accuracy ${m.accuracy_score}` }),
        defineArtifact({ name: 'raw', fn: () => new Uint8Array([104, 105]) }),
        defineArtifact({ name: 'counts', fn: async () => [{ label: 'a', n: 1 }, { label: 'b', n: 2, extra: true }] }),
        defineArtifact({ name: 'config', fn: () => ({ threshold: 0.5, when: new Date(0) }) }),
      ],
    })
    const byName = Object.fromEntries(run.artifacts.map((a) => [a.name, a]))
    expect(byName['summary.md']).toEqual({ name: 'summary.md', fileName: 'summary.md', builtin: false, content: { type: 'text', text: `# 300 rows, accuracy ${run.metrics.accuracy_score}` } })
    expect(byName.raw.fileName).toBe('raw.bin')
    expect(byName.raw.content).toEqual({ type: 'bytes', base64: 'aGk=' })
    expect(byName.counts.fileName).toBe('counts.csv')
    expect(byName.counts.content).toEqual({ type: 'rows', columns: ['label', 'n', 'extra'], rows: [{ label: 'a', n: 1 }, { label: 'b', n: 2, extra: true }] })
    expect(byName.config.fileName).toBe('config.json')
    expect(byName.config.content).toEqual({ type: 'json', value: { threshold: 0.5, when: '1970-01-01T00:00:00.000Z' } })
  })

  test('unsafe artifact names and clashes are refused', async () => {
    expect(() => defineArtifact({ name: '../escape', fn: () => '' })).toThrow(/not a safe file name/)
    expect(() => defineArtifact({ name: 'a/b', fn: () => '' })).toThrow(/not a safe file name/)
    await expect(
      evaluate({ data: records, targets: 'target', predictions: 'prediction', modelType: 'classifier', extraArtifacts: [defineArtifact({ name: 'misclassified', fn: () => '' })] }),
    ).rejects.toThrow('name of a built-in artifact')
  })

  test('an artifact returning undefined, a function, a symbol or a number says what it returned and what is allowed', async () => {
    const allowed = 'return a string (text), a Uint8Array (bytes), an array of records (CSV) or an object (JSON)'
    const cases: Array<[unknown, string]> = [
      [undefined, 'returned undefined (does fn return its value?); '],
      [() => 'text', 'returned a function (return its result, not the function); '],
      [Symbol('x'), 'returned a symbol (Symbol(x)); '],
      [42, 'returned the number 42; '],
      [10n, 'returned the bigint 10; '],
    ]
    for (const [value, said] of cases) {
      const artifact = defineArtifact({ name: 'odd', fn: () => value as string })
      await expect(evaluate({ data: records, targets: 'target', predictions: 'prediction', modelType: 'classifier', extraArtifacts: [artifact] })).rejects.toThrow(
        `artifact "odd" ${said}${allowed}`,
      )
    }
    await expect(
      evaluate({ data: records, targets: 'target', predictions: 'prediction', modelType: 'classifier', extraArtifacts: [defineArtifact({ name: 'rows', fn: () => [{ a: 1 }, undefined] as never })] }),
    ).rejects.toThrow('artifact "rows": row 1 is undefined (does fn return its value?); a rows artifact is an array of records')
  })

  test('misclassified.csv: input columns, actual, predicted, probability of the predicted label; capped with a note', async () => {
    const run = await evaluate({ data: records, targets: 'target', predictions: 'prediction', probabilities: ['p_a', 'p_b', 'p_c'], modelType: 'classifier', intervals: false, maxArtifactRows: 5 })
    const artifact = run.artifacts.find((a) => a.name === 'misclassified')!
    expect(artifact.fileName).toBe('misclassified.csv')
    expect(artifact.builtin).toBe(true)
    if (artifact.content.type !== 'rows') throw new Error('rows expected')
    expect(artifact.content.columns).toEqual(['row', 'id', 'text', 'category', 'region', 'actual', 'predicted', 'predicted_probability'])
    const wrong = records.map((r, i) => ({ r, i })).filter(({ r }) => r.target !== r.prediction)
    expect(artifact.content.rows).toHaveLength(5)
    const first = wrong[0]
    expect(artifact.content.rows[0]).toEqual({
      row: first.i + 1,
      id: first.r.id,
      text: first.r.text,
      category: first.r.category,
      region: first.r.region,
      actual: first.r.target,
      predicted: first.r.prediction,
      predicted_probability: first.r[`p_${first.r.prediction as string}`],
    })
    expect(artifact.notes).toEqual([`${wrong.length} misclassified rows; the first 5 (in data order) are listed`])
  })

  test('largest_errors.csv: top rows by |predicted - actual|, largest first', async () => {
    const data = [3, -8, 1, 8, 0.5].map((err, i) => ({ id: i, y: 10, yhat: 10 + err }))
    const run = await evaluate({ data, targets: 'y', predictions: 'yhat', modelType: 'regressor', intervals: false, maxArtifactRows: 3 })
    const artifact = run.artifacts.find((a) => a.name === 'largest_errors')!
    expect(artifact.fileName).toBe('largest_errors.csv')
    if (artifact.content.type !== 'rows') throw new Error('rows expected')
    expect(artifact.content.rows.map((r) => r.error)).toEqual([-8, 8, 3])
    expect(artifact.content.rows.map((r) => r.row)).toEqual([2, 4, 1])
    expect(artifact.content.columns).toEqual(['row', 'id', 'actual', 'predicted', 'error'])
  })
})
