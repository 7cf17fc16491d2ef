import { criticalValue } from './critical-value.js'

/**
 * Normal (central-limit) interval for a mean of per-example values (method `normal`):
 * mean ± z·√(variance / n), e.g. MAE from absolute errors, MSE from squared errors, log loss
 * from per-example losses, mean_on_target from the targets.
 *
 * Assumptions: independent examples with finite variance; `variance` is the sample variance
 * (denominator n - 1). Heavy-tailed values (squared errors with outliers) need larger n for the
 * nominal coverage. Degenerate: n < 2 or a NaN input gives NaN bounds; variance 0 (every value
 * equal, e.g. all predictions exact) gives the zero-width [mean, mean].
 *
 * @example
 * meanInterval(100, 2, 4, 0.95) // => { lower: 1.608..., upper: 2.392... }  (2 ± 1.96 · 0.2)
 */
export function meanInterval(n: number, mean: number, variance: number, level: number): { lower: number; upper: number } {
  const z = criticalValue(level, 'meanInterval')
  if (!(n >= 2) || Number.isNaN(mean) || !(variance >= 0)) return { lower: Number.NaN, upper: Number.NaN }
  const halfWidth = z * Math.sqrt(variance / n)
  return { lower: mean - halfWidth, upper: mean + halfWidth }
}
