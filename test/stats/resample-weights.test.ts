import { describe, expect, test } from 'vitest'
import { freshRowWeights, replayedRowWeights, REPLAYED_WEIGHTS_MAX_BYTES } from '../../src/stats/resample-weights.js'
import { poissonWeights } from '../../src/stats/poisson-weights.js'
import { createRandom } from '../../src/stats/random-source.js'

/** The first `count` resamples of a stream, one array each. */
function take(stream: { next(out: Float64Array): Float64Array }, n: number, count: number): Float64Array[] {
  return Array.from({ length: count }, () => stream.next(new Float64Array(n)).slice())
}

describe('row weights of a seeded bootstrap', () => {
  test('fresh: poissonWeights of n rows from createRandom(seed), one resample after another', () => {
    const random = createRandom(5)
    const expected = Array.from({ length: 3 }, () => poissonWeights(40, random))
    expect(take(freshRowWeights(5, 40), 40, 3)).toEqual(expected)
  })

  test('replayed: every reader of one seed and row count gets the fresh stream, however their reads interleave', () => {
    const expected = take(freshRowWeights(3, 50), 50, 12)
    const source = replayedRowWeights(12)
    const first = source(3, 50)
    const a = take(first, 50, 5)
    const second = source(3, 50)
    const b = take(second, 50, 9) // replays 5, draws 4 more
    a.push(...take(first, 50, 7)) // replays 4, draws 3
    expect(a).toEqual(expected)
    expect(b).toEqual(expected.slice(0, 9))
  })

  test('replayed: another seed or row count starts its own stream (the earlier one is dropped)', () => {
    const source = replayedRowWeights(4)
    take(source(1, 30), 30, 4)
    expect(take(source(2, 30), 30, 4)).toEqual(take(freshRowWeights(2, 30), 30, 4))
    expect(take(source(1, 31), 31, 4)).toEqual(take(freshRowWeights(1, 31), 31, 4))
    expect(take(source(1, 30), 30, 4)).toEqual(take(freshRowWeights(1, 30), 30, 4))
  })

  test('replayed: a stream over the byte budget is drawn afresh for each reader, with the same numbers', () => {
    const n = 1000
    const resamples = Math.floor(REPLAYED_WEIGHTS_MAX_BYTES / n) + 1
    const source = replayedRowWeights(resamples)
    const expected = take(freshRowWeights(9, n), n, 3)
    expect(take(source(9, n), n, 3)).toEqual(expected)
    expect(take(source(9, n), n, 3)).toEqual(expected)
  })

  test('replayed: a reader given an array of another length is told so', () => {
    expect(() => replayedRowWeights(2)(0, 10).next(new Float64Array(9))).toThrow(/output has 9 rows, expected 10/)
  })
})
