/**
 * Metrics of a regressor over one scope (the whole run, a slice, or a bootstrap resample), from
 * the metric engine's mergeable regression state, with intervals by the engine's interval methods
 * (`ScopeContext.methods`).
 */
import { regressionMetrics, regressionState } from '../../metrics/index.js'
import { gatherFloat64 } from '../gather-rows.js'
import { INTERVAL_METHODS } from '../../stats/interval-methods.js'
import { r2DeltaInterval } from '../../stats/r2-delta-interval.js'
import { r2RatioInterval } from '../../stats/r2-ratio-interval.js'
import { r2TailInterval } from '../../stats/r2-tail-interval.js'
import type { R2TailInterval } from '../../stats/r2-tail-interval.js'
import type { ScopeMetrics } from '../../run/types.js'
import { formatMetric } from '../../run/format-metric.js'
import type { MeanValues, ScopeContext } from '../model-type.js'

export interface RegressorCore {
  targetValues: Float64Array
  predictedValues: Float64Array
}

/** Machine epsilon of float64: scikit-learn's floor on |y| in mean_absolute_percentage_error. */
const EPS = 2.220446049250313e-16

/** Why r2_score's interval, where the squared errors look heavy-tailed, is not centred on the reported value. */
function r2TailNote(n: number, tail: R2TailInterval): string {
  return (
    `r2_score's interval is peng-tail-ratio: its ${n} squared errors look heavy-tailed, so it is built from their Pareto-tail-corrected mean (Hill's index ${tail.alpha.toFixed(2)}) ` +
    `against the variance the predictions explain, and is centred on the tail-corrected r2 ${tail.estimate.toPrecision(4)}, which can lie below the reported value when the sample has not met the tail's rare large errors`
  )
}

/** Why r2_score has no interval although the squared errors have one: the predictions explain no variance (r2 <= 0). */
function r2WithheldNote(n: number): string {
  return `r2_score has no interval: its ${n} squared errors look heavy-tailed, and the predictions explain no share of the targets' variance (SST <= SSE), where r2's interval (built on the log of SSE against SST − SSE) is undefined`
}

/** Metrics of the rows `rows` (null = every row); `context.intervals` null skips intervals. */
export function regressorScope(core: RegressorCore, rows: Int32Array | null, context: ScopeContext): ScopeMetrics {
  const { intervals, methods } = context
  const { bcaBootstrapIntervals, finiteInterval, meanIntervals, sqrtInterval } = methods
  const yTrue = gatherFloat64(core.targetValues, rows)
  const yPred = gatherFloat64(core.predictedValues, rows)
  const n = yTrue.length
  const notes: string[] = []
  const metrics: Record<string, number> = {}
  if (n > 0) {
    for (const [name, value] of Object.entries(regressionMetrics(regressionState(yTrue, yPred)))) {
      if (Number.isFinite(value)) metrics[name] = value
      // an infinite value is an overflow (errors of 1e200 squared), not an undefined metric (adversarial pass 68)
      else if (Number.isNaN(value)) notes.push(`${name} left out: undefined on ${n} example${n === 1 ? '' : 's'} (scikit-learn returns ${value})`)
      else notes.push(`${name} left out: it overflows on these ${n} example${n === 1 ? '' : 's'} (errors too large to square or sum as numbers; scikit-learn returns ${value})`)
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
  const means: MeanValues[] = []
  const addMean = (name: string, values: Float64Array, nonNegative: boolean, tailExtrapolation = false, tailUpperBound = false): void => {
    if (metrics[name] !== undefined) means.push({ name, values, nonNegative, tailExtrapolation, tailUpperBound })
  }
  // Peng's tail extrapolation where the heavy-tail check fires: absolute and squared errors only;
  // squared errors from 100 rows to the cap get the tail's upper bound on every sample
  // (`studentized-tail-upper`: bench/coverage/README.md, "Squared errors: the bootstrap-t's lower
  // end, the larger upper end"). Percentage errors of targets whose density is positive near 0
  // have an infinite mean (bench/coverage/README.md, "MAPE of targets near 0"): they keep the
  // withheld interval.
  addMean('mean_absolute_error', absError, true, true)
  addMean('mean_squared_error', squaredError, true, true, true)
  addMean('mean_absolute_percentage_error', percentageError, true)
  addMean('mean_on_target', yTrue, false)
  const heavyTails = new Set<string>()
  Object.assign(out.intervals, meanIntervals(means, intervals, notes, { mean_squared_error: ['root_mean_squared_error', 'r2_score'], mean_on_target: ['sum_on_target'] }, heavyTails))
  const meanTarget = out.intervals.mean_on_target
  if (meanTarget !== undefined && metrics.sum_on_target !== undefined) {
    // n is fixed, so the sum's interval is the mean's scaled by n.
    out.intervals.sum_on_target = { ...meanTarget, lower: meanTarget.lower * n, upper: meanTarget.upper * n }
  }
  const mse = out.intervals.mean_squared_error
  if (mse !== undefined && metrics.root_mean_squared_error !== undefined) {
    const interval = sqrtInterval(mse)
    if (interval !== undefined) out.intervals.root_mean_squared_error = interval
  }

  if (metrics.max_error !== undefined && rows === null) notes.push(methods.maxErrorNote)
  if (metrics.r2_score === undefined) return out
  // Constant targets: r2 is undefined (no spread to explain) and its value scikit-learn's
  // force_finite convention; a bootstrap of the convention gave [0, 0] (adversarial pass 68, F8).
  if (isConstant(yTrue)) {
    notes.push(`r2_score has no interval on these ${n} examples: the targets are all ${formatMetric(yTrue[0])}, so there is no spread to explain and r2_score is undefined; its ${metrics.r2_score} is scikit-learn's convention (force_finite: 1 for exact predictions, else 0), not a measurement`)
    return out
  }
  // r2_score follows the squared errors: heavy when their interval was withheld or their terms failed the heavy-tail check.
  const mseInterval = out.intervals.mean_squared_error
  const squaredErrorsHeavy = metrics.mean_squared_error !== undefined && (mseInterval === undefined || heavyTails.has('mean_squared_error'))
  // No MSE interval for heavy squared errors: its note already names r2_score.
  if (squaredErrorsHeavy && mseInterval === undefined) return out
  // From 100 rows to the cap the MSE's interval is studentized-tail-upper (the bootstrap-t's alone
  // where at most k errors are above 0, nothing to fit a tail to): r2's follows from it.
  const ratioMethod =
    mseInterval?.method === INTERVAL_METHODS.studentizedTailUpper
      ? INTERVAL_METHODS.studentizedTailUpperRatio
      : mseInterval?.method === INTERVAL_METHODS.studentized && n >= methods.pengTailMinRows
        ? INTERVAL_METHODS.studentizedRatio
        : undefined
  if (mseInterval !== undefined && ratioMethod !== undefined) {
    const interval = finiteInterval(r2RatioInterval(yTrue, yPred, mseInterval, level), level, ratioMethod)
    if (interval !== undefined) {
      out.intervals.r2_score = interval
      return out
    }
    // None where nothing is explained (SST <= SSE): what follows gives none either when heavy.
  }
  if (n >= methods.pengTailMinRows && (squaredErrorsHeavy || n <= methods.rowBootstrapMaxRows)) {
    const tail = r2TailInterval(yTrue, yPred, level)
    const interval = finiteInterval(tail, level, INTERVAL_METHODS.pengTailRatio)
    if (interval !== undefined) {
      out.intervals.r2_score = interval
      if (squaredErrorsHeavy) notes.push(r2TailNote(n, tail))
      return out
    }
    // None where nothing is explained (SST <= SSE).
    if (squaredErrorsHeavy) {
      notes.push(r2WithheldNote(n))
      return out
    }
  }
  if (n > methods.rowBootstrapMaxRows) {
    const interval = finiteInterval(r2DeltaInterval(yTrue, yPred, metrics.r2_score, level), level, INTERVAL_METHODS.deltaNormal)
    if (interval !== undefined) out.intervals.r2_score = interval
  } else {
    const r2 = weightedR2(yTrue, yPred)
    Object.assign(out.intervals, bcaBootstrapIntervals(n, { r2_score: metrics.r2_score }, (weights) => ({ r2_score: r2(weights) }), intervals))
  }
  return out
}

function isConstant(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false
  return true
}

/**
 * r2_score of the rows under integer weights, in one pass of weighted sums (the targets centred
 * on their mean first, so large offsets lose no precision): 1 - Σw·e² / Σw·(y - ȳ_w)², with
 * scikit-learn's force_finite values when the weighted targets are constant (1 for perfect
 * predictions, else 0), as the point estimate has them. NaN when fewer than 2 rows are weighted.
 */
export function weightedR2(yTrue: Float64Array, yPred: Float64Array): (weights: Float64Array) => number {
  const n = yTrue.length
  let mean = 0
  for (let i = 0; i < n; i++) mean += yTrue[i]
  mean /= n
  const centred = new Float64Array(n)
  const squaredError = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    centred[i] = yTrue[i] - mean
    squaredError[i] = (yPred[i] - yTrue[i]) ** 2
  }
  return (weights) => {
    let total = 0
    let sum = 0
    let squares = 0
    let residual = 0
    // a resample whose targets are all one number has r2 0 (1 for exact predictions), as the point
    // estimate (regressionMetrics): its spread, a difference of two rounded sums, is then noise,
    // and 1 - residual / noise ran to -4.6e16 (adversarial pass 58)
    let first = Number.NaN
    let varies = false
    for (let i = 0; i < n; i++) {
      const w = weights[i]
      if (w === 0) continue
      const y = centred[i]
      if (total === 0) first = yTrue[i]
      else if (yTrue[i] !== first) varies = true
      total += w
      sum += w * y
      squares += w * y * y
      residual += w * squaredError[i]
    }
    if (total < 2) return Number.NaN
    const spread = squares - (sum * sum) / total
    if (varies && spread > 0) return 1 - residual / spread
    return residual === 0 ? 1 : 0
  }
}
