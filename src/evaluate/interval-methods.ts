/**
 * The interval methods evaluate() uses, each named on the interval it produces
 * (`IntervalMethod`, `src/run/types.ts`; coverage measured by `bench/coverage/`):
 * - `multinomial-bootstrap-bca`: metrics that depend only on the confusion counts, resampled
 *   from the counts (a multinomial draw over the cells, 4,000 by default), BCa quantiles with the
 *   acceleration from the exact row jackknife, one recomputation per non-empty cell
 *   (`countsBcaIntervals`, `src/stats`; called by the classifier's scope);
 * - `delong`: ROC AUC from DeLong's analytic variance, on the logit scale;
 * - `studentized-bootstrap`: metrics that are the mean of a per-example value (log_loss,
 *   brier_score_loss, mean_absolute_error, mean_squared_error, MAPE, mean_on_target, and
 *   sum_on_target scaled by n) up to {@link ROW_BOOTSTRAP_MAX_ROWS} rows: bootstrap-t over
 *   Poisson(1) row weights, which follows the skew of squared or percentage errors;
 *   `studentized-bootstrap-sqrt` for root_mean_squared_error (square roots of the MSE bounds);
 *   above the cap `normal` / `normal-sqrt` (mean ± z·se, where the central limit has taken over);
 *   none, with a note, when the per-example terms look heavy-tailed ({@link heavyTailCheck}:
 *   an extreme-value index of at least ½, a variance that looks infinite, where no interval of a
 *   mean covers), and then none for RMSE either when it is the squared errors;
 *   except that from {@link PENG_TAIL_MIN_ROWS} rows, absolute and squared errors
 *   (`tailExtrapolation`) get `peng-tail` instead ({@link pengTailMeanInterval}: Peng's mean with a
 *   Pareto tail, Hill's index, delta-method variance; RMSE `peng-tail-sqrt`),
 *   and none only where Hill's index is at most 1 (a tail whose mean looks infinite);
 * - `studentized-tail-upper`: squared errors (`tailUpperBound`) from {@link PENG_TAIL_MIN_ROWS}
 *   rows up to the cap, whether or not the check fires: the bootstrap-t's lower end, and as upper
 *   end the larger of the bootstrap-t's and {@link pengTailUpperBound} (Peng's tail-corrected mean
 *   on the log scale, Student t on k − 1 degrees of freedom); none where Hill's index is at most
 *   1. A sample that has not met a heavy tail's rare large terms looks light-tailed and its
 *   bootstrap-t lies below the truth (no rule computed from the sample tells it apart); the
 *   tail extrapolation bounds it from above on every sample. RMSE `studentized-tail-upper-sqrt`;
 * - `studentized-tail-upper-ratio`: r2_score from {@link PENG_TAIL_MIN_ROWS} rows up to the cap,
 *   from the MSE's `studentized-tail-upper` interval and the explained part's normal one, by
 *   MOVER on the log of their ratio (`r2RatioInterval`, `src/stats`; chosen in the regressor's
 *   scope); `studentized-bootstrap-ratio` the same from the MSE's bootstrap-t interval where at
 *   most max(10, √n) squared errors are above 0 (mostly exact predictions: no tail to fit); `peng-tail-ratio` above the cap where the squared errors look heavy-tailed
 *   (`r2TailInterval`); below {@link PENG_TAIL_MIN_ROWS} rows `poisson-bootstrap-bca`, or none
 *   when the squared errors look heavy-tailed;
 * - `poisson-bootstrap-bca`: precision_recall_auc up to the cap, r2_score below 100 rows and custom
 *   metrics up to `customIntervalMaxRows` (20,000): Poisson(1) row weights, BCa quantiles with the
 *   acceleration from a grouped jackknife ({@link JACKKNIFE_GROUPS} leave-group-out values);
 *   r2_score and custom metrics stop resampling once the bounds are stable (1,000 to
 *   `rowResamples`, {@link bcaBootstrapIntervals});
 *   above the cap r2_score uses `delta-normal` and precision_recall_auc `logit-normal`
 *   (`src/stats`), and custom metrics get no interval (a note says so);
 * - max_error: none. A bootstrap of a maximum is inconsistent (its upper end is always the
 *   sample maximum; measured coverage 0–0.6%) and no distribution-free interval for a
 *   population maximum exists from a sample; a note on the run says so.
 */
import { bcaMonteCarloError } from '../stats/bca-interval.js'
import { bcaInterval } from '../stats/bca-interval.js'
import { INTERVAL_METHODS } from '../stats/interval-methods.js'
import { wilsonInterval } from '../stats/wilson-interval.js'
import { jackknifeAcceleration } from '../stats/jackknife-acceleration.js'
import { meanInterval } from '../stats/mean-interval.js'
import { percentileInterval } from '../stats/percentile-interval.js'
import { poissonWeights } from '../stats/poisson-weights.js'
import { createRandom } from '../stats/random-source.js'
import { freshRowWeights } from '../stats/resample-weights.js'
import type { RowWeightSource } from '../stats/resample-weights.js'
import { studentizedMeanIntervals } from '../stats/studentized-mean-intervals.js'
import { sampleMean, sampleVariance } from '../stats/sample-moments.js'
import type { IntervalMethod, MetricInterval } from '../run/types.js'
import type { MeanValues } from '../model-types/model-type.js'

/** Above this many rows in a scope, means, r2_score and precision_recall_auc use analytic
 *  intervals (`normal`, `delta-normal`, `logit-normal`) instead of a row bootstrap. */
export const ROW_BOOTSTRAP_MAX_ROWS = 20_000

import { JACKKNIFE_GROUPS } from '../stats/jackknife-acceleration.js'
export { JACKKNIFE_GROUPS }
import { HEAVY_TAIL_INDEX, heavyTailCheck } from '../stats/heavy-tail-check.js'
import type { HeavyTailCheck } from '../stats/heavy-tail-check.js'
import { pengTailMeanInterval, pengTailSize, positiveCount } from '../stats/peng-tail-mean-interval.js'
import type { PengTailMeanInterval } from '../stats/peng-tail-mean-interval.js'
import { pengTailUpperBound } from '../stats/peng-tail-upper-bound.js'
import type { PengTailUpperBound } from '../stats/peng-tail-upper-bound.js'

/** Why max_error has no interval, for the run's notes. */
export const MAX_ERROR_NOTE =
  'max_error has no interval: a sample maximum gives no consistent interval for the population maximum (a bootstrap of it never exceeds the largest error seen), so none is reported'

export interface IntervalConfig {
  level: number
  seed: number
  /** Resamples of the confusion-count bootstrap. */
  resamples: number
  /** Resamples of the row bootstraps (studentized and BCa). */
  rowResamples: number
}

/** An interval, or undefined when its bounds are not finite (degenerate scope). */
export function finiteInterval(bounds: { lower: number; upper: number }, level: number, method: IntervalMethod): MetricInterval | undefined {
  if (!Number.isFinite(bounds.lower) || !Number.isFinite(bounds.upper)) return undefined
  return { lower: bounds.lower, upper: bounds.upper, level, method }
}


/**
 * Fewest rows at which a mean whose terms fail {@link heavyTailCheck} gets Peng's interval
 * (`peng-tail`) instead of none, when its `tailExtrapolation` ({@link MeanValues}) allows it: the
 * smallest size measured (bench/coverage/README.md, "Peng's interval where the heavy-tail rule
 * fires": on the trials the rule withholds it covered MSE and MAE 93.8–100% at n = 100, 300, 800
 * and 5,000 under t(3), t(5), log-normal and normal errors). From 50 to 99 rows the check is made
 * but the interval stays withheld.
 */
export const PENG_TAIL_MIN_ROWS = 100

/**
 * Why a mean (and what follows from it) has no interval: its terms look heavy-tailed.
 * `also` names the metrics that follow from it (root_mean_squared_error, r2_score).
 */
export function heavyTailNote(name: string, check: HeavyTailCheck, n: number, also: readonly string[] = [], tailAlpha = Number.NaN): string {
  const followers = followersText(also)
  const infiniteMean = tailAlpha <= 1 ? `; Hill's tail index ${tailAlpha.toFixed(2)} <= 1 from the largest ${pengTailSize(n)} terms: even the mean looks infinite, so no tail extrapolation either` : ''
  return (
    `${name} has no interval${followers}: its ${n} per-example terms have a tail too heavy for any interval of a mean to cover ` +
    `(extreme-value index ${check.index.toFixed(2)} >= ${HEAVY_TAIL_INDEX} from the largest ${check.tail} deviations: the variance looks infinite, ` +
    `e.g. squared errors with outliers or percentage errors of targets near 0${infiniteMean}), so none is reported`
  )
}

/** The metrics that follow from one without an interval, for its note: ` (nor a or b, which follow from it)`. */
function followersText(also: readonly string[]): string {
  return also.length === 0 ? '' : ` (nor ${also.join(' or ')}, which ${also.length === 1 ? 'follows' : 'follow'} from it)`
}

/** Why a mean's interval is Peng's (`peng-tail`) and not centred on the reported value. */
export function pengTailNote(name: string, check: HeavyTailCheck, n: number, peng: PengTailMeanInterval): string {
  return (
    `${name}'s interval is peng-tail: its ${n} per-example terms look heavy-tailed (extreme-value index ${check.index.toFixed(2)} >= ${HEAVY_TAIL_INDEX}), ` +
    `so the interval extrapolates a Pareto tail (Hill's index ${peng.alpha.toFixed(2)} from the largest ${peng.tail} terms) and is centred on the tail-corrected mean ${peng.estimate.toPrecision(4)}, ` +
    `which can lie above the reported value when the sample has not met the tail's rare large terms`
  )
}

/** Hill's index below which a bound that overflows is put down to the index (its standard error many times the estimate), not to the terms' size. */
const NEAR_ONE_INDEX = 1.5

/**
 * Why a mean with a tail upper bound has no interval where its terms' check passes: Hill's index
 * is at most 1, or so near 1 that the extrapolated bound is not a finite number.
 */
export function infiniteMeanNote(name: string, n: number, bound: PengTailUpperBound, also: readonly string[] = []): string {
  const followers = followersText(also)
  const head = `${name} has no interval${followers}: Hill's tail index of its ${n} per-example terms is ${bound.alpha.toFixed(2)}${bound.alpha <= 1 ? ' <= 1' : ''} from the largest ${bound.tail} terms`
  if (bound.alpha <= 1) return `${head}, a tail whose mean looks infinite, so no upper bound can be extrapolated`
  // Above 1 the bound was not a finite number: an index barely above 1 (its standard error many
  // times the estimate), or terms so large that their squares overflow (errors of 1e100: white-box
  // review 57 found this note calling an index of 8.58 "so near 1").
  return bound.alpha < NEAR_ONE_INDEX
    ? `${head}, so near 1 that the extrapolated bound overflows: a tail whose mean looks infinite, so no upper bound can be extrapolated`
    : `${head}, but the extrapolated bound is not a finite number in double precision: the terms are too large (their squares pass 1.8e308); rescale the targets and predictions (e.g. to thousands) for an interval`
}

/**
 * Fewest per-example errors above 0 for an interval of their mean where most are exactly 0: with
 * fewer, many row resamples hold none of them (e^-m of them for m), and the bootstrap-t's bounds
 * run to 10⁷ (one error in 100 rows); coverage with 10 and more: bench/coverage/README.md,
 * "Squared errors on a lattice". A table of a few rows, most of them errors, keeps its interval.
 */
export const MIN_POSITIVE_TERMS = 10

/** Why an error mean has no interval: fewer than {@link MIN_POSITIVE_TERMS} errors above 0. */
export function tooFewPositiveTermsNote(name: string, n: number, positive: number, also: readonly string[] = []): string {
  return `${name} has no interval${followersText(also)}: only ${positive} of its ${n} per-example terms are above 0 (the others are exactly 0), too few for an interval of their mean (at least ${MIN_POSITIVE_TERMS})`
}

/** Why a squared-error mean's upper end does not extrapolate a tail: too few terms above 0. */
export function fewPositiveTermsNote(name: string, n: number, positive: number): string {
  return (
    `${name}'s interval is the bootstrap-t's alone: only ${positive} of its ${n} per-example terms are above 0, ` +
    `too few to fit a tail above the largest ${pengTailSize(n)} (the others are exactly 0), so its upper end does not extrapolate one`
  )
}

/** Why a mean whose per-example terms are all equal has no interval. */
export function constantTermsNote(name: string, n: number, value: number, also: readonly string[] = []): string {
  return `${name} has no interval${followersText(also)}: all ${n} per-example terms equal ${value}, so the sample shows no variation to build one from`
}

/**
 * Why a mean's upper end extrapolates its tail where its terms look heavy-tailed
 * (`studentized-tail-upper`); `followers` (e.g. root_mean_squared_error, r2_score) take their
 * intervals from this one, and the note says so.
 */
export function tailUpperNote(name: string, check: HeavyTailCheck, n: number, bound: PengTailUpperBound, followers: readonly string[] = []): string {
  const r2 = followers.includes('r2_score') ? " (r2_score's lower end from this upper end)" : ''
  const derived = followers.length === 0 ? '' : `; ${followers.join(' and ')} take their intervals from this one${r2}`
  return (
    `${name}'s interval is studentized-tail-upper: its ${n} per-example terms look heavy-tailed (extreme-value index ${check.index.toFixed(2)} >= ${HEAVY_TAIL_INDEX}), ` +
    `so its upper end extrapolates a Pareto tail (Hill's index ${bound.alpha.toFixed(2)} from the largest ${bound.tail} terms, tail-corrected mean ${bound.estimate.toPrecision(4)}) ` +
    `and can lie far above the reported value: a sample that has not met the tail's rare large terms understates the mean${derived}`
  )
}

/**
 * Intervals for metrics that are means of per-example values, all from one set of row weights:
 * `studentized-bootstrap` up to {@link ROW_BOOTSTRAP_MAX_ROWS} rows, `normal` above (and where
 * the bootstrap-t bounds are not finite). Keyed by metric name; metrics with fewer than 2
 * values get none, and neither do those whose terms fail {@link heavyTailCheck} (a tail of
 * infinite variance, where no interval of a mean covers): for those a note is pushed onto
 * `notes` ({@link heavyTailNote}; `followers` names metrics derived from one, e.g.
 * mean_squared_error → root_mean_squared_error, r2_score). Metrics with `tailUpperBound` get
 * `studentized-tail-upper` from {@link PENG_TAIL_MIN_ROWS} rows up to the cap, whether the check
 * fires or not. `heavyTails` receives the names of the metrics whose terms failed the check.
 */
export function meanIntervals(
  means: readonly MeanValues[],
  config: IntervalConfig,
  notes: string[] = [],
  followers: Readonly<Record<string, readonly string[]>> = {},
  heavyTails: Set<string> = new Set(),
  rowWeights: RowWeightSource = freshRowWeights,
): Record<string, MetricInterval> {
  const out: Record<string, MetricInterval> = {}
  if (means.length === 0) return out
  const n = means[0].values.length
  if (n < 2) return out
  const kept: MeanValues[] = []
  const upperBounds = new Map<string, PengTailUpperBound>()
  for (const metric of means) {
    // Every term equal (every prediction exact, in a slice): the tail bound reads NaN as Hill's
    // index and would explain the missing interval with an infinite mean; say what it is. Any
    // other mean of equal terms got a bootstrap interval of no width ([0.5, 0.5] for MAE with
    // every error 0.5: adversarial pass 69), but a share of rows all 0 or all 1 (Wilson's, below).
    const first = metric.values[0]
    // (equal up to rounding: y + 0.5 - y is 0.5 give or take an ulp)
    const tolerance = 1e-12 * Math.max(1, Math.abs(first))
    const constant = metric.values.every((value) => Math.abs(value - first) <= tolerance)
    const share = metric.nonNegative && metric.atMostOne === true && (first === 0 || first === 1) && metric.values.every((value) => value === first)
    if (constant && !share) {
      notes.push(constantTermsNote(metric.name, n, first, followers[metric.name]))
      continue
    }
    // Terms bounded in [0, 1], or by another fixed bound (log losses), have every moment: no tail
    // to check (a confident classifier's log losses, two clusters with a gap, read as index 1.3).
    const bounded = (metric.nonNegative && metric.atMostOne === true) || metric.bounded === true
    // Errors that are mostly exactly 0: a resample often holds none of the few others, where the
    // bootstrap-t's statistic is infinite (bounds of 10⁷ for one error in 100 rows).
    const positive = metric.nonNegative && !bounded ? positiveCount(metric.values) : undefined
    if (positive !== undefined && positive < MIN_POSITIVE_TERMS && positive < n / 2) {
      notes.push(tooFewPositiveTermsNote(metric.name, n, positive, followers[metric.name]))
      continue
    }
    const check = bounded ? undefined : heavyTailCheck(metric.values)
    if (check?.heavy === true) heavyTails.add(metric.name)
    if (metric.tailUpperBound === true && n >= PENG_TAIL_MIN_ROWS && n <= ROW_BOOTSTRAP_MAX_ROWS) {
      // At most k terms above 0 (mostly exact predictions): no tail to fit, the bootstrap-t alone.
      // Otherwise the tail is fitted among the terms above 0 (the bound's own default, counted once here).
      const positives = positive ?? positiveCount(metric.values)
      if (check?.heavy !== true && positives <= pengTailSize(n)) {
        notes.push(fewPositiveTermsNote(metric.name, n, positives))
        kept.push(metric)
        continue
      }
      const bound = pengTailUpperBound(metric.values, config.level, pengTailSize(positives))
      if (!Number.isFinite(bound.upper)) {
        notes.push(check?.heavy === true ? heavyTailNote(metric.name, check, n, followers[metric.name], bound.alpha) : infiniteMeanNote(metric.name, n, bound, followers[metric.name]))
        continue
      }
      if (check?.heavy === true) notes.push(tailUpperNote(metric.name, check, n, bound, followers[metric.name]))
      upperBounds.set(metric.name, bound)
      kept.push(metric)
      continue
    }
    if (check?.heavy !== true) {
      kept.push(metric)
      continue
    }
    const peng = metric.tailExtrapolation === true && n >= PENG_TAIL_MIN_ROWS ? pengTailMeanInterval(metric.values, config.level) : undefined
    const interval = peng === undefined ? undefined : finiteInterval(peng, config.level, INTERVAL_METHODS.pengTail)
    if (peng !== undefined && interval !== undefined) {
      out[metric.name] = interval
      notes.push(pengTailNote(metric.name, check, n, peng))
    } else {
      notes.push(heavyTailNote(metric.name, check, n, followers[metric.name], peng?.alpha))
    }
  }
  // A share of rows (each term 0 or 1): Wilson's interval, and no bootstrap drawn for it. The
  // bootstrap-t of such terms is [1, 1] for a perfect score at any n, and its normal fallback
  // covered 59% at 10 rows (adversarial pass 67: a lower-bound gate passed on 30 rows).
  const resampled = kept.filter((metric) => {
    const successes = metric.nonNegative && metric.atMostOne === true ? shareOfRows(metric.values) : undefined
    if (successes === undefined) return true
    out[metric.name] = { ...wilsonInterval(successes, n, config.level), level: config.level, method: INTERVAL_METHODS.wilson }
    return false
  })
  if (resampled.length === 0) return out
  const bootstrapped =
    n <= ROW_BOOTSTRAP_MAX_ROWS
      ? studentizedMeanIntervals(
          resampled.map((m) => m.values),
          config.level,
          { resamples: config.rowResamples, weights: rowWeights(config.seed, n) },
        )
      : undefined
  resampled.forEach((metric, c) => {
    const clamp = (bounds: { lower: number; upper: number }): { lower: number; upper: number } =>
      ({ lower: metric.nonNegative ? Math.max(0, bounds.lower) : bounds.lower, upper: metric.atMostOne === true ? Math.min(1, bounds.upper) : bounds.upper })
    const studentized = bootstrapped === undefined ? undefined : finiteInterval(clamp(bootstrapped[c]), config.level, INTERVAL_METHODS.studentized)
    const interval = studentized ?? finiteInterval(clamp(normalMeanBounds(metric.values, config.level)), config.level, INTERVAL_METHODS.normal)
    const bound = upperBounds.get(metric.name)
    if (interval !== undefined && bound !== undefined) {
      out[metric.name] = { ...interval, upper: Math.max(interval.upper, bound.upper), method: INTERVAL_METHODS.studentizedTailUpper }
    } else if (interval !== undefined) out[metric.name] = interval
  })
  return out
}

/** The count of 1s when every term is 0 or 1, else undefined. */
function shareOfRows(values: Float64Array): number | undefined {
  let ones = 0
  for (let i = 0; i < values.length; i++) {
    if (values[i] === 1) ones++
    else if (values[i] !== 0) return undefined
  }
  return ones
}

function normalMeanBounds(values: Float64Array, level: number): { lower: number; upper: number } {
  const mean = sampleMean(values)
  return meanInterval(values.length, mean, sampleVariance(values, mean), level)
}

/**
 * The square-root interval of a mean-of-squares interval (RMSE from MSE): a monotone transform,
 * so it covers exactly when the MSE interval does.
 */
export function sqrtInterval(interval: MetricInterval): MetricInterval | undefined {
  const sqrtMethods: Partial<Record<IntervalMethod, IntervalMethod>> = {
    [INTERVAL_METHODS.studentized]: INTERVAL_METHODS.studentizedSqrt,
    [INTERVAL_METHODS.studentizedTailUpper]: INTERVAL_METHODS.studentizedTailUpperSqrt,
    [INTERVAL_METHODS.pengTail]: INTERVAL_METHODS.pengTailSqrt,
  }
  const method = sqrtMethods[interval.method] ?? INTERVAL_METHODS.normalSqrt
  return finiteInterval({ lower: Math.sqrt(Math.max(0, interval.lower)), upper: Math.sqrt(interval.upper) }, interval.level, method)
}

/** Percentile intervals of bootstrap samples, for the metrics named in `names`. */
export function percentileIntervals(
  samples: Record<string, Float64Array>,
  names: Iterable<string>,
  level: number,
  method: IntervalMethod,
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

/**
 * Grouped jackknife: `statistic(weights)` with weight 0 on the rows i where i mod g equals the
 * group and 1 elsewhere, for each of g = min(n, {@link JACKKNIFE_GROUPS}) groups (g = n is the
 * ordinary leave-one-out jackknife). Returns the leave-group-out values per metric name.
 */
export function groupedJackknife(n: number, statistic: (weights: Float64Array) => Record<string, number>): Record<string, Float64Array> {
  const groups = Math.min(n, JACKKNIFE_GROUPS)
  const weights = new Float64Array(n).fill(1)
  const out: Record<string, Float64Array> = {}
  for (let g = 0; g < groups; g++) {
    for (let i = g; i < n; i += groups) weights[i] = 0
    const values = statistic(weights)
    for (let i = g; i < n; i += groups) weights[i] = 1
    for (const [name, value] of Object.entries(values)) {
      let s = out[name]
      if (s === undefined) {
        s = new Float64Array(groups).fill(Number.NaN)
        out[name] = s
      }
      s[g] = value
    }
  }
  return out
}

/** Row resamples a `poisson-bootstrap-bca` interval always draws before it may stop early. */
export const BCA_MIN_RESAMPLES = 1000

/** Resamples drawn at a time after {@link BCA_MIN_RESAMPLES}, up to the run's `rowResamples`. */
export const BCA_RESAMPLE_BATCH = 500

/** Largest Monte Carlo error of a BCa bound, as a share of the interval's width, at which resampling stops. */
export const BCA_MONTE_CARLO_TOLERANCE = 0.03

/**
 * `poisson-bootstrap-bca` intervals of the metrics in `estimates` from a statistic of row
 * weights: Poisson resamples, the grouped-jackknife acceleration, BCa quantiles.
 *
 * Resamples are drawn until the bounds are stable, at most `rowResamples`: first
 * {@link BCA_MIN_RESAMPLES} (or `rowResamples` if fewer), then batches of
 * {@link BCA_RESAMPLE_BATCH} while some metric's bound has a Monte Carlo error
 * ({@link bcaMonteCarloError}) above {@link BCA_MONTE_CARLO_TOLERANCE} of its width. A smooth
 * statistic stops at 1,000, which halves the cost of a custom metric (each resample calls it);
 * a lumpy one (few positives, ties) draws all. The draws are one seeded stream, so the first
 * 1,000 are the same whatever the stopping point, and the same as the first 1,000 of a
 * bootstrap-t of the scope's means (same seed, same rows): `rowWeights` may replay them.
 */
export function bcaBootstrapIntervals(
  n: number,
  estimates: Readonly<Record<string, number>>,
  statistic: (weights: Float64Array) => Record<string, number>,
  config: IntervalConfig,
  rowWeights: RowWeightSource = freshRowWeights,
): Record<string, MetricInterval> {
  const out: Record<string, MetricInterval> = {}
  const names = Object.keys(estimates)
  if (n < 2 || names.length === 0) return out
  const jackknife = groupedJackknife(n, statistic)
  const acceleration: Record<string, number> = {}
  for (const name of names) acceleration[name] = jackknife[name] === undefined ? 0 : jackknifeAcceleration(jackknife[name])
  const limit = config.rowResamples
  const samples: Record<string, Float64Array> = {}
  for (const name of names) samples[name] = new Float64Array(limit).fill(Number.NaN)
  const stream = rowWeights(config.seed, n)
  const weights = new Float64Array(n)
  let drawn = 0
  let next = Math.min(limit, BCA_MIN_RESAMPLES)
  for (;;) {
    for (; drawn < next; drawn++) {
      stream.next(weights)
      const values = statistic(weights)
      for (const name of names) if (values[name] !== undefined) samples[name][drawn] = values[name]
    }
    if (drawn >= limit) break
    const unstable = names.some((name) => {
      const error = bcaMonteCarloError(samples[name].subarray(0, drawn), estimates[name], acceleration[name], config.level)
      return error > BCA_MONTE_CARLO_TOLERANCE
    })
    if (!unstable) break
    next = Math.min(limit, drawn + BCA_RESAMPLE_BATCH)
  }
  for (const name of names) {
    const interval = finiteInterval(bcaInterval(samples[name].subarray(0, drawn), estimates[name], acceleration[name], config.level), config.level, INTERVAL_METHODS.bca)
    if (interval !== undefined) out[name] = interval
  }
  return out
}
