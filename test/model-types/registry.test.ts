/**
 * The model-type registry and the contract of its first two implementations: names, options
 * refused across types, per-example outputs and their substitution, the custom-metric fields.
 */
import { describe, expect, test } from 'vitest'
import { evaluate } from '../../src/evaluate/index.js'
import { scopeContext } from '../../src/evaluate/scope-context.js'
import { classifierType } from '../../src/model-types/classifier/classifier-type.js'
import type { ClassifierPart } from '../../src/model-types/classifier/classifier-type.js'
import { acceptedModelTypeNames, findModelType, modelTypeOf, modelTypes } from '../../src/model-types/registry.js'
import type { ModelTypeName } from '../../src/run/types.js'
import { regressorType } from '../../src/model-types/regressor/regressor-type.js'

const part: ClassifierPart = {
  settings: { labels: ['no', 'yes'], posIndex: 1, average: 'weighted' },
  columns: { targetIndex: Int32Array.from([0, 1, 1, 0]), predictedIndex: Int32Array.from([0, 1, 0, 0]), probabilities: Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.7, 0.3]) },
}

describe('registry', () => {
  test('the names evaluate() accepts are the names its ModelTypeName type allows (review 61: the aliases did not type-check)', () => {
    const typed: Record<ModelTypeName, true> = {
      classifier: true,
      regressor: true,
      'question-answering': true,
      'text-summarization': true,
      text: true,
      retriever: true,
      text_classification: true,
      'text-classification': true,
      question_answering: true,
      text_summarization: true,
    }
    expect(acceptedModelTypeNames().sort()).toEqual(Object.keys(typed).sort())
  })

  test('names every type; an unknown name lists the supported ones', () => {
    expect(modelTypes().map((t) => t.name)).toEqual(['classifier', 'regressor', 'question-answering', 'text-summarization', 'text', 'retriever'])
    expect(modelTypeOf('classifier')).toBe(classifierType)
    expect(findModelType('ranker')).toBeUndefined()
    expect(() => modelTypeOf('ranker')).toThrow(`modelType "ranker" is not supported; use 'classifier', 'regressor', 'question-answering', 'text-summarization', 'text' or 'retriever'`)
    // left out: it is required (it said 'modelType undefined is not supported')
    expect(() => modelTypeOf(undefined)).toThrow(`modelType is required (MLflow's model_type): pass modelType: 'classifier', 'regressor', 'question-answering', 'text-summarization', 'text' or 'retriever'`)
  })

  test('directions cover every built-in metric that has one', () => {
    expect(classifierType.metricDirections.accuracy_score).toBe(true)
    expect(classifierType.metricDirections.log_loss).toBe(false)
    expect('example_count' in classifierType.metricDirections).toBe(false)
    expect(regressorType.metricDirections.r2_score).toBe(true)
    expect(regressorType.metricDirections.mean_absolute_error).toBe(false)
  })

  test("a type's own option given to another type is refused, naming the owner", async () => {
    const data = [{ y: 1, f: 2 }]
    await expect(evaluate({ data, targets: 'y', predictions: 'f', modelType: 'regressor', posLabel: 1 })).rejects.toThrow(
      "posLabel applies to modelType 'classifier', but modelType is 'regressor'; remove it or use modelType: 'classifier'",
    )
  })
})

describe('classifier type', () => {
  test('scope metrics of any rows; outputs substituted change only the predictions', () => {
    const context = scopeContext(null, false)
    expect(classifierType.scopeMetrics(part, null, context).metrics.accuracy_score).toBe(0.75)
    expect(classifierType.scopeMetrics(part, Int32Array.from([1, 2, 2]), context).metrics.accuracy_score).toBeCloseTo(1 / 3, 12)
    const outputs = classifierType.outputs(part)
    expect(Object.keys(outputs)).toEqual(['predictedIndex', 'probabilities'])
    const perfect = classifierType.withOutputs(part, { predictedIndex: Int32Array.from([0, 1, 1, 0]) })
    expect(perfect.columns.targetIndex).toBe(part.columns.targetIndex)
    expect(perfect.columns.probabilities).toBe(part.columns.probabilities)
    expect(classifierType.scopeMetrics(perfect, null, context).metrics.accuracy_score).toBe(1)
  })

  test('many scopes at once give what one scope at a time gives', () => {
    const context = scopeContext({ level: 0.95, seed: 3, resamples: 50, rowResamples: 50 }, true)
    const groups = [Int32Array.from([0, 1]), Int32Array.from([2, 3])]
    const many = classifierType.manyScopeMetrics!(part, [[null], groups], context)
    expect(many.scopes[0][0]).toEqual(classifierType.scopeMetrics(part, null, context))
    expect(many.scopes[1][1]).toEqual(classifierType.scopeMetrics(part, groups[1], context))
  })

  test('custom-metric fields for the rows of a scope', () => {
    const fields = classifierType.tableFields(part, Int32Array.from([3, 1]))
    expect(fields.targets()).toEqual(['no', 'yes'])
    expect(fields.predictions()).toEqual(['no', 'yes'])
    expect(fields.probabilities()).toEqual({ no: Float64Array.from([0.7, 0.2]), yes: Float64Array.from([0.3, 0.8]) })
  })
})

describe('regressor type', () => {
  test('outputs are the predicted values; substituted ones change the errors', () => {
    const reg = { settings: {}, columns: { targetValues: Float64Array.from([1, 2, 3]), predictedValues: Float64Array.from([1, 2, 5]) } }
    const context = scopeContext(null, false)
    expect(regressorType.scopeMetrics(reg, null, context).metrics.mean_absolute_error).toBeCloseTo(2 / 3, 12)
    const other = regressorType.withOutputs(reg, { predictedValues: Float64Array.from([2, 2, 3]) })
    expect(regressorType.scopeMetrics(other, null, context).metrics.mean_absolute_error).toBeCloseTo(1 / 3, 12)
    expect(regressorType.tableFields(other, Int32Array.from([0])).predictions()).toEqual(Float64Array.from([2]))
  })
})
