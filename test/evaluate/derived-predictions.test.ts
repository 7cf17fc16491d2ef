/**
 * Predictions derived from stored probabilities (argmax, ties to the first label in label order,
 * as NumPy) or binary scores (posLabel where score >= threshold) when evaluate() gets neither a
 * model nor a predictions column.
 */
import { describe, expect, test } from 'vitest'
import { ConfigError } from '../../src/errors.js'
import { evaluate } from '../../src/evaluate/index.js'
import type { EvaluateOptions } from '../../src/evaluate/index.js'
import { runTableOf } from '../../src/run/run-table.js'
import type { EvalRun } from '../../src/run/types.js'
import { expectClose } from './expect-close.js'
import { caseOptions, loadSklearnCases } from './sklearn-fixtures.js'
import type { SklearnCase } from './sklearn-fixtures.js'
import { evaluateFailure as failure } from './evaluate-failure.js'

/** The predicted label of every row, as evaluate() derived it. */
function predictedLabels(run: EvalRun): string[] {
  const predictedIndex = runTableOf(run)?.encoded.columns.predictedIndex
  if (!(predictedIndex instanceof Int32Array) || run.labels === undefined) throw new Error('no classifier run table for the run')
  return Array.from(predictedIndex, (index) => run.labels![index])
}


describe('predictions derived from probabilities (argmax)', () => {
  // Label order a, b, c. Rows 2-4 and 7 tie at the maximum: the first tied label in label order wins.
  const records = [
    { y: 'c', pa: 0.1, pb: 0.2, pc: 0.7 },
    { y: 'b', pa: 0.4, pb: 0.4, pc: 0.2 }, // a-b tie -> a
    { y: 'c', pa: 0.2, pb: 0.4, pc: 0.4 }, // b-c tie -> b
    { y: 'a', pa: 0.4, pb: 0.2, pc: 0.4 }, // a-c tie -> a
    { y: 'b', pa: 0.25, pb: 0.5, pc: 0.25 },
    { y: 'a', pa: 0.6, pb: 0.1, pc: 0.3 },
    { y: 'b', pa: 1 / 3, pb: 1 / 3, pc: 1 / 3 }, // three-way tie -> a
  ]
  const argmax = ['c', 'a', 'b', 'a', 'b', 'a', 'a']

  test('the most probable label, ties to the first in label order', async () => {
    const run = await evaluate({ data: records, targets: 'y', modelType: 'classifier', probabilities: ['pa', 'pb', 'pc'], intervals: false })
    expect(run.labels).toEqual(['a', 'b', 'c'])
    expect(predictedLabels(run)).toEqual(argmax)
    // Right on rows 1, 4, 5, 6.
    expect(run.metrics.accuracy_score).toBeCloseTo(4 / 7, 15)
    expect(run.confusionMatrix?.counts).toEqual([
      [2, 0, 0],
      [2, 1, 0],
      [0, 1, 1],
    ])
    expect(run.model).toEqual({ kind: 'predictions', name: 'argmax(pa, pb, pc)' })
    expect(run.notes.join('\n')).toMatch(/predictions derived from probabilities pa, pb, pc: the most probable label of each row, ties to the first in label order/)
  })

  test('ties follow the `labels` order given, not the column names', async () => {
    // Columns listed in labels order c, b, a: every tie now goes to the other label.
    const run = await evaluate({
      data: records, targets: 'y', modelType: 'classifier', labels: ['c', 'b', 'a'], probabilities: ['pc', 'pb', 'pa'], intervals: false,
    })
    expect(predictedLabels(run)).toEqual(['c', 'b', 'c', 'c', 'b', 'a', 'c'])
  })

  test('gives the same run as a stored column holding the argmax labels', async () => {
    const withColumn = records.map((r, i) => ({ ...r, argmax: argmax[i] }))
    const derived = await evaluate({ data: withColumn, targets: 'y', modelType: 'classifier', probabilities: ['pa', 'pb', 'pc'], inputColumns: [] })
    const stored = await evaluate({ data: withColumn, targets: 'y', modelType: 'classifier', predictions: 'argmax', probabilities: ['pa', 'pb', 'pc'], inputColumns: [] })
    expect(derived.metrics).toEqual(stored.metrics)
    expect(derived.intervals).toEqual(stored.intervals)
    expect(derived.perClass).toEqual(stored.perClass)
  })
})

describe('predictions derived from binary scores (>= threshold)', () => {
  const records = [
    { y: 'spam', s: 0.5 }, // exactly the default threshold -> positive
    { y: 'ham', s: 0.5 - 2 ** -53 }, // the largest double below 0.5 -> negative
    { y: 'ham', s: 0.7 },
    { y: 'spam', s: 0.69 },
    { y: 'spam', s: 1 },
    { y: 'ham', s: 0 },
  ]

  test('score 0.5 exactly is positive at the default threshold', async () => {
    const run = await evaluate({ data: records, targets: 'y', modelType: 'classifier', scores: 's', intervals: false })
    expect(run.posLabel).toBe('spam')
    expect(predictedLabels(run)).toEqual(['spam', 'ham', 'spam', 'spam', 'spam', 'ham'])
    expect(run.metrics).toMatchObject({ true_positives: 3, false_positives: 1, true_negatives: 2, false_negatives: 0 })
    expect(run.model).toEqual({ kind: 'predictions', name: 's >= 0.5' })
    expect(run.notes).toContain('predictions derived from scores "s": "spam" where the score is >= 0.5, else "ham" (no predictions column was given)')
  })

  test('threshold moves the boundary, which stays inclusive', async () => {
    const run = await evaluate({ data: records, targets: 'y', modelType: 'classifier', scores: 's', threshold: 0.7, intervals: false })
    expect(predictedLabels(run)).toEqual(['ham', 'ham', 'spam', 'ham', 'spam', 'ham'])
    expect(run.model.name).toBe('s >= 0.7')
    // Probability metrics do not depend on the threshold.
    const atDefault = await evaluate({ data: records, targets: 'y', modelType: 'classifier', scores: 's', intervals: false })
    expect(run.metrics.roc_auc).toBe(atDefault.metrics.roc_auc)
    expect(run.metrics.log_loss).toBe(atDefault.metrics.log_loss)
    expect(run.metrics.accuracy_score).toBeCloseTo(3 / 6, 15)
    expect(atDefault.metrics.accuracy_score).toBeCloseTo(5 / 6, 15)
  })

  test('the score is the probability of posLabel, whichever label that is', async () => {
    const run = await evaluate({ data: records, targets: 'y', modelType: 'classifier', scores: 's', posLabel: 'ham', intervals: false })
    expect(run.posLabel).toBe('ham')
    expect(predictedLabels(run)).toEqual(['ham', 'spam', 'ham', 'ham', 'ham', 'spam'])
  })
})

describe('errors', () => {
  const records = [
    { y: 'pos', pred: 'pos', s: 0.8, p_neg: 0.2, p_pos: 0.8, v: 1 },
    { y: 'neg', pred: 'neg', s: 0.3, p_neg: 0.7, p_pos: 0.3, v: 2 },
  ]
  const base = { data: records, targets: 'y', modelType: 'classifier' } as const

  test('neither model, predictions, probabilities nor scores names all four', async () => {
    const error = await failure(base)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.code).toBe('MODEL_OR_PREDICTIONS')
    expect(error.message).toMatch(/neither `model` nor `predictions`/)
    expect(error.message).toContain('`probabilities: ["<col>", ...]`')
    expect(error.message).toContain('`scores: "<column>"`')
  })

  test('a regressor still needs a model or predictions', async () => {
    const error = await failure({ data: records, targets: 'v', modelType: 'regressor' })
    expect(error.code).toBe('MODEL_OR_PREDICTIONS')
    expect(error.message).not.toContain('scores')
  })

  test.each([
    ['without scores', { probabilities: ['p_neg', 'p_pos'], threshold: 0.6 }, 'THRESHOLD_WITHOUT_SCORES', /threshold applies only with `scores`/],
    ['with a predictions column', { scores: 's', predictions: 'pred', threshold: 0.6 }, 'THRESHOLD_UNUSED', /threshold would be ignored: predictions come from the stored column "pred"/],
    ['with a model', { scores: 's', model: () => ['pos', 'neg'], threshold: 0.6 }, 'THRESHOLD_UNUSED', /predictions come from `model`/],
    ['above 1', { scores: 's', threshold: 50 }, 'INVALID_THRESHOLD', /threshold 50 must be a number between 0 and 1/],
    ['not a number', { scores: 's', threshold: '0.5' }, 'INVALID_THRESHOLD', /threshold "0.5" must be a number/],
  ])('threshold %s', async (_what, patch, code, message) => {
    const error = await failure({ ...base, ...patch } as EvaluateOptions)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.code).toBe(code)
    expect(error.message).toMatch(message)
  })

  test('threshold on a regressor is a classifier option', async () => {
    const error = await failure({ data: records, targets: 'v', predictions: 'v', modelType: 'regressor', threshold: 0.5 })
    expect(error.code).toBe('CLASSIFIER_OPTION')
    expect(error.message).toMatch(/^threshold applies to modelType 'classifier'/)
  })

  test('a probability column for a label absent from the targets asks for labels', async () => {
    const error = await failure({ data: records, targets: 'y', modelType: 'classifier', probabilities: ['p_neg', 'p_pos', 's'] })
    expect(error.code).toBe('PROBABILITY_COLUMNS')
    expect(error.message).toContain('3 columns (p_neg, p_pos, s) for 2 labels (neg, pos)')
    expect(error.message).toContain('the labels are those found in the targets: pass `labels: [...]` to name every class')
  })

  test('scores with more than two labels', async () => {
    const error = await failure({ data: [...records, { y: 'maybe', pred: 'neg', s: 0.5, p_neg: 0.5, p_pos: 0.5, v: 3 }], targets: 'y', modelType: 'classifier', scores: 's' })
    expect(error.code).toBe('SCORES_NOT_BINARY')
  })
})

/** The labels the test itself derives from a fixture's stored probabilities or score. */
function expectedDerived(c: SklearnCase): string[] {
  const labels = c.expected.labels!
  const n = c.columns.target.length
  if (c.probabilityColumns) {
    const columns = c.probabilityColumns.map((name) => c.columns[name] as number[])
    return Array.from({ length: n }, (_, i) => {
      let best = 0
      for (let j = 1; j < columns.length; j++) if (columns[j][i] > columns[best][i]) best = j
      return labels[best]
    })
  }
  const pos = c.expected.posLabel!
  const other = labels.find((l) => l !== pos)!
  const scores = c.columns[c.scoreColumn!] as number[]
  return scores.map((s) => (s >= 0.5 ? pos : other))
}

const PROBABILITY_METRICS = ['log_loss', 'roc_auc', 'precision_recall_auc', 'brier_score_loss']

describe('scikit-learn fixtures with probabilities, evaluated without the prediction column', () => {
  const cases = loadSklearnCases().filter((c) => c.options.modelType === 'classifier' && (c.probabilityColumns || c.scoreColumn))
  let fullParity = 0

  test('there are such fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10)
  })

  for (const c of cases) {
    test(`${c.name}`, async () => {
      const { predictions: _stored, ...options } = caseOptions(c)
      const run = await evaluate(options)
      const derived = expectedDerived(c)
      expect(run.labels).toEqual(c.expected.labels)
      expect(predictedLabels(run)).toEqual(derived)
      // Probability metrics do not depend on the predictions: still scikit-learn's values.
      for (const name of PROBABILITY_METRICS) {
        if (name in c.expected.metrics) expectClose(run.metrics[name], c.expected.metrics[name], `${c.name} ${name}`)
      }
      const fixturePredictions = (c.columns.prediction as unknown[]).map(String)
      if (fixturePredictions.every((p, i) => p === derived[i])) {
        // The fixture's predictions are the argmax / >= 0.5 ones: every metric is scikit-learn's.
        fullParity++
        for (const [name, value] of Object.entries(c.expected.metrics)) expectClose(run.metrics[name], value, `${c.name} ${name}`)
        if (c.expected.confusionMatrix) expect(run.confusionMatrix?.counts).toEqual(c.expected.confusionMatrix)
        for (const [key, slice] of Object.entries(c.expected.slices ?? {})) {
          for (const [name, value] of Object.entries(slice.metrics)) expectClose(run.slices[key].metrics[name], value, `${c.name} ${key} ${name}`)
        }
      } else {
        // Otherwise: the same run as the derived labels stored in a column.
        const withColumn = derived.map((label, i) => ({ ...Object.fromEntries(Object.entries(c.columns).map(([k, v]) => [k, v[i]])), derived: label }))
        const stored = await evaluate({ ...options, data: withColumn, predictions: 'derived' })
        expect(run.metrics).toEqual(stored.metrics)
        const correct = derived.filter((label, i) => label === String(c.columns.target[i])).length
        expectClose(run.metrics.accuracy_score, correct / derived.length, `${c.name} accuracy_score`)
      }
    })
  }

  test('most fixtures store exactly the argmax / >= 0.5 predictions, so their full scikit-learn expectations apply', () => {
    expect(fullParity).toBeGreaterThanOrEqual(8)
  })
})
