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
  return weightedJackknifeAcceleration(values, new Float64Array(values.length).fill(1))
}

/**
 * {@link jackknifeAcceleration} for leave-one-out values that repeat: `values[j]` stands for
 * `weights[j]` identical leave-one-row-out values (the jackknife of a statistic of a table of
 * counts, where removing any row of cell j gives the same table). Equal to the plain formula on
 * the values expanded row by row, at the cost of one term per distinct value. Entries with a
 * zero weight or a non-finite value are ignored; fewer than 3 rows or no spread give 0.
 *
 * @param values the statistic with one row of each group left out
 * @param weights how many rows each value stands for (non-negative)
 * @example
 * weightedJackknifeAcceleration(Float64Array.of(1, 4), Float64Array.of(3, 1)) // => -0.0962... (as jackknifeAcceleration([1, 1, 1, 4]))
 */
export function weightedJackknifeAcceleration(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  if (values.length !== weights.length) {
    throw new RangeError(`weightedJackknifeAcceleration: ${values.length} values but ${weights.length} weights`)
  }
  let count = 0
  let mean = 0
  for (let i = 0; i < values.length; i++) {
    if (!(weights[i] > 0) || !Number.isFinite(values[i])) continue
    count += weights[i]
    mean += weights[i] * values[i]
  }
  if (count < 3) return 0
  mean /= count
  let squares = 0
  let cubes = 0
  for (let i = 0; i < values.length; i++) {
    if (!(weights[i] > 0) || !Number.isFinite(values[i])) continue
    const d = mean - values[i]
    squares += weights[i] * d * d
    cubes += weights[i] * d * d * d
  }
  if (!(squares > 0)) return 0
  return cubes / (6 * Math.pow(squares, 1.5))
}
