// swappedOutputs: one model's outputs with some rows exchanged for the other model's, what the
// exchange test of a resampled metric (and the count of rows carrying its change) recomputes on.
import { describe, expect, test } from 'vitest'
import { swappedOutputs, type RowExchange } from '../../src/compare/paired-data.js'
import { columnsOfMatrix, matrixColumns } from '../../src/model-types/classifier/probability-columns.js'
import { createRandom } from '../../src/stats/index.js'

/** The exchanged outputs built anew: each column copied, the flagged rows taken from `other`. */
function freshCopy<T extends Record<string, Int32Array | Float64Array | string[]>>(own: T, other: T, exchange: RowExchange): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, column] of Object.entries(own)) {
    const width = column.length / exchange.n
    const mixed = column.slice() as { [i: number]: unknown }
    exchange.rows.forEach((row, j) => {
      if (exchange.flags[j] === 1) for (let c = row * width; c < (row + 1) * width; c++) mixed[c] = other[name]![c]
    })
    out[name] = mixed
  }
  return out
}

describe('swappedOutputs', () => {
  test('exchanges whole rows of every column both models have: k probabilities, labels, texts', () => {
    const own = { predictedIndex: Int32Array.of(0, 1, 2), probabilities: Float64Array.of(0.9, 0.1, 0.2, 0.8, 0.5, 0.5), outputs: ['a', 'b', 'c'] }
    const other = { predictedIndex: Int32Array.of(1, 1, 0), probabilities: Float64Array.of(0.3, 0.7, 0.6, 0.4, 0.1, 0.9), outputs: ['x', 'y', 'z'] }
    const mixed = swappedOutputs(own, other, { n: 3, rows: [0, 2], flags: Uint8Array.of(1, 1) })
    expect(Array.from(mixed.predictedIndex as Int32Array)).toEqual([1, 1, 0])
    expect(Array.from(mixed.probabilities as Float64Array)).toEqual([0.3, 0.7, 0.2, 0.8, 0.1, 0.9])
    expect(mixed.outputs).toEqual(['x', 'b', 'z'])
    // the inputs are left as they were
    expect(Array.from(own.predictedIndex)).toEqual([0, 1, 2])
    expect(own.outputs).toEqual(['a', 'b', 'c'])
  })
  test("a column the other model lacks, or of another length, keeps the model's own", () => {
    const own = { predictedValues: Float64Array.of(1, 2), 'extra/score': Float64Array.of(5, 6) }
    const mixed = swappedOutputs(own, { predictedValues: Float64Array.of(3, 4, 9) }, { n: 2, rows: [0, 1], flags: Uint8Array.of(1, 1) })
    expect(mixed.predictedValues).toBe(own.predictedValues)
    expect(mixed['extra/score']).toBe(own['extra/score'])
  })
  test('a kept exchange gives, draw after draw, what a fresh copy with those rows exchanged gives, and keeps its split probability columns true', () => {
    const random = createRandom(8)
    const n = 50
    const k = 3
    const side = () => ({
      predictedIndex: Int32Array.from({ length: n }, () => Math.floor(random.uniform() * k)),
      probabilities: Float64Array.from({ length: n * k }, () => random.uniform()),
      outputs: Array.from({ length: n }, () => String(random.uniform())),
    })
    const own = side()
    const other = side()
    const ownCopy = structuredClone(own)
    const exchange: RowExchange = { n, rows: [2, 7, 8, 30, 49], flags: new Uint8Array(5) }
    for (let draw = 0; draw < 40; draw++) {
      for (let j = 0; j < 5; j++) exchange.flags[j] = random.uniform() < 0.5 ? 1 : 0
      const kept = swappedOutputs(own, other, exchange)
      const fresh = freshCopy(own, other, exchange)
      expect(Array.from(kept.predictedIndex as Int32Array)).toEqual(Array.from(fresh.predictedIndex as Int32Array))
      expect(Array.from(kept.probabilities as Float64Array)).toEqual(Array.from(fresh.probabilities as Float64Array))
      expect(kept.outputs).toEqual(fresh.outputs)
      // the columns split from the kept matrix (cached by its identity) follow its rewrites
      expect(matrixColumns(kept.probabilities as Float64Array, k).map((c) => Array.from(c))).toEqual(columnsOfMatrix(fresh.probabilities as Float64Array, k).map((c) => Array.from(c)))
    }
    // the kept outputs are the exchange's own: the models' outputs are left as they were
    expect(own).toEqual(ownCopy)
  })
})
