/**
 * Intervals that need no resampling, for metrics whose Poisson row bootstrap would cost
 * `resamples x rows` random draws (seconds on a million rows):
 * - max_error: the Poisson bootstrap distribution of a maximum is known exactly (a row is left
 *   out of a resample with probability e^-1, independently), so its percentile interval is
 *   computed without drawing (method `poisson-bootstrap`, exact);
 * - r2_score above `ROW_BOOTSTRAP_MAX_ROWS` rows: delta method on r2 = 1 - mean(e^2) / var(y)
 *   (method `delta-normal`);
 * - precision_recall_auc above `ROW_BOOTSTRAP_MAX_ROWS` rows: the logit interval of Boyd, Eng &
 *   Page (2013), "Area under the precision-recall curve: point estimates and confidence
 *   intervals": logit(AP) +- z / sqrt(positives * AP * (1 - AP)) (method `logit-normal`).
 */
import { INTERVAL_METHODS, meanInterval, normalQuantile } from '../stats/index.js'
import type { MetricInterval } from '../run/types.js'
import { EVALUATE_INTERVAL_METHODS, finiteInterval } from './intervalMethods.js'

/** Above this many rows in a scope, r2_score and precision_recall_auc use the analytic intervals. */
export const ROW_BOOTSTRAP_MAX_ROWS = 20_000

/**
 * Percentile interval of the Poisson-bootstrap distribution of `max(values)`, exactly:
 * P(resampled max <= v) = exp(-#{values > v}).
 */
export function maxValueBootstrapInterval(values: Float64Array, level: number): MetricInterval | undefined {
  const n = values.length
  if (n < 2) return undefined
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
  return finiteInterval({ lower, upper }, level, INTERVAL_METHODS.rowBootstrap)
}

/** Delta-method (influence function) normal interval for r2 = 1 - mean(e^2) / mean((y - ybar)^2). */
export function r2DeltaInterval(yTrue: Float64Array, yPred: Float64Array, r2: number, level: number): MetricInterval | undefined {
  const n = yTrue.length
  if (n < 3) return undefined
  let meanY = 0
  for (let i = 0; i < n; i++) meanY += yTrue[i]
  meanY /= n
  let a = 0
  let b = 0
  for (let i = 0; i < n; i++) {
    const e = yPred[i] - yTrue[i]
    const d = yTrue[i] - meanY
    a += e * e
    b += d * d
  }
  a /= n
  b /= n
  if (!(b > 0)) return undefined
  // Influence of row i: -(e_i^2 - A) / B + A (d_i^2 - B) / B^2.
  let sum = 0
  let sumSquares = 0
  for (let i = 0; i < n; i++) {
    const e = yPred[i] - yTrue[i]
    const d = yTrue[i] - meanY
    const influence = -(e * e - a) / b + (a * (d * d - b)) / (b * b)
    sum += influence
    sumSquares += influence * influence
  }
  const variance = (sumSquares - (sum * sum) / n) / (n - 1)
  return finiteInterval(meanInterval(n, r2, variance, level), level, EVALUATE_INTERVAL_METHODS.deltaNormal)
}

/** Logit interval for average precision (Boyd et al. 2013). */
export function averagePrecisionLogitInterval(ap: number, positives: number, level: number): MetricInterval | undefined {
  if (!(ap > 0 && ap < 1) || positives < 1) return undefined
  const z = normalQuantile((1 + level) / 2)
  const tau = 1 / Math.sqrt(positives * ap * (1 - ap))
  const centre = Math.log(ap / (1 - ap))
  const logistic = (x: number): number => 1 / (1 + Math.exp(-x))
  return finiteInterval({ lower: logistic(centre - z * tau), upper: logistic(centre + z * tau) }, level, EVALUATE_INTERVAL_METHODS.logitNormal)
}
