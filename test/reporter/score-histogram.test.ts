import { describe, expect, test } from 'vitest'
import { scoreHistogram } from '../../src/reporter/score-histogram.js'

describe('scoreHistogram', () => {
  test('scores in [0, 1]: ten bins of 0.1, values on an edge in the upper bin, 1 in the last', () => {
    const { edges, counts } = scoreHistogram([0, 0.05, 0.1, 0.25, 0.3, 0.3, 0.45, 0.6, 0.7, 0.9, 0.95, 1])
    expect(edges).toHaveLength(11)
    expect(edges[3]).toBeCloseTo(0.3, 12)
    // 0.3 is 0.30000000000000004 away from 3 * 0.1 in floats: it must still count in [0.3, 0.4).
    expect(counts).toEqual([2, 1, 1, 2, 1, 0, 1, 1, 0, 3])
  })

  test('all zeros and ones (exact match): two filled bins', () => {
    expect(scoreHistogram([1, 0, 1, 1, 0]).counts).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 3])
  })

  test('integer counts (tokens): integer-wide bins centred on the integers', () => {
    const values = [3, 12, 4, 9, 1, 150]
    const { edges, counts } = scoreHistogram(values)
    // Sturges: ceil(log2 6) + 1 = 4 bins over 1..150, width ceil(150 / 4) = 38, from 0.5.
    expect(edges).toEqual([0.5, 38.5, 76.5, 114.5, 152.5])
    expect(counts).toEqual([5, 0, 0, 1])
  })

  test('grade levels (reals beyond [0, 1]) and a single value', () => {
    const { edges, counts } = scoreHistogram([-2.5, 0, 4, 12.5])
    expect(edges[0]).toBe(-2.5)
    expect(edges[edges.length - 1]).toBe(12.5)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4)
    expect(counts[counts.length - 1]).toBe(1)
    expect(scoreHistogram([7, 7])).toEqual({ edges: [6.5, 7.5], counts: [2] })
    expect(scoreHistogram([])).toEqual({ edges: [], counts: [] })
  })
})
