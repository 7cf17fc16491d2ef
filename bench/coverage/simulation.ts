/**
 * Coverage simulation of every interval a run reports (issue 8, "Intervals that cover").
 *
 * Each population is a finite table of rows (200,000 by default) drawn once, seeded, from a
 * stated model; the true value of every metric is the metric on the whole population, computed
 * by the engine itself (whose point estimates equal scikit-learn's: test/evaluate/parity.test.ts).
 * A trial draws n rows with replacement from the population (independent draws from a known
 * distribution, so the truth is exact) and builds every interval exactly as evaluate() does:
 * `classifierScope`, `regressorScope` and `computeCustomMetrics` on the drawn row indices, with
 * evaluate()'s default interval settings (level 0.95, 4,000 count resamples, 2,000 row
 * resamples), the trial's index as seed. Coverage is the share of trials whose interval holds
 * the truth; its standard error is √(c(1 - c)/trials).
 *
 * Used by test/stats/coverage-intervals.test.ts (small, seconds) and bench/coverage/run.mjs
 * (the full tables: n = 100, 800, 5,000).
 */
import { classifierScope } from '../../src/model-types/classifier/classifier-scope.js'
import type { ClassifierCore } from '../../src/model-types/classifier/classifier-scope.js'
import { classifierPart, classifierType } from '../../src/model-types/classifier/classifier-type.js'
import { columnsOfMatrix } from '../../src/model-types/classifier/probability-columns.js'
import { computeCustomMetrics } from '../../src/evaluate/custom-metrics.js'
import type { CustomMetricContext } from '../../src/evaluate/custom-metrics.js'
import { defineMetric } from '../../src/evaluate/define-metric.js'
import type { EvalTableSource } from '../../src/evaluate/eval-table.js'
import { EVALUATE_DEFAULTS } from '../../src/evaluate/options.js'
import type { IntervalConfig } from '../../src/evaluate/interval-methods.js'
import { regressorScope } from '../../src/model-types/regressor/regressor-scope.js'
import { scopeContext } from '../../src/evaluate/scope-context.js'
import type { MetricInterval } from '../../src/run/types.js'
import { bootstrapCounts, createRandom, percentileInterval } from '../../src/stats/index.js'
import { classificationMetricsFromCounts, confusionCounts } from '../../src/metrics/index.js'
import { COUNT_METRICS } from '../../src/model-types/classifier/classifier-scope.js'
import type { RandomSource } from '../../src/stats/index.js'

/** A population: its metrics' true values and a function giving a trial's intervals. */
export interface Population {
  name: string
  description: string
  truth: Record<string, number>
  /** Intervals (and the methods) of one trial on the population rows `rows`. */
  intervalsOf(rows: Int32Array, config: IntervalConfig): Record<string, MetricInterval>
  size: number
}

/** Coverage of one metric over the trials. */
export interface MetricCoverage {
  metric: string
  method: string
  truth: number
  trials: number
  covered: number
  /** Trials whose interval lies wholly below / above the truth. */
  below: number
  above: number
  /** Trials without an interval (left out of `trials`). */
  missing: number
  meanWidth: number
}

const POPULATION_ROWS = 200_000

/** The count resamples every trial uses (evaluate()'s default), for the tables' headers. */
export const COUNT_RESAMPLES = EVALUATE_DEFAULTS.resamples

/** A custom metric: F2 (recall-weighted F score) of the positive class, from the table. */
export const f2Positive = defineMetric({
  name: 'f2_positive',
  greaterIsBetter: true,
  fn: (table) => {
    if (table.modelType !== 'classifier') return Number.NaN
    const pos = table.labels.length - 1
    let tp = 0
    let fp = 0
    let fn = 0
    for (let i = 0; i < table.rowCount; i++) {
      const t = table.targetIndex[i] === pos
      const p = table.predictedIndex[i] === pos
      if (t && p) tp++
      else if (p) fp++
      else if (t) fn++
    }
    return (5 * tp) / (5 * tp + 4 * fn + fp)
  },
})

/**
 * Binary classifier: prevalence 0.35, score x ~ N(μ·y, 1) with μ = 1.2, probability the
 * Bayes posterior logistic(logit 0.35 + μx - μ²/2) (calibrated), predicted positive at 0.5;
 * plus the custom metric f2_positive.
 */
export function binaryClassifierPopulation(seed = 1, options: ClassifierPopulationOptions = {}, saturated = 0): Population {
  const random = createRandom(seed)
  const n = POPULATION_ROWS
  const prevalence = 0.35
  const mu = 1.2
  const targetIndex = new Int32Array(n)
  const predictedIndex = new Int32Array(n)
  const probabilities = new Float64Array(2 * n)
  const prior = Math.log(prevalence / (1 - prevalence))
  for (let i = 0; i < n; i++) {
    const y = random.uniform() < prevalence ? 1 : 0
    const x = random.normal() + mu * y
    // `saturated`: that share of the rows gets the wrong extreme, 0 or 1 (log loss clipped at 36.04)
    const p = saturated > 0 && random.uniform() < saturated ? 1 - y : 1 / (1 + Math.exp(-(prior + mu * x - (mu * mu) / 2)))
    targetIndex[i] = y
    probabilities[2 * i] = 1 - p
    probabilities[2 * i + 1] = p
    predictedIndex[i] = p >= 0.5 ? 1 : 0
  }
  const core: ClassifierCore = { labels: ['negative', 'positive'], posIndex: 1, average: 'weighted', targetIndex, predictedIndex, probabilities: columnsOfMatrix(probabilities, 2), rowSumsOk: undefined }
  if (saturated > 0) return classifierPopulation('binary-saturated', `binary, as binary-classifier but ${100 * saturated}% of the rows scored at the wrong extreme (0 or 1: log loss 36.04 each)`, core, false, options)
  return classifierPopulation('binary-classifier', 'binary, prevalence 0.35, binormal scores (mu 1.2), calibrated probabilities, custom metric f2_positive', core, true, options)
}

/**
 * Three-class classifier (`macro` or `weighted` averages): priors 0.5 / 0.3 / 0.2, logits
 * 1.2·onehot(y) + N(0, 1), softmax probabilities, argmax predictions.
 */
export function multiclassPopulation(average: 'macro' | 'weighted', seed = 2, options: ClassifierPopulationOptions = {}): Population {
  const random = createRandom(seed)
  const n = POPULATION_ROWS
  const k = 3
  const priors = [0.5, 0.3, 0.2]
  const targetIndex = new Int32Array(n)
  const predictedIndex = new Int32Array(n)
  const probabilities = new Float64Array(k * n)
  for (let i = 0; i < n; i++) {
    const u = random.uniform()
    const y = u < priors[0] ? 0 : u < priors[0] + priors[1] ? 1 : 2
    targetIndex[i] = y
    let total = 0
    for (let c = 0; c < k; c++) {
      const e = Math.exp(random.normal() + (c === y ? 1.2 : 0))
      probabilities[i * k + c] = e
      total += e
    }
    let best = 0
    for (let c = 0; c < k; c++) {
      probabilities[i * k + c] /= total
      if (probabilities[i * k + c] > probabilities[i * k + best]) best = c
    }
    predictedIndex[i] = best
  }
  const core: ClassifierCore = { labels: ['a', 'b', 'c'], posIndex: undefined, average, targetIndex, predictedIndex, probabilities: columnsOfMatrix(probabilities, k), rowSumsOk: undefined }
  return classifierPopulation(`multiclass-${average}`, `3 classes (priors 0.5/0.3/0.2), softmax of 1.2·onehot + N(0,1), ${average} averages`, core, false, options)
}

/**
 * A confident three-class classifier, as a network's softmax often is (adversarial pass 22q):
 * uniform priors; the predicted class is the target with probability 0.8, else a class drawn
 * uniformly (so about 86.7% right); the probabilities are 0.2·U(0, 1) per class plus 1.5 on the
 * predicted class, normalized. The per-example log losses are then two clusters (about 0.2 on the
 * right rows, 2.2 + Exp(1) on the wrong ones), with a gap between them.
 */
export function confidentClassifierPopulation(seed = 4, options: ClassifierPopulationOptions = {}): Population {
  const random = createRandom(seed)
  const n = POPULATION_ROWS
  const k = 3
  const targetIndex = new Int32Array(n)
  const predictedIndex = new Int32Array(n)
  const probabilities = new Float64Array(k * n)
  for (let i = 0; i < n; i++) {
    const y = Math.floor(random.uniform() * k)
    const predicted = random.uniform() < 0.8 ? y : Math.floor(random.uniform() * k)
    targetIndex[i] = y
    predictedIndex[i] = predicted
    let total = 0
    for (let c = 0; c < k; c++) {
      probabilities[i * k + c] = 0.2 * random.uniform() + (c === predicted ? 1.5 : 0)
      total += probabilities[i * k + c]
    }
    for (let c = 0; c < k; c++) probabilities[i * k + c] /= total
  }
  const core: ClassifierCore = { labels: ['a', 'b', 'c'], posIndex: undefined, average: 'weighted', targetIndex, predictedIndex, probabilities: columnsOfMatrix(probabilities, k), rowSumsOk: undefined }
  return classifierPopulation('classifier-confident', '3 classes, predicted = target w.p. 0.8 else uniform, probabilities 0.2·U(0,1) + 1.5 on the predicted class (two clusters of log losses), weighted averages', core, false, options)
}

/** What a classifier population's trials measure besides every interval a run reports. */
export interface ClassifierPopulationOptions {
  /** Also the count metrics' percentile intervals, as rows named with {@link PERCENTILE_SUFFIX}. */
  comparePercentile?: boolean
  /**
   * Also the count metrics' BCa intervals from this many multinomial resamples (same seed, same
   * trial), as rows named with {@link resamplesSuffix}: a paired comparison of resample counts.
   */
  compareResamples?: number
  /**
   * Only the count metrics (accuracy, precision / recall / F1, balanced accuracy, MCC): the
   * trials skip the probability metrics and the custom metric, whose row bootstraps are most of
   * a trial's cost. The count intervals are the same as in a full trial (same counts, seed and
   * resamples).
   */
  countsOnly?: boolean
}

function classifierPopulation(name: string, description: string, fullCore: ClassifierCore, withCustomMetric: boolean, options: ClassifierPopulationOptions): Population {
  const core: ClassifierCore = options.countsOnly === true ? { ...fullCore, probabilities: undefined } : fullCore
  const withCustom = withCustomMetric && options.countsOnly !== true
  const part = classifierPart(core)
  const source: EvalTableSource = {
    rowCount: core.targetIndex.length,
    columns: {},
    inputColumns: [],
    fields: (rows) => classifierType.tableFields(part, rows),
  }
  const customContext = (config: IntervalConfig | null): CustomMetricContext => ({
    definitions: withCustom ? [f2Positive] : [],
    source,
    builtinsOf: () => ({}),
    intervals: config,
    maxIntervalRows: EVALUATE_DEFAULTS.customIntervalMaxRows,
  })
  const overall = classifierScope(core, null, scopeContext(null, false))
  const truth: Record<string, number> = { ...overall.metrics, ...computeCustomMetrics(customContext(null), null, overall.metrics).metrics }
  const countOptions = { average: core.average, ...(core.posIndex !== undefined ? { posIndex: core.posIndex } : {}) }
  const countMetrics = classificationMetricsFromCounts(confusionCounts(core.targetIndex, core.predictedIndex, core.labels.length), core.labels.length, countOptions).metrics
  const countNames = Object.keys(countMetrics).filter((name) => !COUNT_METRICS.has(name) && truth[name] !== undefined)
  const percentileNames = options.comparePercentile === true ? countNames : []
  for (const name of percentileNames) truth[`${name}${PERCENTILE_SUFFIX}`] = truth[name]
  const otherResamples = options.compareResamples
  if (otherResamples !== undefined) for (const name of countNames) truth[`${name}${resamplesSuffix(otherResamples)}`] = truth[name]
  return {
    name,
    description,
    truth,
    size: core.targetIndex.length,
    intervalsOf: (rows, config) => {
      const scope = classifierScope(core, rows, scopeContext(config, false))
      const custom = computeCustomMetrics(customContext(config), rows, scope.metrics)
      const percentile = percentileNames.length === 0 ? {} : countPercentileIntervals(core, rows, percentileNames, config)
      const other = otherResamples === undefined ? {} : countBcaIntervalsWith(core, rows, countNames, { ...config, resamples: otherResamples })
      return { ...scope.intervals, ...custom.intervals, ...percentile, ...other }
    },
  }
}

/** Suffix of the rows that measure the count metrics' percentile interval (the method before BCa) beside BCa. */
export const PERCENTILE_SUFFIX = ' (pct)'

/**
 * The count metrics' `multinomial-bootstrap` percentile intervals, from the same seeded
 * multinomial resamples the BCa intervals use (so the two are compared on the same draws).
 */
function countPercentileIntervals(core: ClassifierCore, rows: Int32Array, names: readonly string[], config: IntervalConfig): Record<string, MetricInterval> {
  const k = core.labels.length
  const yTrue = Int32Array.from(rows, (r) => core.targetIndex[r])
  const yPred = Int32Array.from(rows, (r) => core.predictedIndex[r])
  const options = { average: core.average, ...(core.posIndex !== undefined ? { posIndex: core.posIndex } : {}) }
  const samples = bootstrapCounts(confusionCounts(yTrue, yPred, k), (c) => classificationMetricsFromCounts(c, k, options).metrics, { resamples: config.resamples, seed: config.seed })
  const out: Record<string, MetricInterval> = {}
  for (const name of names) {
    const s = samples[name]
    if (s === undefined) continue
    const bounds = percentileInterval(s, config.level)
    if (Number.isFinite(bounds.lower) && Number.isFinite(bounds.upper)) out[`${name}${PERCENTILE_SUFFIX}`] = { ...bounds, level: config.level, method: 'multinomial-bootstrap' }
  }
  return out
}

/** Suffix of the rows that measure the count metrics' BCa intervals from `resamples` resamples beside the default's. */
export function resamplesSuffix(resamples: number): string {
  return ` (B=${resamples})`
}

/** The count metrics' BCa intervals as the classifier's scope computes them, with `config.resamples` resamples, as rows named with {@link resamplesSuffix}. */
function countBcaIntervalsWith(core: ClassifierCore, rows: Int32Array, names: readonly string[], config: IntervalConfig): Record<string, MetricInterval> {
  const intervals = classifierScope({ ...core, probabilities: undefined }, rows, scopeContext(config, false)).intervals
  const out: Record<string, MetricInterval> = {}
  for (const name of names) {
    const interval = intervals[name]
    if (interval !== undefined) out[`${name}${resamplesSuffix(config.resamples)}`] = interval
  }
  return out
}

/** Error laws of the regressor populations. */
export const ERROR_LAWS = {
  normal: { description: 'N(0, 1)', draw: (r: RandomSource) => r.normal() },
  t3: { description: "Student's t(3) (heavy-tailed; infinite fourth moment)", draw: (r: RandomSource) => r.normal() / Math.sqrt(chiSquare(r, 3) / 3) },
  t5: { description: "Student's t(5)", draw: (r: RandomSource) => r.normal() / Math.sqrt(chiSquare(r, 5) / 5) },
  lognormal: { description: 'log-normal exp(0.75 Z) - E[exp(0.75 Z)] (right-skewed)', draw: (r: RandomSource) => Math.exp(0.75 * r.normal()) - Math.exp(0.75 ** 2 / 2) },
  rounded: { description: 'round(1.2 Z) (discrete: the largest squared errors tie)', draw: (r: RandomSource) => Math.round(1.2 * r.normal()) },
  'rounded-t3': { description: "round(t(3)) (discrete and heavy-tailed)", draw: (r: RandomSource) => Math.round(r.normal() / Math.sqrt(chiSquare(r, 3) / 3)) },
  sparse: { description: '0 with probability 0.98, else N(0, 9) (mostly exact predictions)', draw: (r: RandomSource) => (r.uniform() < 0.98 ? 0 : 3 * r.normal()) },
} as const

function chiSquare(random: RandomSource, k: number): number {
  let total = 0
  for (let i = 0; i < k; i++) {
    const z = random.normal()
    total += z * z
  }
  return total
}

/**
 * Regressor: x ~ N(0, 1), target 10 + 2x + e, prediction 10 + 2x, errors e from `law`
 * (targets away from 0, so MAPE is finite and moderate).
 */
export function regressorPopulation(law: keyof typeof ERROR_LAWS, seed = 3): Population {
  const core = regressorColumns(law, seed)
  const truth = regressorScope(core, null, scopeContext(null, false)).metrics
  // The sum depends on n; its interval is the mean's scaled by n, so the mean stands for it.
  delete truth.sum_on_target
  delete truth.example_count
  return {
    name: `regressor-${law}`,
    description: `regressor, target 10 + 2x + e, prediction 10 + 2x, e ${ERROR_LAWS[law].description}`,
    truth,
    size: core.targetValues.length,
    intervalsOf: (rows, config) => regressorScope(core, rows, scopeContext(config, false)).intervals,
  }
}

/** The rows of a regressor population (see {@link regressorPopulation}): targets and predictions. */
export function regressorColumns(law: keyof typeof ERROR_LAWS, seed = 3): { targetValues: Float64Array; predictedValues: Float64Array } {
  const random = createRandom(seed)
  const n = POPULATION_ROWS
  const targetValues = new Float64Array(n)
  const predictedValues = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const x = random.normal()
    predictedValues[i] = 10 + 2 * x
    targetValues[i] = predictedValues[i] + ERROR_LAWS[law].draw(random)
  }
  return { targetValues, predictedValues }
}


/** Runs `trials` trials of n rows; coverage per metric with a true value. */
export function simulateCoverage(
  population: Population,
  n: number,
  trials: number,
  options: { seed?: number; seedOffset?: number; rowResamples?: number; resamples?: number } = {},
): MetricCoverage[] {
  // A seed offset k draws other rows (row seed 20,261,202 + k) and other resamples (interval seed k + trial).
  const offset = options.seedOffset ?? 0
  const random = createRandom(options.seed ?? 20_261_202 + offset)
  const stats = new Map<string, MetricCoverage & { widthSum: number }>()
  for (const [metric, truth] of Object.entries(population.truth)) {
    stats.set(metric, { metric, method: '', truth, trials: 0, covered: 0, below: 0, above: 0, missing: 0, meanWidth: 0, widthSum: 0 })
  }
  const rows = new Int32Array(n)
  for (let t = 0; t < trials; t++) {
    for (let i = 0; i < n; i++) rows[i] = Math.floor(random.uniform() * population.size)
    const config: IntervalConfig = {
      level: EVALUATE_DEFAULTS.level,
      seed: offset + t,
      resamples: options.resamples ?? EVALUATE_DEFAULTS.resamples,
      rowResamples: options.rowResamples ?? EVALUATE_DEFAULTS.rowResamples,
    }
    const intervals = population.intervalsOf(rows, config)
    for (const s of stats.values()) {
      const interval = intervals[s.metric]
      if (interval === undefined) {
        s.missing++
        continue
      }
      s.method = interval.method
      s.trials++
      s.widthSum += interval.upper - interval.lower
      if (interval.upper < s.truth) s.below++
      else if (interval.lower > s.truth) s.above++
      else s.covered++
    }
  }
  return [...stats.values()].map(({ widthSum, ...s }) => ({ ...s, meanWidth: s.trials > 0 ? widthSum / s.trials : Number.NaN }))
}

/** Standard error of a coverage share. */
export function coverageStandardError(c: MetricCoverage): number {
  const share = c.covered / c.trials
  return Math.sqrt((share * (1 - share)) / c.trials)
}
