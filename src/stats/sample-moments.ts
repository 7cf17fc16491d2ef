/**
 * The mean and the sample variance of per-example values, summed in order (two passes: the mean,
 * then the squared deviations). The kernels that need them on Float64Arrays (Peng's interval,
 * r²'s tail interval, the normal interval of a mean) share these so their numbers agree to the
 * last bit; simple-statistics' `mean` and `sampleVariance` take plain arrays and sum with a
 * compensation that would move those numbers.
 *
 * @example
 * sampleMean(Float64Array.of(1, 2, 3, 4)) // => 2.5
 * sampleVariance(Float64Array.of(1, 2, 3, 4)) // => 1.666... (n − 1 denominator)
 */
export function sampleMean(values: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i]
  return sum / values.length
}

/** The sample variance (n − 1 denominator) about `centre` (default: the values' mean). */
export function sampleVariance(values: ArrayLike<number>, centre = sampleMean(values)): number {
  let squares = 0
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - centre
    squares += d * d
  }
  return squares / (values.length - 1)
}
