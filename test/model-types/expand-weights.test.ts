import { describe, expect, test } from 'vitest'
import { expandWeights } from '../../src/model-types/gather-rows.js'
import { poissonWeights } from '../../src/stats/poisson-weights.js'
import { createRandom } from '../../src/stats/random-source.js'

/** Each row repeated by its weight, the obvious way. */
function naive(weights: Float64Array, rows: Int32Array | null): number[] {
  const out: number[] = []
  weights.forEach((w, i) => {
    for (let k = 0; k < w; k++) out.push(rows === null ? i : rows[i])
  })
  return out
}

describe('expandWeights', () => {
  test('each row repeated by its weight, in order, with weights of 0 to 7 and the last rows of weight 0', () => {
    const weights = new Float64Array([2, 0, 7, 1, 4, 3, 0, 0])
    expect(Array.from(expandWeights(weights, null))).toEqual([0, 0, 2, 2, 2, 2, 2, 2, 2, 3, 4, 4, 4, 4, 5, 5, 5])
    const rows = new Int32Array([10, 11, 12, 13, 14, 15, 16, 17])
    const expanded = expandWeights(weights, rows)
    expect(Array.from(expanded)).toEqual(naive(weights, rows))
    expect(expanded.length).toBe(17)
    expect(expanded.buffer.byteLength).toBe(17 * 4)
  })

  test('Poisson(1) weights of 5,000 rows, and all weights 0', () => {
    const weights = poissonWeights(5000, createRandom(2))
    const rows = Int32Array.from({ length: 5000 }, (_, i) => 3 * i + 1)
    expect(Array.from(expandWeights(weights, rows))).toEqual(naive(weights, rows))
    expect(expandWeights(new Float64Array(4), null).length).toBe(0)
  })
})
