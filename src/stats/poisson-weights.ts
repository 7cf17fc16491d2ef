import type { RandomSource } from './random-source.js'

/**
 * Poisson(1) weights for a row bootstrap (method `poisson-bootstrap`): each row's count in a
 * resample is an independent Poisson(1) draw, which approximates the multinomial row bootstrap
 * (Hanley & MacGibbon; the weights do not sum to exactly n) and, unlike it, can be drawn row by
 * row and merged across shards. For metrics that are not functions of counts (R², MAPE, custom
 * metrics); O(n) per resample.
 *
 * @param out reused when given (length n)
 * @example
 * poissonWeights(5, createRandom(3)) // => e.g. [1, 0, 2, 1, 1]
 */
export function poissonWeights(n: number, random: RandomSource, out?: Float64Array): Float64Array {
  const weights = out ?? new Float64Array(n)
  if (weights.length !== n) throw new RangeError(`poissonWeights: output has ${weights.length} rows, expected ${n}`)
  for (let i = 0; i < n; i++) weights[i] = random.poisson(1)
  return weights
}
