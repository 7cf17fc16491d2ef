import { criticalValue } from './critical-value.js'
import { normalCdf } from './normal-cdf.js'

/** A stored estimate with its interval, as a baseline file keeps it. */
export interface EstimateWithInterval {
  value: number
  lower: number
  upper: number
  level: number
}

/**
 * Unpaired test of a change between a baseline estimate and a current one, from their stored
 * intervals (normal approximation; method `unpaired-normal`), for when the two runs cannot be
 * paired (the evaluation data changed, or no per-example outcomes were kept).
 *
 * Each standard error is recovered from the interval as half-width / z(level). Intervals may be
 * asymmetric (logit AUC, percentile bootstrap), so the half-width on the side facing the other
 * estimate is used: for a drop, the baseline's lower half and the current's upper half. Then
 * z = (current - baseline) / √(se_b² + se_c²), signed so that z < 0 means "worse" (the sign is
 * flipped when lower is better), and the one-sided p-value that the current value is worse
 * than the baseline is p = Φ(z): small p = a significant regression, p near 1 = an improvement.
 *
 * Assumptions: the two estimates are independent (different data) and roughly normal.
 * Degenerate: both intervals zero-width gives z = ±Infinity (p 0 or 1) for any change and
 * z = 0, p = 0.5 for none; a NaN value or bound gives NaN.
 *
 * @example
 * unpairedChangeTest({ value: 0.85, lower: 0.82, upper: 0.88, level: 0.95 },
 *                    { value: 0.80, lower: 0.77, upper: 0.83, level: 0.95 }, true)
 * // => { z: -2.31..., pValue: 0.0104... }
 */
export function unpairedChangeTest(
  baseline: EstimateWithInterval,
  current: EstimateWithInterval,
  greaterIsBetter: boolean,
): { z: number; pValue: number } {
  const zBaseline = criticalValue(baseline.level, 'unpairedChangeTest (baseline)')
  const zCurrent = criticalValue(current.level, 'unpairedChangeTest (current)')
  const values = [baseline.value, baseline.lower, baseline.upper, current.value, current.lower, current.upper]
  if (values.some((v) => Number.isNaN(v))) return { z: Number.NaN, pValue: Number.NaN }
  const change = current.value - baseline.value
  const currentIsHigher = change >= 0
  const seBaseline = (currentIsHigher ? baseline.upper - baseline.value : baseline.value - baseline.lower) / zBaseline
  const seCurrent = (currentIsHigher ? current.value - current.lower : current.upper - current.value) / zCurrent
  const se = Math.sqrt(Math.max(0, seBaseline) ** 2 + Math.max(0, seCurrent) ** 2)
  const signedChange = greaterIsBetter ? change : -change
  let z: number
  if (signedChange === 0) z = 0
  else if (se === 0) z = signedChange > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY
  else z = signedChange / se
  return { z, pValue: normalCdf(z) }
}
