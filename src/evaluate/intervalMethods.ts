/**
 * The interval methods evaluate() uses, each named on the interval it produces:
 * - `multinomial-bootstrap`: metrics that depend only on the confusion counts, resampled from
 *   the counts (a multinomial draw over the cells), percentile interval;
 * - `delong`: ROC AUC from DeLong's analytic variance;
 * - `normal`: metrics that are the mean of a per-example value (log_loss, brier_score_loss,
 *   mean_absolute_error, ...), central-limit interval from the sample variance;
 * - `normal-sqrt`: root_mean_squared_error, the square root of the mean_squared_error
 *   interval's bounds (a monotone transform of a `normal` interval);
 * - `poisson-bootstrap`: anything else (r2_score, max_error, precision_recall_auc, custom
 *   metrics), rows reweighted by Poisson(1) draws, percentile interval. max_error's bootstrap
 *   distribution is computed exactly, without drawing; above 20,000 rows r2_score uses
 *   `delta-normal` and precision_recall_auc `logit-normal` (`src/stats`), and
 *   custom metrics above 50,000 rows get no interval (a note says so).
 */
import { INTERVAL_METHODS, createRandom, meanInterval, percentileInterval, poissonWeights } from '../stats/index.js'
import type { MetricInterval } from '../run/types.js'

/** Above this many rows in a scope, r2_score and precision_recall_auc use analytic intervals
 *  (`delta-normal`, `logit-normal`) instead of the Poisson row bootstrap. */
export const ROW_BOOTSTRAP_MAX_ROWS = 20_000

export interface IntervalConfig {
  level: number
  seed: number
  /** Resamples of the confusion-count bootstrap. */
  resamples: number
  /** Resamples of the Poisson row bootstrap. */
  rowResamples: number
}

/** An interval, or undefined when its bounds are not finite (degenerate scope). */
export function finiteInterval(bounds: { lower: number; upper: number }, level: number, method: string): MetricInterval | undefined {
  if (!Number.isFinite(bounds.lower) || !Number.isFinite(bounds.upper)) return undefined
  return { lower: bounds.lower, upper: bounds.upper, level, method }
}

/** `normal` interval for a metric that is the mean of `values`; `center` is the metric itself. */
export function meanValueInterval(values: Float64Array, center: number, level: number): MetricInterval | undefined {
  const n = values.length
  if (n < 2) return undefined
  let mean = 0
  for (let i = 0; i < n; i++) mean += values[i]
  mean /= n
  let m2 = 0
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean
    m2 += d * d
  }
  return finiteInterval(meanInterval(n, center, m2 / (n - 1), level), level, INTERVAL_METHODS.normal)
}

/** Percentile intervals of bootstrap samples, for the metrics named in `names`. */
export function percentileIntervals(
  samples: Record<string, Float64Array>,
  names: Iterable<string>,
  level: number,
  method: string,
): Record<string, MetricInterval> {
  const out: Record<string, MetricInterval> = {}
  for (const name of names) {
    const s = samples[name]
    if (s === undefined) continue
    const interval = finiteInterval(percentileInterval(s, level), level, method)
    if (interval !== undefined) out[name] = interval
  }
  return out
}

/**
 * Poisson row bootstrap: `statistic(weights)` gets integer Poisson(1) weights for the `n` rows
 * and returns metric values; returns the samples per metric name.
 */
export function poissonBootstrap(
  n: number,
  statistic: (weights: Float64Array) => Record<string, number>,
  options: { resamples: number; seed: number },
): Record<string, Float64Array> {
  const random = createRandom(options.seed)
  const weights = new Float64Array(n)
  const out: Record<string, Float64Array> = {}
  for (let r = 0; r < options.resamples; r++) {
    poissonWeights(n, random, weights)
    const values = statistic(weights)
    for (const [name, value] of Object.entries(values)) {
      let s = out[name]
      if (s === undefined) {
        s = new Float64Array(options.resamples).fill(Number.NaN)
        out[name] = s
      }
      s[r] = value
    }
  }
  return out
}
