/**
 * Percentile interval of the Poisson-bootstrap distribution of `max(values)`, computed exactly
 * instead of by drawing: under Poisson(1) row weights a row is left out of a resample with
 * probability e^-1, independently, so P(resampled max <= v) = exp(-#{values > v}). Used for
 * `max_error`, whose row bootstrap would otherwise cost `resamples x rows` draws. NaN bounds for
 * fewer than 2 values.
 *
 * @example maxBootstrapInterval(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0.95) // { lower: 7, upper: 10 }
 */
export function maxBootstrapInterval(values: Float64Array, level: number): { lower: number; upper: number } {
  const n = values.length
  if (n < 2) return { lower: Number.NaN, upper: Number.NaN }
  const lowerQuantile = (1 - level) / 2
  const upperQuantile = (1 + level) / 2
  // Only the rows above the lower bound matter: at most -ln(lowerQuantile) + 1 of them.
  const keep = Math.min(n, Math.ceil(-Math.log(lowerQuantile)) + 2)
  const top = new Float64Array(keep).fill(-Infinity)
  for (let i = 0; i < n; i++) {
    const v = values[i]
    if (v <= top[keep - 1]) continue
    let j = keep - 1
    while (j > 0 && top[j - 1] < v) {
      top[j] = top[j - 1]
      j--
    }
    top[j] = v
  }
  // Walk the distinct values from the top; CDF(v_j) = exp(-rows strictly above v_j).
  let lower = top[0]
  let upper = top[0]
  let above = 0
  for (let j = 0; j < keep; ) {
    const v = top[j]
    const cdf = Math.exp(-above)
    if (cdf >= lowerQuantile) lower = v
    if (cdf >= upperQuantile) upper = v
    let end = j
    while (end < keep && top[end] === v) end++
    above += end - j
    j = end
  }
  return { lower, upper }
}
