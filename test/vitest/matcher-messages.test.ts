// The matchers' messages for people (issue 11): a percentage threshold on a 0–1 metric, "did you
// mean" only for what exists, only the notes about the missing metric, rounded numbers.
import { beforeAll, describe, expect, test } from 'vitest'
import type { SliceResult } from '../../src/run/types.js'
import { evalgateMatchers } from '../../src/vitest/matchers/index.js'
import { findSlice } from '../../src/vitest/matchers/slice-lookup.js'
import '../../src/vitest/matcher-types.js'
import { handBuiltRun } from './hand-built-run.js'

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
  const [column, value] = key.split('=')
  return { key, columns: [column], values: [value], exampleCount, metrics, intervals: {}, notes: [] }
}

describe('a threshold outside the range of a bounded metric', () => {
  test('85 on accuracy asks for 0.85, with and without .not', () => {
    const run = handBuiltRun()
    const message = 'toHaveMetric: threshold 85 for accuracy_score is out of range: accuracy_score lies between 0 and 1; did you mean 0.85? (thresholds are fractions, not percentages)'
    expect(() => expect(run).toHaveMetric('accuracy_score', 85)).toThrow(message)
    expect(() => expect(run).not.toHaveMetric('accuracy_score', 85)).toThrow(message)
    expect(() => expect(run).toHaveMetric('f1', { min: 0.5, max: 95 })).toThrow('max 95 for f1_score is out of range: f1_score lies between 0 and 1; did you mean 0.95?')
  })

  test('a confusion rate of 10 asks for 0.1 (it would always pass); Matthews takes -1 to 1; unbounded metrics take anything', () => {
    const run = handBuiltRun({ metrics: { accuracy_score: 0.9, matthews_corrcoef: 0.6, log_loss: 0.3 } })
    run.confusionMatrix = { labels: ['negative', 'positive'], counts: [[80, 20], [10, 90]] }
    expect(() => expect(run).toHaveConfusionRate({ actual: 'negative', predicted: 'positive', max: 10 })).toThrow('max 10 for confusion_rate is out of range: confusion_rate lies between 0 and 1; did you mean 0.1?')
    expect(() => expect(run).toHaveMetric('matthews_corrcoef', 50)).toThrow('matthews_corrcoef lies between -1 and 1; did you mean 0.5?')
    expect(() => expect(run).toHaveMetric('accuracy_score', -0.2)).toThrow('threshold -0.2 for accuracy_score is out of range: accuracy_score lies between 0 and 1; give a threshold in that range')
    expect(run).toHaveMetric('log_loss', 85)
  })

  test('a toOutperform margin as wide as the range (1 on accuracy, 2 on Matthews) is refused, with and without .not; just below it is taken', () => {
    const run = handBuiltRun({ metrics: { accuracy_score: 0.9, matthews_corrcoef: 0.6 } })
    const message = 'toOutperform: margin 1 for accuracy_score is as wide as its range (accuracy_score lies between 0 and 1), so no model can outperform another by more; did you mean 0.01? (margins are fractions, not percentages)'
    expect(() => expect(run).toOutperform(handBuiltRun(), { margin: 1 })).toThrow(message)
    expect(() => expect(run).not.toOutperform(handBuiltRun(), { margin: 1 })).toThrow(message)
    expect(() => expect(run).toOutperform(handBuiltRun(), { margin: 5 })).toThrow('toOutperform: margin 5 for accuracy_score is out of range: accuracy_score differences lie between 0 and 1; did you mean 0.05?')
    const other = handBuiltRun({ metrics: { accuracy_score: 0.9, matthews_corrcoef: 0.6 } })
    run.greaterIsBetter.matthews_corrcoef = true
    other.greaterIsBetter.matthews_corrcoef = true
    expect(() => expect(run).not.toOutperform(other, { metric: 'matthews_corrcoef', margin: 2 })).toThrow('margin 2 for matthews_corrcoef is as wide as its range (matthews_corrcoef lies between -1 and 1), so no model can outperform another by more; did you mean 0.02?')
    expect(run).not.toOutperform(handBuiltRun(), { margin: 0.99, significance: false })
  })

  test('a bound that is not a number, or min above max, is a mistake in the test, not a failed verdict', () => {
    const run = handBuiltRun()
    expect(() => expect(run).toHaveMetric('f1_score', { min: 0.9, max: 0.1 })).toThrow('toHaveMetric: min 0.9 is above max 0.1 for f1_score: no value can meet both; did you swap them?')
    expect(() => expect(run).toHaveMetric('f1_score', Number.NaN)).toThrow('toHaveMetric: threshold must be a number, received NaN for f1_score')
    expect(() => expect(run).toHaveMetric('f1_score', { min: '0.8' as unknown as number })).toThrow('toHaveMetric: min must be a number, received "0.8" for f1_score')
  })
})

describe('a misspelled option is a mistake in the test, never silently the default', () => {
  test('every matcher that takes an options object names the unknown key and the fix', () => {
    const run = handBuiltRun()
    run.confusionMatrix = { labels: ['negative', 'positive'], counts: [[80, 20], [10, 90]] }
    expect(() => expect(run).toHaveMetric('f1_score', { min: 0.5, confidnce: 'lower' } as never)).toThrow('toHaveMetric: unknown option "confidnce" in the threshold; did you mean "confidence"?')
    expect(() => expect(run).toHaveMetric('f1_score', 0.5, { confidense: 'lower' } as never)).toThrow('toHaveMetric: unknown option "confidense" in the options; did you mean "confidence"?')
    expect(() => expect(run).toHaveMetric('f1_score', { minimum: 0.5 } as never)).toThrow('toHaveMetric: unknown option "minimum" in the threshold;')
    expect(() => expect(run).toHaveMetric('f1_score', 0.5, { confidence: 'lowr' } as never)).toThrow("toHaveMetric: confidence must be 'point' (the value) or 'lower'")
    expect(() => expect(run).toHaveConfusionRate({ actual: 'negative', predicted: 'positive', max: 0.3, slices: 'x' } as never)).toThrow(
      'toHaveConfusionRate: unknown option "slices" in the expectation; did you mean "slice"?',
    )
    expect(() => expect(run).toHaveSliceGap({ column: 'category', metric: 'f1_score', max: 0.1, maximum: 0.2 } as never)).toThrow('toHaveSliceGap: unknown option "maximum" in the expectation;')
    expect(() => expect(run).toOutperform(handBuiltRun(), { metric: 'f1', marign: 0.05 } as never)).toThrow('toOutperform: unknown option "marign" in the options; did you mean "margin"?')
    expect(() => expect(run).toOutperform(handBuiltRun(), { margin: '0.05' } as never)).toThrow('toOutperform: margin must be a number of at least 0')
    expect(() => expect(run).toOutperform(handBuiltRun(), { significance: 5 })).toThrow('toOutperform: significance must be between 0 and 1')
  })
})

describe('"did you mean" suggests only slices and metrics that exist', () => {
  const run = handBuiltRun()
  run.sliceColumns = ['category']
  run.slices = {
    'category=billing': slice('category=billing', 100, { f1_score: 0.8 }),
    'category=shipping': slice('category=shipping', 80, { f1_score: 0.7 }),
  }

  test('a misspelt bare value is matched to the real slice, by its key', () => {
    const message = messageOf(() => findSlice(run, 'billng'))
    expect(message).toBe(
      'slice "billng" not found in any declared slice column; did you mean "category=billing"? slices are: category=billing, category=shipping; to compute a column not declared in evaluate({ slices }), name the slice as column=value',
    )
  })

  test('a value close to nothing gets no suggestion, and no made-up column=value', () => {
    const message = messageOf(() => findSlice(run, 'product_C'))
    expect(message).not.toContain('did you mean')
    expect(message).not.toContain('category=product_C')
    expect(message).not.toContain('e.g.')
  })

  test('column=value with a misspelt value suggests the real one', () => {
    expect(messageOf(() => findSlice(run, 'category=shiping'))).toBe(
      'slice "category=shiping" not found; did you mean "category=shipping"? slices of category are: category=billing, category=shipping',
    )
  })

  test('a misspelt metric suggests the metric the run has', () => {
    expect(messageOf(() => expect(run).toHaveMetric('acuracy_score', 0.5))).toBe('metric "acuracy_score" not found; did you mean "accuracy_score"? the run has: accuracy_score, f1_score')
  })
})

describe('a missing metric shows only the notes about it', () => {
  const curveNote = 'ROC and precision-recall curves keep at most 1000 of their points (exact points of the full curves, spread along their length); roc_auc and precision_recall_auc use every point'
  const aucNote = 'roc_auc left out: only one class present in these 40 examples (scikit-learn raises)'

  test('roc_auc missing: its own note, not the curve-points note', () => {
    const run = handBuiltRun()
    run.notes = [curveNote, aucNote]
    const message = messageOf(() => expect(run).toHaveMetric('roc_auc', 0.5))
    expect(message).toBe(`metric "roc_auc" not found; the run has: accuracy_score, f1_score; run notes: ${aucNote}`)
  })

  test('another metric missing: no note at all', () => {
    const run = handBuiltRun()
    run.notes = [curveNote, aucNote]
    expect(messageOf(() => expect(run).toHaveMetric('brier_score_loss', 0.5))).toBe('metric "brier_score_loss" not found; the run has: accuracy_score, f1_score')
  })
})

describe('numbers are rounded alike', () => {
  test('Received is rounded as the interval is', () => {
    const run = handBuiltRun({ metrics: { accuracy_score: 0.05623305820455804, f1_score: 0.88 } })
    const message = messageOf(() => expect(run).toHaveMetric('accuracy_score', 0.5))
    expect(message).toContain('Received: 0.0562\n')
    expect(message).not.toContain('0.05623305820455804')
    expect(message).toContain('Interval: 95% interval [0.0262, 0.0862]')
  })

  test('a value that rounds to the threshold shows the digits that tell them apart', () => {
    const run = handBuiltRun({ metrics: { accuracy_score: 0.849961, f1_score: 0.88 }, halfWidth: 0 })
    expect(messageOf(() => expect(run).toHaveMetric('accuracy_score', 0.85))).toContain('Received: 0.84996\n')
  })

  test('the slice gap is rounded too', () => {
    const run = handBuiltRun()
    run.sliceColumns = ['category']
    run.slices = {
      'category=a': slice('category=a', 100, { f1_score: 0.912345678 }),
      'category=b': slice('category=b', 100, { f1_score: 0.7 }),
    }
    expect(messageOf(() => expect(run).toHaveSliceGap({ column: 'category', metric: 'f1_score', max: 0.1 }))).toContain('Received: 0.2123 (best category=a 0.9123, worst category=b 0.7)')
  })
})

describe('short metric names', () => {
  test('mae, mse, rmse, r2 and mape name the regressor metrics; a metric the run itself has by that name wins', () => {
    const run = handBuiltRun({ metrics: { mean_absolute_error: 0.4, root_mean_squared_error: 0.6, r2_score: 0.8, mean_squared_error: 0.36, mean_absolute_percentage_error: 0.05 } })
    run.greaterIsBetter = { mean_absolute_error: false, root_mean_squared_error: false, r2_score: true, mean_squared_error: false, mean_absolute_percentage_error: false }
    expect(run).toHaveMetric('rmse', 0.7)
    expect(run).toHaveMetric('mae', 0.5)
    expect(run).toHaveMetric('mse', 0.4)
    expect(run).toHaveMetric('mape', 0.1)
    expect(run).toHaveMetric('r2', 0.75)
    expect(messageOf(() => expect(run).toHaveMetric('rmse', 0.5))).toContain('root_mean_squared_error should be <= 0.5')
    // A custom metric named mae is the run's own mae, not mean_absolute_error.
    const custom = handBuiltRun({ metrics: { mean_absolute_error: 0.4, mae: 0.9 } })
    custom.greaterIsBetter = { mean_absolute_error: false, mae: true }
    expect(custom).toHaveMetric('mae', 0.85)
  })
})

// Adversarial pass 67, F5: the first hour with the text types.
describe('names a text-type user reaches for', () => {
  const retriever = () => {
    const run = handBuiltRun({ metrics: { 'ndcg_at_3/mean': 0.5, 'ndcg_at_3/variance': 0.1, 'ndcg_at_3/p90': 0.9, 'precision_at_3/mean': 0.4 } })
    run.modelType = 'retriever' as typeof run.modelType
    run.greaterIsBetter = { 'ndcg_at_3/mean': true, 'ndcg_at_3/p90': true, 'precision_at_3/mean': true }
    return run
  }

  test('toHaveMetric of a score logged only with its aggregates suggests them, those with a direction', () => {
    expect(messageOf(() => expect(retriever()).toHaveMetric('ndcg_at_3', 0.4))).toContain('metric "ndcg_at_3" not found; did you mean "ndcg_at_3/mean" or "ndcg_at_3/p90"? the run has:')
  })

  test("toHaveSliceF1 on a question-answering run points at SQuAD's F1", () => {
    const qa = handBuiltRun({ metrics: { 'exact_match/v1': 0.7, 'squad_f1/v1/mean': 0.8 } })
    qa.modelType = 'question-answering' as typeof qa.modelType
    qa.slices = { 'topic=billing': slice('topic=billing', 30, { 'exact_match/v1': 0.6, 'squad_f1/v1/mean': 0.7 }) }
    expect(messageOf(() => expect(qa).toHaveSliceF1('topic=billing', 0.5))).toBe(
      "toHaveSliceF1: checks a classifier's f1_score, which a question-answering run does not have; for SQuAD's F1 of the answers, use toHaveSliceMetric(slice, 'squad_f1/v1/mean', min)",
    )
    delete qa.metrics['squad_f1/v1/mean']
    expect(messageOf(() => expect(qa).toHaveSliceF1('topic=billing', 0.5))).toContain("evaluate with squad: true and use toHaveSliceMetric(slice, 'squad_f1/v1/mean', min)")
    expect(messageOf(() => expect(retriever()).toHaveSliceF1('topic=billing', 0.5))).toContain("which a retriever run does not have; use toHaveSliceMetric(slice, metric, min) with one of the run's metrics")
  })
})

// Adversarial pass 68, F7: evaluate() reads '1.0' as the class "1" of numeric targets; the class
// matchers said `class "1.0" not found; classes are: 0, 1`.
describe('class matchers read a label as evaluate() does', () => {
  test("toHaveClassMetric and toHaveConfusionRate take '1.0' and 1 for the class \"1\"", async () => {
    const { evaluate } = await import('../../src/evaluate/index.js')
    const data = Array.from({ length: 40 }, (_, i) => ({ y: i % 2, p: i % 4 === 0 ? 0 : i % 2 }))
    const run = await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'classifier', intervals: false })
    expect(run.labels).toEqual(['0', '1'])
    expect(run).toHaveClassMetric('1.0', 'recall', 0.9, { confidence: 'point' })
    expect(run).toHaveClassMetric(1, 'recall', 0.9, { confidence: 'point' })
    expect(run).toHaveConfusionRate({ actual: '1.0', predicted: 0, max: 0.1, confidence: 'point' })
    expect(messageOf(() => expect(run).toHaveClassMetric('2.0', 'recall', 0.9))).toBe('toHaveClassMetric: class "2.0" not found; classes are: 0, 1')
  })
})
