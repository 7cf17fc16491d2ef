/**
 * Regression accumulator and the MLflow regressor metrics derived from it, matching
 * scikit-learn 1.2.1 (`mean_absolute_error`, `mean_squared_error`, `r2_score` with
 * `force_finite=True`, `max_error`, `mean_absolute_percentage_error`).
 */
import { FLOAT64_EPS } from './probability-losses.js'

/**
 * Sufficient statistics of (target, prediction) pairs: sums, the target mean and the targets' sum
 * of squared deviations from it, whether every target is the same number, and the largest error.
 * `count` is the number of examples.
 */
export interface RegressionState {
  count: number
  sumAbsoluteError: number
  sumSquaredError: number
  /** Sum of |y - ŷ| / max(|y|, eps), sklearn's MAPE terms. */
  sumAbsolutePercentageError: number
  sumTarget: number
  /** Mean of the targets (their sum over the count). */
  meanTarget: number
  /**
   * Sum of squared deviations of the targets from {@link meanTarget}, in a second pass as
   * scikit-learn takes it (white-box review 57: Welford's one-pass update lost up to 8e-3 of r2 on
   * targets near 1e12, and 4e-9 near 1e6, where the two-pass sum is within 1e-14 of exact).
   */
  m2Target: number
  /** Every target is the same number (r2 is then 0, or 1 for exact predictions; see {@link regressionMetrics}). */
  constantTarget: boolean
  /** Largest |y - ŷ| (0 when empty). */
  maxAbsoluteError: number
}

/** The state of no examples. */
export function emptyRegressionState(): RegressionState {
  return { count: 0, sumAbsoluteError: 0, sumSquaredError: 0, sumAbsolutePercentageError: 0, sumTarget: 0, meanTarget: 0, m2Target: 0, constantTarget: true, maxAbsoluteError: 0 }
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
  let maxErr = 0
  let constant = true
  for (let i = 0; i < n; i++) {
    const y = yTrue[i]
    const e = y - yPred[i]
    const ae = Math.abs(e)
    sae += ae
    sse += e * e
    const ay = Math.abs(y)
    sape += ae / (ay > FLOAT64_EPS ? ay : FLOAT64_EPS)
    sum += y
    if (y !== yTrue[0]) constant = false
    if (ae > maxErr) maxErr = ae
  }
  const mean = n > 0 ? sum / n : 0
  let m2 = 0
  for (let i = 0; i < n; i++) {
    const d = yTrue[i] - mean
    m2 += d * d
  }
  return { count: n, sumAbsoluteError: sae, sumSquaredError: sse, sumAbsolutePercentageError: sape, sumTarget: sum, meanTarget: mean, m2Target: m2, constantTarget: constant, maxAbsoluteError: maxErr }
}

/**
 * MLflow's regressor metrics: `example_count`, `mean_absolute_error`, `mean_squared_error`,
 * `root_mean_squared_error`, `sum_on_target`, `mean_on_target`, `r2_score`, `max_error`,
 * `mean_absolute_percentage_error`. `r2_score` follows sklearn's `force_finite=True`: 1 when the
 * predictions are exact, 0 when the targets are constant and the predictions are not, NaN with
 * fewer than 2 examples. Constant means every target is the same number: scikit-learn tests its
 * sum of squares for 0, which a mean that rounds off the targets misses (`[0.1, 0.1, 0.1]`: mean
 * 0.10000000000000002, r2 -1.7e31 for one prediction off by 0.1), where force_finite means 0. Everything but `example_count` is NaN when the state is empty.
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
  else if (state.constantTarget || state.m2Target === 0) r2 = 0
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
