/**
 * Every error evaluate() raises is typed, has a stable code, and names the column, row, value
 * and the fix.
 */
import { describe, expect, test } from 'vitest'
import { datasetFromRecords } from '../../src/data/index.js'
import { ConfigError, DatasetError, ModelError, PredictionError } from '../../src/errors.js'
import { defineMetric, evaluate } from '../../src/evaluate/index.js'
import type { EvaluateOptions } from '../../src/evaluate/index.js'
import { evaluateFailure as failure } from './evaluate-failure.js'

const records = [
  { text: 'a', label: 'pos', pred: 'pos', p_neg: 0.2, p_pos: 0.8, score: 0.8, region: 'eu' },
  { text: 'b', label: 'neg', pred: 'pos', p_neg: 0.4, p_pos: 0.6, score: 0.6, region: 'us' },
  { text: 'c', label: 'neg', pred: 'neg', p_neg: 0.9, p_pos: 0.1, score: 0.1, region: 'us' },
  { text: 'd', label: 'pos', pred: 'neg', p_neg: 0.7, p_pos: 0.3, score: 0.3, region: 'eu' },
]
const base: EvaluateOptions = { data: records, targets: 'label', predictions: 'pred', modelType: 'classifier' }


describe('evaluate() errors', () => {
  test('empty dataset', async () => {
    const error = await failure({ ...base, data: datasetFromRecords([]) })
    expect(error).toBeInstanceOf(DatasetError)
    expect(error.code).toBe('DATASET_EMPTY')
    expect(error.message).toMatch(/no rows/)
  })

  test.each([
    ['targets', { targets: 'sentiment' }, 'targets column "sentiment" not found'],
    ['predictions', { predictions: 'predicted' }, 'predictions column "predicted" not found'],
    ['scores', { scores: 'proba' }, 'scores column "proba" not found'],
    ['probabilities', { probabilities: ['p_neg', 'p_yes'] }, 'probabilities column "p_yes" not found'],
    ['slice', { slices: ['country'] }, 'slice column "country" not found'],
    ['slice cross', { slices: [['region', 'tier']] }, 'slice column "tier" not found'],
  ])('missing %s column lists the columns that exist', async (_what, patch, message) => {
    const error = await failure({ ...base, ...patch } as EvaluateOptions)
    expect(error).toBeInstanceOf(DatasetError)
    expect(error.code).toBe('DATASET_COLUMN_NOT_FOUND')
    expect(error.message).toContain(message)
    expect(error.message).toContain('columns are: text, label, pred, p_neg, p_pos, score, region')
  })

  test.each([
    ['a typo', { slice: ['region'] }, 'unknown option "slice"; did you mean "slices"?'],
    ['a typo in case', { modeltype: 'classifier' }, 'unknown option "modeltype"; did you mean "modelType"?'],
    ["mlflow.evaluate's name", { extra_metrics: [] }, `unknown option "extra_metrics" (mlflow.evaluate's name); evalgate's is extraMetrics`],
    ['nothing close', { foo: 1 }, 'unknown option "foo"; the options are: data, targets, modelType'],
  ])('an unknown option (%s) is an error naming it and the fix, not silently ignored', async (_what, patch, message) => {
    const error = await failure({ ...base, ...patch } as unknown as EvaluateOptions)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.code).toBe('UNKNOWN_OPTION')
    expect(error.message).toContain(`evaluate(): ${message}`)
  })

  test('an unknown interval option is an error; an option of another model type keeps its own message; undefined is no option', async () => {
    const interval = await failure({ ...base, intervals: { levels: 0.9 } } as unknown as EvaluateOptions)
    expect(interval.code).toBe('UNKNOWN_OPTION')
    expect(interval.message).toContain('evaluate(): unknown option "levels" in intervals; did you mean "level"?')
    const foreign = await failure({ ...base, k: 5 })
    expect(foreign.message).toContain("k applies to modelType 'retriever', but modelType is 'classifier'")
    const run = await evaluate({ ...base, ...({ sliceColumns: undefined } as object), intervals: false })
    expect(run.metrics.accuracy_score).toBe(0.5)
  })

  test('both model and predictions, or neither', async () => {
    const both = await failure({ ...base, model: () => [] })
    expect(both).toBeInstanceOf(ConfigError)
    expect(both.message).toMatch(/both `model` and `predictions`/)
    const { predictions: _unused, ...withoutPredictions } = base
    const neither = await failure(withoutPredictions)
    expect(neither).toBeInstanceOf(ConfigError)
    expect(neither.code).toBe('MODEL_OR_PREDICTIONS')
    expect(neither.message).toMatch(/neither `model` nor `predictions`/)
  })

  test('a model returning the wrong number of predictions names the batch and rows', async () => {
    const { predictions: _unused, ...rest } = base
    const error = await failure({ ...rest, batchSize: 3, model: (rows) => (rows.length === 3 ? ['pos', 'neg'] : ['pos']) })
    expect(error).toBeInstanceOf(PredictionError)
    expect(error.code).toBe('PREDICTION_COUNT')
    expect(error.message).toContain('returned 2 predictions for batch 0 of 3 rows (rows 1-3)')
  })

  test('a model function that throws: which batch, which rows, with the cause', async () => {
    const { predictions: _unused, ...rest } = base
    const cause = new Error('tokenizer exploded')
    const error = await failure({
      ...rest,
      batchSize: 2,
      model: (_rows, context) => {
        if (context.batchIndex === 1) throw cause
        return ['pos', 'neg']
      },
    })
    expect(error).toBeInstanceOf(ModelError)
    expect(error.code).toBe('MODEL_THREW')
    expect(error.message).toContain('batch 1 (rows 3-4): tokenizer exploded')
    expect(error.cause).toBe(cause)
  })

  test('NaN and infinite predictions and probabilities name column, row and value', async () => {
    const regression = [{ y: 1, yhat: 2 }, { y: 2, yhat: Number.NaN }]
    const nan = await failure({ data: regression, targets: 'y', predictions: 'yhat', modelType: 'regressor' })
    expect(nan).toBeInstanceOf(PredictionError)
    expect(nan.message).toContain('predictions column "yhat": row 2 is NaN')

    const infinite = await failure({ data: [{ y: 1 }, { y: 2 }], targets: 'y', modelType: 'regressor', model: () => [1, Infinity] })
    expect(infinite.message).toContain('row 2 is Infinity')

    const nanLabel = await failure({ ...base, data: records.map((r, i) => ({ ...r, pred: i === 2 ? Number.NaN : 1 })) })
    expect(nanLabel).toBeInstanceOf(PredictionError)
    expect(nanLabel.message).toContain('predictions column "pred": row 3 is not a finite number (NaN)')

    const nanProbability = await failure({ ...base, data: records.map((r, i) => ({ ...r, p_pos: i === 1 ? Number.NaN : r.p_pos })), probabilities: ['p_neg', 'p_pos'] })
    expect(nanProbability).toBeInstanceOf(PredictionError)
    expect(nanProbability.message).toContain('probabilities column "p_pos": row 2 is NaN')
  })

  test('probabilities outside [0, 1] are an error naming column, row and value', async () => {
    const error = await failure({ ...base, data: records.map((r, i) => ({ ...r, score: i === 3 ? 1.7 : r.score })), scores: 'score' })
    expect(error).toBeInstanceOf(PredictionError)
    expect(error.code).toBe('PROBABILITY_OUT_OF_RANGE')
    expect(error.message).toContain('scores column "score": row 4 is 1.7, outside [0, 1]')
    const negative = await failure({ ...base, data: records.map((r, i) => ({ ...r, p_neg: i === 0 ? -0.1 : r.p_neg })), probabilities: ['p_neg', 'p_pos'] })
    expect(negative.message).toContain('probabilities column "p_neg": row 1 is -0.1')
  })

  test('rows not summing to 1: log_loss renormalises, multiclass roc_auc is left out, both said in a note', async () => {
    const data = [
      { y: 'a', p: 'a', pa: 0.5, pb: 0.3, pc: 0.1 },
      { y: 'b', p: 'b', pa: 0.2, pb: 0.6, pc: 0.2 },
      { y: 'c', p: 'c', pa: 0.1, pb: 0.1, pc: 0.8 },
      { y: 'a', p: 'b', pa: 0.3, pb: 0.5, pc: 0.2 },
    ]
    const run = await evaluate({ data, targets: 'y', predictions: 'p', probabilities: ['pa', 'pb', 'pc'], modelType: 'classifier', intervals: false })
    expect(run.metrics).not.toHaveProperty('roc_auc')
    // scikit-learn: row 1 rescaled to (0.5, 0.3, 0.1) / 0.9
    const expected = -(Math.log(0.5 / 0.9) + Math.log(0.6) + Math.log(0.8) + Math.log(0.3)) / 4
    expect(run.metrics.log_loss).toBeCloseTo(expected, 12)
    expect(run.notes.join('\n')).toContain('do not sum to 1 (first: row 1, sum 0.9')
    expect(run.notes.join('\n')).toMatch(/renormalises.*roc_auc is left out/)
  })

  test('a label not in `labels` names the row, the label and the labels', async () => {
    const target = await failure({ ...base, labels: ['pos', 'other'] })
    expect(target).toBeInstanceOf(DatasetError)
    expect(target.code).toBe('UNKNOWN_LABEL')
    expect(target.message).toContain('targets column "label": row 2 has label "neg", which is not in `labels` (pos, other)')
    const predicted = await failure({ ...base, data: records.map((r, i) => ({ ...r, pred: i === 3 ? 'maybe' : r.pred })), labels: ['neg', 'pos'] })
    expect(predicted).toBeInstanceOf(PredictionError)
    expect(predicted.message).toContain('predictions column "pred": row 4 has label "maybe", which is not in `labels` (neg, pos)')
  })

  test('posLabel not among the labels', async () => {
    const error = await failure({ ...base, posLabel: 'positive' })
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.code).toBe('UNKNOWN_POS_LABEL')
    // two labels found: a typo, not a missing class (adversarial pass 58: the advice made a 3-class run)
    expect(error.message).toContain('`posLabel` "positive" is not among the labels found in the targets and predictions (neg, pos); choose one of them (labels are compared exactly as written)')
    const given = await failure({ ...base, posLabel: 'positive', labels: ['neg', 'pos'] })
    expect(given.message).toContain('`posLabel` "positive" is not among the labels given (neg, pos); choose one of them')
  })

  test('a batch without positives, scored: the error names labels as the fix, and with them the run works (white-box review 57)', async () => {
    const data = [{ y: 'clean', s: 0.1 }, { y: 'clean', s: 0.7 }, { y: 'clean', s: 0.3 }]
    const options = { data, targets: 'y', scores: 's', posLabel: 'fraud', modelType: 'classifier', intervals: false } as const
    expect((await failure(options)).message).toContain('list every class: labels: ["clean", "fraud"]')
    const run = await evaluate({ ...options, labels: ['clean', 'fraud'] })
    // scikit-learn 1.2.1: log_loss([0, 0, 0], [0.1, 0.7, 0.3], labels=[0, 1])
    expect(run.metrics.log_loss).toBeCloseTo(0.5553360879741649, 12)
  })

  test('scores with more than two labels', async () => {
    const data = records.map((r, i) => ({ ...r, label: i === 0 ? 'neutral' : r.label }))
    const error = await failure({ ...base, data, scores: 'score' })
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.code).toBe('SCORES_NOT_BINARY')
    expect(error.message).toContain('needs exactly 2 labels, but there are 3 (neg, neutral, pos); use `probabilities: [...]` (one column per label) instead')
  })

  test('a non-numeric regression target names row and value', async () => {
    const error = await failure({ data: [{ y: 1, yhat: 1 }, { y: 'n/a', yhat: 2 }], targets: 'y', predictions: 'yhat', modelType: 'regressor' })
    expect(error).toBeInstanceOf(DatasetError)
    expect(error.message).toMatch(/targets column "y": row 2 .*"n\/a".*not a number/)
  })

  test('probability records must cover exactly the labels', async () => {
    const { predictions: _unused, ...rest } = base
    const missing = await failure({ ...rest, labels: ['neg', 'pos'], model: (rows) => rows.map(() => ({ probabilities: { pos: 1 } })) })
    expect(missing).toBeInstanceOf(PredictionError)
    expect(missing.message).toContain('row 1 has no probability for "neg" (labels: neg, pos)')
    const extra = await failure({ ...rest, labels: ['neg', 'pos'], model: (rows) => rows.map(() => ({ probabilities: { pos: 0.5, neg: 0.3, maybe: 0.2 } })) })
    expect(extra.message).toContain('row 1 has a probability for "maybe", which is not a label')
  })

  test('a custom metric may not take a built-in name, nor two the same', async () => {
    const clash = await failure({ ...base, extraMetrics: [defineMetric({ name: 'f1_score', greaterIsBetter: true, fn: () => 1 })] })
    expect(clash).toBeInstanceOf(ConfigError)
    expect(clash.code).toBe('METRIC_NAME_CLASH')
    expect(clash.message).toContain('custom metric "f1_score" has the name of a built-in metric')
    const twice = defineMetric({ name: 'm', greaterIsBetter: true, fn: () => 1 })
    expect((await failure({ ...base, extraMetrics: [twice, twice] })).message).toContain('two custom metrics are named "m"')
  })

  test('option mistakes', async () => {
    expect((await failure({ ...base, modelType: 'ranker' as 'classifier' })).code).toBe('INVALID_MODEL_TYPE')
    expect((await failure({ ...base, average: 'samples' as 'macro' })).message).toContain("use 'weighted' (default), 'macro' or 'micro'")
    expect((await failure({ ...base, intervals: { level: 95 } })).message).toContain('intervals.level 95 must be between 0 and 1')
    expect((await failure({ ...base, scores: 'score', probabilities: ['p_neg', 'p_pos'] })).code).toBe('SCORES_AND_PROBABILITIES')
    expect((await failure({ ...base, probabilities: ['p_pos'] })).message).toContain('1 columns (p_pos) for 2 labels (neg, pos)')
    expect((await failure({ data: [{ y: 1, f: 2 }], targets: 'y', predictions: 'f', modelType: 'regressor', labels: [1] })).code).toBe('CLASSIFIER_OPTION')
  })
})
