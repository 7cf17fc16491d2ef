import { criticalValue } from './critical-value.js'
import { sampleMean, sampleVariance } from './sample-moments.js'

/**
 * An interval for r2_score built from an interval of the mean squared error, so that the two
 * agree: r2 = C / (A + C) with A = mean(e²) (the MSE) and C = mean(d² − e²) = SST/n − SSE/n
 * (e = y − ŷ, d = y − ȳ; see `r2TailInterval` for why a large error moves A and leaves C almost
 * alone). A's interval is the one given (the MSE's reported interval, e.g. `studentized-tail-upper`:
 * the bootstrap-t's lower end, the tail-extrapolated upper end), C's is normal, and the two are
 * combined on θ = log A − log C by MOVER (Zou and Donner 2008, "Construction of confidence limits
 * about effect measures", Stat. Med. 27): each end of the difference from the parts' own distances
 * to their estimates,
 *
 *   L = θ̂ − √((log Â − log A_lo)² + (z·se_C/Ĉ)²),  U = θ̂ + √((log A_hi − log Â)² + (z·se_C/Ĉ)²),
 *
 * mapped back by r2 = 1 / (1 + e^θ) (U gives r2's lower end). A and C are taken as uncorrelated,
 * as in `r2TailInterval` (Cov(e², 2eg) = 0 for unbiased predictions, g = ŷ − ȳ). Centred on the
 * reported r2 (Â / Ĉ is SSE / (SST − SSE)); an MSE interval that reaches 0 gives r2 an upper end
 * of 1. Unlike a symmetric interval on log A, it inherits the MSE interval's asymmetry: a lower
 * end from the bootstrap-t, which misses about as often as nominal, and an upper end that
 * extrapolates a heavy tail. Coverage by simulation: bench/coverage/README.md ("r2_score from the
 * MSE's interval").
 *
 * No interval (NaN bounds) when Ĉ ≤ 0 (no variance explained, where log C is undefined), when the
 * MSE interval's bounds are not finite or Â is not positive, or with fewer than 3 rows.
 * Hand-written: no npm statistics package has MOVER; it is two sums and a square root.
 *
 * @param yTrue targets
 * @param yPred predictions
 * @param mse the MSE's interval (its bounds; `lower` may be 0)
 * @param level nominal coverage in (0, 1), as the MSE interval's
 * @example
 * r2RatioInterval(yTrue, yPred, { lower: 2.3, upper: 8.0 }, 0.95) // => { lower: 0.34, upper: 0.66 } (say; t(3) errors, n = 800)
 */
export function r2RatioInterval(yTrue: Float64Array, yPred: Float64Array, mse: { lower: number; upper: number }, level: number): { lower: number; upper: number } {
  const z = criticalValue(level, 'r2RatioInterval')
  const n = yTrue.length
  const none = { lower: Number.NaN, upper: Number.NaN }
  if (n < 3 || yPred.length !== n || !Number.isFinite(mse.lower) || !Number.isFinite(mse.upper)) return none
  const { squared, explained } = r2Terms(yTrue, yPred)
  const a = sampleMean(squared)
  const c = sampleMean(explained)
  const cVariance = sampleVariance(explained, c)
  if (!(c > 0) || !(a > 0)) return none
  const logA = Math.log(a)
  const theta = logA - Math.log(c)
  const cHalf = (z * Math.sqrt(cVariance / n)) / c
  // Distances of A's bounds from Â on the log scale (0 where a bound lies on the wrong side).
  const below = Math.max(0, logA - Math.log(Math.max(0, mse.lower)))
  const above = Math.max(0, Math.log(mse.upper) - logA)
  const r2 = (logRatio: number): number => 1 / (1 + Math.exp(logRatio))
  return { lower: r2(theta + Math.hypot(above, cHalf)), upper: r2(theta - Math.hypot(below, cHalf)) }
}

/**
 * The per-example terms of r2 = C / (A + C): squared errors e² (A's) and d² − e² (C's), with
 * e = y − ŷ and d = y − ȳ.
 * @example r2Terms(Float64Array.of(1, 3), Float64Array.of(1, 2)) // => { squared: [0, 1], explained: [1, 0] }
 */
export function r2Terms(yTrue: Float64Array, yPred: Float64Array): { squared: Float64Array; explained: Float64Array } {
  const n = yTrue.length
  const meanY = sampleMean(yTrue)
  const squared = new Float64Array(n)
  const explained = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const e = yTrue[i] - yPred[i]
    const d = yTrue[i] - meanY
    squared[i] = e * e
    explained[i] = d * d - e * e
  }
  return { squared, explained }
}
