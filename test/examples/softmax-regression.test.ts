import { describe, expect, test } from 'vitest'
import type { SparseVector } from '../../examples/sentiment/model/sparse-vector.js'
import { trainSoftmaxRegression } from '../../examples/sentiment/model/softmax-regression.js'

const unit = (index: number): SparseVector => ({ indices: Int32Array.of(index), values: Float64Array.of(1) })

describe('trainSoftmaxRegression', () => {
  test('learns a separable three-class problem with probabilities that sum to one', () => {
    // Feature k signals class k; feature 3 is noise present in every class.
    const inputs = [0, 1, 2, 0, 1, 2].map(unit)
    const targets = Int32Array.of(0, 1, 2, 0, 1, 2)
    const model = trainSoftmaxRegression(inputs, targets, 3, 4)
    for (let k = 0; k < 3; k++) {
      const p = model.probabilities(unit(k))
      expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 12)
      expect(p[k]).toBeGreaterThan(0.8)
    }
  })

  test('with no signal, probabilities follow the class frequencies (the bias)', () => {
    // Every input is the same vector; classes 0 / 1 in ratio 3:1.
    const inputs = [unit(0), unit(0), unit(0), unit(0)]
    const model = trainSoftmaxRegression(inputs, Int32Array.of(0, 0, 0, 1), 2, 1, { iterations: 2000 })
    const p = model.probabilities(unit(0))
    expect(p[0]).toBeCloseTo(0.75, 3)
  })

  test('stronger regularisation (smaller C) gives less confident probabilities', () => {
    const inputs = [0, 1, 0, 1].map(unit)
    const targets = Int32Array.of(0, 1, 0, 1)
    const loose = trainSoftmaxRegression(inputs, targets, 2, 2, { c: 100 }).probabilities(unit(0))[0]
    const tight = trainSoftmaxRegression(inputs, targets, 2, 2, { c: 0.1 }).probabilities(unit(0))[0]
    expect(loose).toBeGreaterThan(tight)
    expect(tight).toBeGreaterThan(0.5)
  })

  test('is deterministic', () => {
    const inputs = [0, 1, 2, 1].map(unit)
    const targets = Int32Array.of(0, 1, 2, 2)
    const a = trainSoftmaxRegression(inputs, targets, 3, 3)
    const b = trainSoftmaxRegression(inputs, targets, 3, 3)
    expect([...a.weights]).toEqual([...b.weights])
  })

  test('rejects targets that do not match the inputs', () => {
    expect(() => trainSoftmaxRegression([unit(0)], Int32Array.of(0, 1), 2, 1)).toThrow(/1 inputs, 2 targets/)
  })
})
