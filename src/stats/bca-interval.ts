import { quantileSorted } from 'simple-statistics'
import { assertLevel } from './assert-level.js'
import { normalCdf } from './normal-cdf.js'
import { normalQuantile } from './normal-quantile.js'

/**
 * Bias-corrected and accelerated (BCa) bootstrap interval (Efron 1987; Efron & Tibshirani,
 * "An Introduction to the Bootstrap", ch. 14): the percentile interval's quantiles moved by the
 * bias correction z0 = Φ⁻¹(share of samples below the estimate, ties counted half) and the
 * acceleration `a` (from a jackknife, {@link jackknifeAcceleration}):
 * α(z) = Φ(z0 + (z0 + z) / (1 - a (z0 + z))) for z = ±z_{(1+level)/2}. Second-order accurate
 * where the plain percentile interval is first-order, which is what keeps a skewed or biased
 * statistic (r², average precision at 100 rows) at its nominal coverage.
 *
 * NaN samples (the statistic undefined on that resample) are ignored; fewer than half finite
 * samples, a NaN estimate or a NaN acceleration give NaN bounds. All samples equal give the
 * zero-width interval at that value. With `acceleration` 0 this is the BC interval.
 *
 * @param samples bootstrap samples of the statistic, any order
 * @param estimate the statistic on the data itself
 * @param acceleration the jackknife acceleration `a`
 * @param level nominal coverage in (0, 1), e.g. 0.95
 * @example
 * bcaInterval(samples, 0.81, 0.02, 0.95) // => { lower: 0.74, upper: 0.86 } (say)
 */
export function bcaInterval(samples: ArrayLike<number>, estimate: number, acceleration: number, level: number): { lower: number; upper: number } {
  assertLevel(level, 'bcaInterval')
  const parts = bcaQuantiles(samples, estimate, acceleration, level)
  if (parts === undefined) return { lower: Number.NaN, upper: Number.NaN }
  const view = parts.sorted as unknown as readonly number[]
  return { lower: quantileSorted(view, parts.lower), upper: quantileSorted(view, parts.upper) }
}

/**
 * Monte Carlo error of the BCa bounds ({@link bcaInterval}) from these samples, as a share of
 * the interval's width: for each bound at quantile level p of B finite samples, half the
 * distance between the samples at levels p ± √(p(1 − p)/B) (the binomial standard error of an
 * order statistic's rank), the larger of the two bounds' errors over (upper − lower). 0 for a
 * zero-width interval, NaN where the interval is NaN. Used to stop resampling once more draws
 * would not move the bounds (`src/evaluate/interval-methods.ts`).
 *
 * @example
 * bcaMonteCarloError(samples, 0.81, 0.02, 0.95) // => 0.02 (say, with 1,000 samples of a smooth statistic)
 */
export function bcaMonteCarloError(samples: ArrayLike<number>, estimate: number, acceleration: number, level: number): number {
  assertLevel(level, 'bcaMonteCarloError')
  const parts = bcaQuantiles(samples, estimate, acceleration, level)
  if (parts === undefined) return Number.NaN
  const { sorted } = parts
  const view = sorted as unknown as readonly number[]
  const count = sorted.length
  const width = quantileSorted(view, parts.upper) - quantileSorted(view, parts.lower)
  if (!(width > 0)) return 0
  const error = (p: number): number => {
    const spread = Math.sqrt((p * (1 - p)) / count)
    const clampLevel = (q: number): number => Math.min(1, Math.max(0, q))
    return (quantileSorted(view, clampLevel(p + spread)) - quantileSorted(view, clampLevel(p - spread))) / 2
  }
  return Math.max(error(parts.lower), error(parts.upper)) / width
}

/** The sorted finite samples and the BCa quantile levels of the two bounds; undefined where the interval is NaN. */
function bcaQuantiles(samples: ArrayLike<number>, estimate: number, acceleration: number, level: number): { sorted: Float64Array; lower: number; upper: number } | undefined {
  if (Number.isNaN(estimate) || Number.isNaN(acceleration)) return undefined
  const kept = new Float64Array(samples.length)
  let count = 0
  let below = 0
  let equal = 0
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i]
    if (!Number.isFinite(value)) continue
    kept[count++] = value
    if (value < estimate) below++
    else if (value === estimate) equal++
  }
  if (count === 0 || count * 2 < samples.length) return undefined
  const sorted = kept.subarray(0, count).sort()
  // All samples equal: the zero-width interval at that value (any levels give it).
  if (sorted[0] === sorted[count - 1]) return { sorted, lower: 0.5, upper: 0.5 }
  // Keep z0 finite when the estimate lies outside the samples (a share of 0 or 1).
  const share = Math.min(Math.max((below + equal / 2) / count, 0.5 / count), 1 - 0.5 / count)
  const z0 = normalQuantile(share)
  const z = normalQuantile((1 + level) / 2)
  const adjusted = (zz: number): number => {
    const denominator = 1 - acceleration * (z0 + zz)
    // Beyond the pole of the acceleration the quantile goes to the matching end.
    if (!(denominator > 0)) return zz > 0 ? 1 : 0
    return normalCdf(z0 + (z0 + zz) / denominator)
  }
  return { sorted, lower: adjusted(-z), upper: adjusted(z) }
}
