/**
 * Regression accumulator and the MLflow regressor metrics derived from it, matching
 * scikit-learn 1.2.1 (`mean_absolute_error`, `mean_squared_error`, `r2_score` with
 * `force_finite=True`, `max_error`, `mean_absolute_percentage_error`).
 */
import { FLOAT64_EPS } from './probability-losses.js'

/**
 * Sufficient statistics of (target, prediction) pairs: sums, the target mean and M2 (Welford),
 * and the largest error. States of disjoint parts could merge exactly (sums add; mean and M2 by
 * Chan's formula); no caller merges them yet, so the merge function is left out until one does.
 * `count` is the number of examples.
 */
export interface RegressionState {
  count: number
  sumAbsoluteError: number
  sumSquaredError: number
  /** Sum of |y - ŷ| / max(|y|, eps), sklearn's MAPE terms. */
  sumAbsolutePercentageError: number
  sumTarget: number
  /** Running mean of the targets (Welford / West). */
  meanTarget: number
  /** Sum of squared deviations of the targets from their mean (Welford's M2). */
  m2Target: number
  /** Largest |y - ŷ| (0 when empty). */
  maxAbsoluteError: number
}

/** The state of no examples. */
export function emptyRegressionState(): RegressionState {
  return { count: 0, sumAbsoluteError: 0, sumSquaredError: 0, sumAbsolutePercentageError: 0, sumTarget: 0, meanTarget: 0, m2Target: 0, maxAbsoluteError: 0 }
}

/**
 * Accumulate targets and predictions into a {@link RegressionState}. Values must be finite.
 *
 * @example regressionMetrics(regressionState(Float64Array.of(3, -0.5, 2, 7), Float64Array.of(2.5, 0, 2, 8))).mean_squared_error // 0.375
 */
export function regressionState(yTrue: Float64Array, yPred: Float64Array): RegressionState {
  const n = yTrue.length
  if (yPred.length !== n) throw new RangeError(`regressionState: ${n} targets but ${yPred.length} predictions; pass one prediction per target`)
  let sae = 0
  let sse = 0
  let sape = 0
  let sum = 0
  let mean = 0
  let m2 = 0
  let maxErr = 0
  for (let i = 0; i < n; i++) {
    const y = yTrue[i]
    const e = y - yPred[i]
    const ae = Math.abs(e)
    sae += ae
    sse += e * e
    const ay = Math.abs(y)
    sape += ae / (ay > FLOAT64_EPS ? ay : FLOAT64_EPS)
    sum += y
    const delta = y - mean
    mean += delta / (i + 1)
    m2 += delta * (y - mean)
    if (ae > maxErr) maxErr = ae
  }
  return { count: n, sumAbsoluteError: sae, sumSquaredError: sse, sumAbsolutePercentageError: sape, sumTarget: sum, meanTarget: mean, m2Target: m2, maxAbsoluteError: maxErr }
}

/**
 * MLflow's regressor metrics: `example_count`, `mean_absolute_error`, `mean_squared_error`,
 * `root_mean_squared_error`, `sum_on_target`, `mean_on_target`, `r2_score`, `max_error`,
 * `mean_absolute_percentage_error`. `r2_score` follows sklearn's `force_finite=True`: 1 when the
 * predictions are exact, 0 when the targets are constant and the predictions are not, NaN with
 * fewer than 2 examples. Everything but `example_count` is NaN when the state is empty.
 *
 * @example regressionMetrics(regressionState(Float64Array.of(3, -0.5, 2, 7), Float64Array.of(2.5, 0, 2, 8))).r2_score // 0.9486…
 */
export function regressionMetrics(state: RegressionState): Record<string, number> {
  const n = state.count
  if (n === 0) {
    return {
      example_count: 0, mean_absolute_error: NaN, mean_squared_error: NaN, root_mean_squared_error: NaN,
      sum_on_target: 0, mean_on_target: NaN, r2_score: NaN, max_error: NaN, mean_absolute_percentage_error: NaN,
    }
  }
  const mse = state.sumSquaredError / n
  let r2: number
  if (n < 2) r2 = NaN
  else if (state.sumSquaredError === 0) r2 = 1
  else if (state.m2Target === 0) r2 = 0
  else r2 = 1 - state.sumSquaredError / state.m2Target
  return {
    example_count: n,
    mean_absolute_error: state.sumAbsoluteError / n,
    mean_squared_error: mse,
    root_mean_squared_error: Math.sqrt(mse),
    sum_on_target: state.sumTarget,
    mean_on_target: state.sumTarget / n,
    r2_score: r2,
    max_error: state.maxAbsoluteError,
    mean_absolute_percentage_error: state.sumAbsolutePercentageError / n,
  }
}
