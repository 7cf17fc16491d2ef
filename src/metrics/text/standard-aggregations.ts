import { mean, quantileSorted, variance } from 'simple-statistics'

/** MLflow's aggregates of a per-row score (`<metric>/v1/mean`, `/variance`, `/p90`). */
export interface StandardAggregations {
  /** Arithmetic mean (`np.mean`). */
  mean: number
  /** Population variance, divisor n (`np.var`). */
  variance: number
  /** 90th percentile with linear interpolation (`np.percentile(scores, 90)`). */
  p90: number
}

/**
 * MLflow's `standard_aggregations`: mean, population variance and the 90th percentile (NumPy's
 * default linear method) of per-row scores. Built on simple-statistics (`mean`, `variance`, and
 * `quantileSorted`, whose (n - 1) * p linear rule is NumPy's). No scores give NaN for all three
 * (NumPy returns NaN for the mean and variance and raises for the percentile).
 *
 * @param scores per-row scores, finite numbers
 * @example
 * standardAggregations([1, 2, 3, 4]) // => { mean: 2.5, variance: 1.25, p90: 3.7 }
 */
export function standardAggregations(scores: ArrayLike<number>): StandardAggregations {
  if (scores.length === 0) return { mean: Number.NaN, variance: Number.NaN, p90: Number.NaN }
  // simple-statistics only indexes its input, so a typed array is passed as is (no copy)
  const values = (scores instanceof Float64Array ? scores : Float64Array.from(scores)) as unknown as number[]
  const sorted = Float64Array.from(scores).sort() as unknown as number[]
  return { mean: mean(values), variance: variance(values), p90: quantileSorted(sorted, 0.9) }
}
