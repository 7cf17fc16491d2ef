import { meanInterval } from './mean-interval.js'

/**
 * Delta-method (influence function) normal interval for r2 = 1 - mean(e^2) / mean((y - ybar)^2):
 * the influence of row i is -(e_i^2 - A) / B + A (d_i^2 - B) / B^2 with A = mean(e^2),
 * B = mean(d^2), d = y - ybar; the interval is `meanInterval` of r2 with the influences'
 * variance. For large sets, where a row bootstrap would cost `resamples x rows`. NaN bounds for
 * fewer than 3 rows or constant targets.
 *
 * @example r2DeltaInterval(yTrue, yPred, 0.82, 0.95) // { lower: 0.80, upper: 0.84 }
 */
export function r2DeltaInterval(yTrue: Float64Array, yPred: Float64Array, r2: number, level: number): { lower: number; upper: number } {
  const n = yTrue.length
  const undefinedInterval = { lower: Number.NaN, upper: Number.NaN }
  if (n < 3) return undefinedInterval
  let meanY = 0
  for (let i = 0; i < n; i++) meanY += yTrue[i]
  meanY /= n
  let a = 0
  let b = 0
  for (let i = 0; i < n; i++) {
    const e = yPred[i] - yTrue[i]
    const d = yTrue[i] - meanY
    a += e * e
    b += d * d
  }
  a /= n
  b /= n
  if (!(b > 0)) return undefinedInterval
  let sum = 0
  let sumSquares = 0
  for (let i = 0; i < n; i++) {
    const e = yPred[i] - yTrue[i]
    const d = yTrue[i] - meanY
    const influence = -(e * e - a) / b + (a * (d * d - b)) / (b * b)
    sum += influence
    sumSquares += influence * influence
  }
  const variance = (sumSquares - (sum * sum) / n) / (n - 1)
  return meanInterval(n, r2, variance, level)
}
