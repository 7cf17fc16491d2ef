/**
 * Model outputs as ONNX Runtime and TensorFlow.js hand them to JavaScript code: typed arrays,
 * BigInts (int64 tensors), and (a slip) a list of Promises. TypeScript rejects these, JavaScript
 * passes them. Typed arrays read like lists of numbers (probabilities in `labels` order); BigInts
 * and Promises are errors naming the row and the fix. Were: "returned a object (not an array)",
 * 'has a probability for "0", which is not a label' (a Float32Array read as a record keyed by
 * index), "row 1 is not a label ({})", and a bare "Do not know how to serialize a BigInt".
 */
import { describe, expect, test } from 'vitest'
import { PredictionError } from '../../src/errors.js'
import { evaluate } from '../../src/evaluate/index.js'
import type { EvaluateOptions } from '../../src/evaluate/index.js'
import { evaluateFailure as failure } from './evaluate-failure.js'

const stars = Array.from({ length: 12 }, (_, i) => ({ i, y: (i % 3) + 1 }))
const oneHot = (y: number, i: number): number[] => [1, 2, 3].map((l) => (l === y ? (i % 4 === 0 ? 0.4 : 0.7) : i % 4 === 0 ? 0.3 : 0.15))
const prices = [{ y: 1.5 }, { y: 2.25 }, { y: 3 }, { y: 4 }, { y: 7.5 }]
// Model outputs are not typed for JavaScript's sake: these tests pass what JavaScript code passes.
const js = (model: unknown): EvaluateOptions['model'] => model as EvaluateOptions['model']
const classifier = (model: unknown, labels?: number[]): EvaluateOptions => ({ data: stars, targets: 'y', modelType: 'classifier', model: js(model), intervals: false, ...(labels ? { labels } : {}) })
const regressor = (model: unknown): EvaluateOptions => ({ data: prices, targets: 'y', modelType: 'regressor', model: js(model), intervals: false })

describe('typed arrays read like lists of numbers', () => {
  test('a regressor returning a Float32Array: the same metrics as the plain list of its numbers', async () => {
    const output = (rows: Array<{ y: number }>) => Float32Array.from(rows, (r) => r.y * 1.1)
    const typed = await evaluate(regressor(output))
    const plain = await evaluate(regressor((rows: Array<{ y: number }>) => Array.from(output(rows))))
    expect(typed.metrics.mean_absolute_error).toBeGreaterThan(0)
    expect(typed.metrics).toEqual(plain.metrics)
  })

  test('a classifier returning labels as an Int32Array', async () => {
    const run = await evaluate(classifier((rows: Array<{ y: number }>) => Int32Array.from(rows, (r) => r.y)))
    expect(run.metrics.accuracy_score).toBe(1)
  })

  test('probabilities as a Float32Array are read in `labels` order, like a list', async () => {
    const typed = await evaluate(classifier((rows: Array<{ y: number; i: number }>) => rows.map((r) => ({ probabilities: Float32Array.from(oneHot(r.y, r.i)) })), [1, 2, 3]))
    const plain = await evaluate(classifier((rows: Array<{ y: number; i: number }>) => rows.map((r) => ({ probabilities: Array.from(Float32Array.from(oneHot(r.y, r.i))) })), [1, 2, 3]))
    expect(typed.metrics.roc_auc).toBe(1)
    expect(typed.metrics).toEqual(plain.metrics)
    // Without `labels`, the same error as a plain list: nothing says which class each number is for.
    const error = await failure(classifier((rows: Array<{ y: number; i: number }>) => rows.map((r) => ({ probabilities: Float32Array.from(oneHot(r.y, r.i)) }))))
    expect(error.code).toBe('PROBABILITY_LIST_WITHOUT_LABELS')
  })

  test('a batch that is no array says what it is, in English', async () => {
    const error = await failure(regressor(() => ({ predictions: [1, 2, 3, 4, 5] })))
    expect(error.message).toContain('model function returned an object (not an array) for batch 0 of 5 rows')
  })
})

describe('BigInts and Promises: the row and the fix', () => {
  test("a row's probabilities returned bare (a Float32Array, or a list) say to wrap them in { probabilities } (adversarial pass 17j)", async () => {
    const bareRows: Array<(r: { y: number; i: number }) => ArrayLike<number>> = [(r) => Float32Array.from(oneHot(r.y, r.i)), (r) => oneHot(r.y, r.i)]
    for (const bare of bareRows) {
      const error = await failure(classifier((rows: Array<{ y: number; i: number }>) => rows.map(bare), [1, 2, 3]))
      expect(error).toBeInstanceOf(PredictionError)
      expect(error.message).toMatch(/row 1 is a list, not a label \(probabilities go in \{ probabilities: \[\.\.\.\] \}, read in the order of labels\) \(\[0\.4/)
    }
  })

  test('a BigInt prediction (int64 tensors) names the row and says to convert with Number()', async () => {
    const reg = await failure(regressor((rows: Array<{ y: number }>) => rows.map((r, i) => (i === 2 ? 3n : r.y))))
    expect(reg).toBeInstanceOf(PredictionError)
    expect(reg.code).toBe('INVALID_PREDICTION')
    expect(reg.message).toContain('model function returned a BigInt for row 3 (3n)')
    expect(reg.message).toContain('convert with Number()')
    const cls = await failure(classifier((rows: Array<{ y: number }>) => BigInt64Array.from(rows, (r) => BigInt(r.y))))
    expect(cls.message).toContain('returned a BigInt for row 1 (1n)')
    expect(cls.message).not.toContain('String()')
    // an id beyond 2^53: Number() would round it (adversarial pass 69, F7)
    const id = await failure(classifier((rows: Array<{ y: number }>) => rows.map(() => 9007199254740993n)))
    expect(id.message).toContain('or, as 9007199254740993 is beyond 2^53 where Number() loses digits (an id), with String(), as class labels keep their digits')
  })

  test('a list of Promises names the row and says to await them', async () => {
    const error = await failure({ ...classifier((rows: Array<{ y: number }>) => rows.map(async (r) => r.y)), batchSize: 5 })
    expect(error).toBeInstanceOf(PredictionError)
    expect(error.message).toContain('model function returned a Promise for row 1, not a prediction')
    expect(error.message).toContain('Promise.all(')
  })
})
