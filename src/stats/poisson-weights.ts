import type { RandomSource } from './random-source.js'

/** Poisson(1) CDF, P(X <= k) for k = 0..; stops where it rounds to 1. */
const POISSON_ONE_CDF = (() => {
  const cdf: number[] = []
  let term = Math.exp(-1)
  let cumulative = term
  for (let k = 0; cumulative < 1 && k < 40; k++) {
    cdf.push(cumulative)
    term /= k + 1
    cumulative += term
  }
  return Float64Array.from(cdf)
})()

/**
 * Poisson(1) weights for a row bootstrap (method `poisson-bootstrap`): each row's count in a
 * resample is an independent Poisson(1) draw, which approximates the multinomial row bootstrap
 * (Hanley & MacGibbon; the weights do not sum to exactly n) and, unlike it, can be drawn row by
 * row and merged across shards. For metrics that are not functions of counts (R², MAPE, custom
 * metrics); O(n) per resample.
 *
 * Exact inversion of one uniform per row against a tabulated Poisson(1) CDF (about two
 * comparisons per row on average); a uniform beyond the table's last entry (probability below
 * 1e-16) falls back to `random.poisson(1)`.
 *
 * @param out reused when given (length n)
 * @example
 * poissonWeights(5, createRandom(3)) // => e.g. [1, 0, 2, 1, 1]
 */
export function poissonWeights(n: number, random: RandomSource, out?: Float64Array): Float64Array {
  const weights = out ?? new Float64Array(n)
  if (weights.length !== n) throw new RangeError(`poissonWeights: output has ${weights.length} rows, expected ${n}`)
  const last = POISSON_ONE_CDF.length
  for (let i = 0; i < n; i++) {
    const u = random.uniform()
    let k = 0
    while (k < last && u >= POISSON_ONE_CDF[k]) k++
    weights[i] = k < last ? k : random.poisson(1)
  }
  return weights
}
