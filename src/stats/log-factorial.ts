const TABLE_SIZE = 256
const LOG_FACTORIAL_TABLE = (() => {
  const table = new Float64Array(TABLE_SIZE)
  for (let k = 1; k < TABLE_SIZE; k++) table[k] = table[k - 1] + Math.log(k)
  return table
})()
/** log(2π) / 2. */
export const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI)

/**
 * Natural logarithm of k! for a non-negative integer k.
 *
 * Exact sums of logs below 256, Stirling's series with three correction terms above (error
 * below 1e-17 there). Used by the exact binomial and Poisson samplers' acceptance tests.
 *
 * @example
 * logFactorial(0) // => 0
 * logFactorial(5) // => Math.log(120)
 */
export function logFactorial(k: number): number {
  if (k < TABLE_SIZE) return LOG_FACTORIAL_TABLE[k]
  const x = k + 1
  const inv = 1 / x
  const inv2 = inv * inv
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260))
}
