// swappedOutputs: one model's outputs with some rows exchanged for the other model's, what the
// count of rows carrying a resampled metric's change recomputes on (rowsCarryingChange).
import { describe, expect, test } from 'vitest'
import { swappedOutputs } from '../../src/compare/paired-data.js'

describe('swappedOutputs', () => {
  test('exchanges whole rows of every column both models have: k probabilities, labels, texts', () => {
    const own = { predictedIndex: Int32Array.of(0, 1, 2), probabilities: Float64Array.of(0.9, 0.1, 0.2, 0.8, 0.5, 0.5), outputs: ['a', 'b', 'c'] }
    const other = { predictedIndex: Int32Array.of(1, 1, 0), probabilities: Float64Array.of(0.3, 0.7, 0.6, 0.4, 0.1, 0.9), outputs: ['x', 'y', 'z'] }
    const mixed = swappedOutputs(own, other, Uint8Array.of(1, 0, 1))
    expect(Array.from(mixed.predictedIndex as Int32Array)).toEqual([1, 1, 0])
    expect(Array.from(mixed.probabilities as Float64Array)).toEqual([0.3, 0.7, 0.2, 0.8, 0.1, 0.9])
    expect(mixed.outputs).toEqual(['x', 'b', 'z'])
    // the inputs are left as they were
    expect(Array.from(own.predictedIndex)).toEqual([0, 1, 2])
    expect(own.outputs).toEqual(['a', 'b', 'c'])
  })
  test("a column the other model lacks, or of another length, keeps the model's own", () => {
    const own = { predictedValues: Float64Array.of(1, 2), 'extra/score': Float64Array.of(5, 6) }
    const mixed = swappedOutputs(own, { predictedValues: Float64Array.of(3, 4, 9) }, Uint8Array.of(1, 1))
    expect(mixed.predictedValues).toBe(own.predictedValues)
    expect(mixed['extra/score']).toBe(own['extra/score'])
  })
})
