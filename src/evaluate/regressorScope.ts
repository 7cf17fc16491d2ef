/**
 * Metrics of a regressor over one scope (the whole run, a slice, or a bootstrap resample), from
 * the metric engine's mergeable regression state, with intervals per `intervalMethods.ts`.
 */
import { regressionMetrics, regressionState } from '../metrics/index.js'
import { gatherFloat64 } from './gatherRows.js'
import { INTERVAL_METHODS, maxBootstrapInterval, r2DeltaInterval } from '../stats/index.js'
import { ROW_BOOTSTRAP_MAX_ROWS, finiteInterval, meanValueInterval, percentileIntervals, poissonBootstrap } from './intervalMethods.js'
import type { IntervalConfig } from './intervalMethods.js'
import type { ScopeMetrics } from './classifierScope.js'

export interface RegressorCore {
  targetValues: Float64Array
  predictedValues: Float64Array
}

/** Machine epsilon of float64: scikit-learn's floor on |y| in mean_absolute_percentage_error. */
const EPS = 2.220446049250313e-16

/** Metrics of the rows `rows` (null = every row); `intervals` null skips intervals. */
export function regressorScope(core: RegressorCore, rows: Int32Array | null, intervals: IntervalConfig | null): ScopeMetrics {
  const yTrue = gatherFloat64(core.targetValues, rows)
  const yPred = gatherFloat64(core.predictedValues, rows)
  const n = yTrue.length
  const notes: string[] = []
  const metrics: Record<string, number> = {}
  if (n > 0) {
    for (const [name, value] of Object.entries(regressionMetrics(regressionState(yTrue, yPred)))) {
      if (Number.isFinite(value)) metrics[name] = value
      else notes.push(`${name} left out: undefined on ${n} example(s) (scikit-learn returns ${value})`)
    }
  } else {
    metrics.example_count = 0
  }
  const out: ScopeMetrics = { metrics, intervals: {}, notes }
  if (intervals === null || n < 2) return out

  const level = intervals.level
  const absError = new Float64Array(n)
  const squaredError = new Float64Array(n)
  const percentageError = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const e = Math.abs(yPred[i] - yTrue[i])
    absError[i] = e
    squaredError[i] = e * e
    percentageError[i] = e / Math.max(Math.abs(yTrue[i]), EPS)
  }
  const addMean = (name: string, values: Float64Array): void => {
    const value = metrics[name]
    if (value === undefined) return
    const interval = meanValueInterval(values, value, level)
    if (interval !== undefined) out.intervals[name] = interval
  }
  addMean('mean_absolute_error', absError)
  addMean('mean_squared_error', squaredError)
  addMean('mean_absolute_percentage_error', percentageError)
  addMean('mean_on_target', yTrue)
  const meanTarget = out.intervals.mean_on_target
  if (meanTarget !== undefined && metrics.sum_on_target !== undefined) {
    // n is fixed, so the sum's interval is the mean's scaled by n.
    out.intervals.sum_on_target = { ...meanTarget, lower: meanTarget.lower * n, upper: meanTarget.upper * n }
  }
  const mse = out.intervals.mean_squared_error
  if (mse !== undefined && metrics.root_mean_squared_error !== undefined) {
    const interval = finiteInterval(
      { lower: Math.sqrt(Math.max(0, mse.lower)), upper: Math.sqrt(mse.upper) },
      level,
      INTERVAL_METHODS.normalSqrt,
    )
    if (interval !== undefined) out.intervals.root_mean_squared_error = interval
  }

  if (metrics.max_error !== undefined) {
    const interval = finiteInterval(maxBootstrapInterval(absError, level), level, INTERVAL_METHODS.rowBootstrap)
    if (interval !== undefined) out.intervals.max_error = interval
  }
  if (metrics.r2_score !== undefined && n > ROW_BOOTSTRAP_MAX_ROWS) {
    const interval = finiteInterval(r2DeltaInterval(yTrue, yPred, metrics.r2_score, level), level, INTERVAL_METHODS.deltaNormal)
    if (interval !== undefined) out.intervals.r2_score = interval
  } else if (metrics.r2_score !== undefined) {
    let gatheredTrue = new Float64Array(Math.ceil(n * 1.2) + 16)
    let gatheredPred = new Float64Array(gatheredTrue.length)
    const samples = poissonBootstrap(
      n,
      (weights): Record<string, number> => {
        let total = 0
        for (let i = 0; i < n; i++) total += weights[i]
        if (total > gatheredTrue.length) {
          gatheredTrue = new Float64Array(total)
          gatheredPred = new Float64Array(total)
        }
        let j = 0
        for (let i = 0; i < n; i++) {
          for (let w = weights[i]; w > 0; w--) {
            gatheredTrue[j] = yTrue[i]
            gatheredPred[j] = yPred[i]
            j++
          }
        }
        if (j < 2) return {}
        return { r2_score: regressionMetrics(regressionState(gatheredTrue.subarray(0, j), gatheredPred.subarray(0, j))).r2_score }
      },
      { resamples: intervals.rowResamples, seed: intervals.seed },
    )
    Object.assign(out.intervals, percentileIntervals(samples, ['r2_score'], level, INTERVAL_METHODS.rowBootstrap))
  }
  return out
}
