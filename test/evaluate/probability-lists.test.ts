/**
 * A model function returning `{ probabilities: [...] }` (a list, as scikit-learn's
 * `predict_proba` gives) with string labels: the list is read in the order of the declared
 * `labels`; without `labels` it is an error naming the row and the fix, never a list whose
 * indices are taken for labels "0", "1", ....
 */
import { describe, expect, test } from 'vitest'
import { PredictionError } from '../../src/errors.js'
import { evaluate } from '../../src/evaluate/index.js'
import type { EvaluateOptions } from '../../src/evaluate/index.js'
import { evaluateFailure as failure } from './evaluate-failure.js'

const CLASSES = ['cat', 'dog', 'eel']
const data = Array.from({ length: 12 }, (_, i) => ({ x: i, y: CLASSES[i % 3] }))
/** Row i: 0.6 on its class, 0.3 on the next, 0.1 on the one after, except every fourth row, which favours the next class. */
function keyed(i: number): Record<string, number> {
  const c = (i % 3 + (i % 4 === 0 ? 1 : 0)) % 3
  return { [CLASSES[c]]: 0.6, [CLASSES[(c + 1) % 3]]: 0.3, [CLASSES[(c + 2) % 3]]: 0.1 }
}
const base: EvaluateOptions = { data, targets: 'y', modelType: 'classifier', intervals: false }


describe('probabilities returned as a list', () => {
  test('read in the order of `labels`, whatever that order: the same run as probabilities keyed by label', async () => {
    const expected = await evaluate({ ...base, model: (rows) => rows.map((row) => ({ probabilities: keyed(Number(row.x)) })) })
    for (const order of [CLASSES, ['eel', 'cat', 'dog']]) {
      const run = await evaluate({ ...base, labels: order, model: (rows) => rows.map((row) => ({ probabilities: order.map((label) => keyed(Number(row.x))[label]) })) })
      expect(run.metrics.accuracy_score).toBe(expected.metrics.accuracy_score)
      expect(run.metrics.log_loss).toBeCloseTo(expected.metrics.log_loss, 14)
      expect(run.metrics.roc_auc).toBeCloseTo(expected.metrics.roc_auc, 14)
    }
    expect(expected.metrics.accuracy_score).toBe(9 / 12)
  })

  test('without `labels`: an error naming the row and both fixes', async () => {
    const error = await failure({ ...base, model: (rows) => rows.map(() => ({ probabilities: [0.7, 0.2, 0.1] })) })
    expect(error).toBeInstanceOf(PredictionError)
    expect(error.code).toBe('PROBABILITY_LIST_WITHOUT_LABELS')
    expect(error.message).toBe(
      'model predictions: row 1 returns its probabilities as a list (3 numbers), which does not say which class each is for; pass `labels: [...]` in the order of the list (the model\'s class order, e.g. scikit-learn\'s classes_), or return them keyed by label ({ probabilities: { "cat": 0.7, ... } }); labels in the targets: cat, dog, eel',
    )
  })

  test('labels 0..k-1 without `labels`: the same error (the list\'s indices are not labels, even when they look like them)', async () => {
    const numeric = data.map((row) => ({ ...row, y: CLASSES.indexOf(row.y) }))
    const error = await failure({ ...base, data: numeric, model: (rows) => rows.map(() => ({ probabilities: [0.7, 0.2, 0.1] })) })
    expect(error.code).toBe('PROBABILITY_LIST_WITHOUT_LABELS')
  })

  test('a list of another length than `labels`: an error naming the row and the labels', async () => {
    const error = await failure({ ...base, labels: CLASSES, model: (rows) => rows.map((row) => ({ probabilities: Number(row.x) === 4 ? [0.5, 0.5] : [0.6, 0.3, 0.1] })) })
    expect(error).toBeInstanceOf(PredictionError)
    expect(error.message).toBe('model predictions: row 5 returns 2 probabilities as a list, but `labels` names 3 (cat, dog, eel); a list is read in `labels` order, one probability per label')
  })
})
