/** Leave-group-out values for the BCa acceleration (rows i with i mod groups = g left out). */
export const JACKKNIFE_GROUPS = 200

/**
 * The BCa acceleration from jackknife values (Efron & Tibshirani 1993, eq. 14.15):
 * a = Σ (m - θ₍ᵢ₎)³ / (6 (Σ (m - θ₍ᵢ₎)²)^{3/2}), m the mean of the leave-out values θ₍ᵢ₎.
 * The values may leave out single rows or groups of rows (a grouped jackknife: the sums scale
 * the same way, so the estimate stays consistent while costing one evaluation per group).
 * NaN values are ignored; fewer than 3 finite values, or all equal, give 0 (no acceleration).
 *
 * @param values the statistic with each row (or group of rows) left out
 * @example
 * jackknifeAcceleration(Float64Array.of(1, 1, 1, 4)) // => -0.0962... (one large value: skewed)
 */
export function jackknifeAcceleration(values: ArrayLike<number>): number {
  let count = 0
  let mean = 0
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue
    count++
    mean += values[i]
  }
  if (count < 3) return 0
  mean /= count
  let squares = 0
  let cubes = 0
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue
    const d = mean - values[i]
    squares += d * d
    cubes += d * d * d
  }
  if (!(squares > 0)) return 0
  return cubes / (6 * Math.pow(squares, 1.5))
}
