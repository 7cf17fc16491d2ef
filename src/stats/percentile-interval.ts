import { quantileSorted } from 'simple-statistics'
import { assertLevel } from './assert-level.js'

/**
 * Percentile bootstrap interval: the (1 - level)/2 and (1 + level)/2 quantiles of the samples,
 * with simple-statistics' `quantileSorted` (linear interpolation, numpy's default).
 *
 * NaN samples (a statistic undefined on that resample, e.g. precision with nothing predicted)
 * are ignored; when fewer than half of the samples are finite the bounds are NaN, since the
 * remaining ones would describe a biased subset. Infinite samples are kept (they sort to the
 * ends). Zero width when all samples are equal (degenerate data: all correct, one class).
 *
 * @param samples bootstrap samples, any order
 * @param level nominal coverage in (0, 1), e.g. 0.95
 * @example
 * percentileInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.8) // => { lower: 2, upper: 10 } (up to rounding)
 */
export function percentileInterval(samples: ArrayLike<number>, level: number): { lower: number; upper: number } {
  assertLevel(level, 'percentileInterval')
  const kept = new Float64Array(samples.length)
  let count = 0
  let finite = 0
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i]
    if (Number.isNaN(value)) continue
    kept[count++] = value
    if (Number.isFinite(value)) finite++
  }
  if (count === 0 || finite * 2 < samples.length) return { lower: Number.NaN, upper: Number.NaN }
  const sorted = kept.subarray(0, count).sort()
  const tail = (1 - level) / 2
  // quantileSorted only indexes and reads .length, so a typed array serves as its array.
  const view = sorted as unknown as readonly number[]
  return { lower: quantileSorted(view, tail), upper: quantileSorted(view, 1 - tail) }
}
