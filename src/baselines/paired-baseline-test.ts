/**
 * The paired bootstrap of a baseline verdict: when the evaluation data are unchanged, the
 * baseline model's stored per-example predictions and the current run's are scored on the same
 * resampled examples, so the difficulty the two models share cancels and a drop far smaller
 * than the width of either interval can be significant. The p-value is that of
 * `pairedBootstrapTest`: (1 + #resamples where the baseline is not better) / (1 + #defined).
 *
 * - Classifiers: every metric is a function of the confusion counts, so an example matters only
 *   through its cell (target, baseline prediction, current prediction). Resampling examples is
 *   then exactly a multinomial resample of the joint table of those cells (`bootstrapCounts`,
 *   the engine's `multinomial-bootstrap`), which costs O(resamples x occupied cells) instead of
 *   O(resamples x examples): a 200,000-example entry is tested in milliseconds, where a
 *   Poisson-weight bootstrap over examples took about 6 s per metric and slice. One bootstrap
 *   per scope (overall, each slice) serves all its metrics (`classificationMetricsFromCounts`:
 *   accuracy, precision, recall, F1, balanced accuracy, MCC, binary counts).
 * - Regressors: the Poisson(1)-weight bootstrap over examples of `pairedBootstrapTest` (same
 *   seed, same weights, hence the same p), with the weighted regression state of both models
 *   (`regressionMetrics`: MAE, MSE, RMSE, R², max error, MAPE); the weights are drawn once per
 *   scope for all its metrics and a resample is one pass of multiply-adds. Cost O(resamples x
 *   examples) per scope, hence the lower size cap for stored regressor predictions.
 *
 * Metrics needing probabilities (log_loss, roc_auc, brier_score_loss, precision_recall_auc) and
 * custom metrics cannot be recomputed from the stored predictions and are left to the unpaired
 * test.
 */
import {
  FLOAT64_EPS,
  classificationMetricsFromCounts,
  confusionCounts,
  regressionMetrics,
  regressionState,
  type ClassificationOptions,
} from '../metrics/index.js'
import { getRunInternals } from '../run/internals.js'
import type { EvalRun } from '../run/types.js'
import { bootstrapCounts, createRandom, poissonWeights } from '../stats/index.js'
import { decodeClassPredictions, decodeValuePredictions, predictionsStorageLimit } from './stored-predictions.js'
import type { BaselineEntry } from './types.js'

/** Resamples of the paired bootstrap when the significance level does not ask for more. */
export const PAIRED_RESAMPLES = 1000

/** Upper bound on resamples, whatever the number of metrics and alpha. */
const MAX_PAIRED_RESAMPLES = 20_000

/**
 * Resamples so that the smallest p-value the bootstrap can give, 1 / (R + 1), is below half the
 * strictest level a test faces (`alpha / tests` under Holm): with 1000 resamples and 60 metrics
 * a paired bootstrap could otherwise never reject.
 * @example pairedResamples(0.05, 35) // 1400
 */
export function pairedResamples(alpha: number, tests: number): number {
  return Math.min(MAX_PAIRED_RESAMPLES, Math.max(PAIRED_RESAMPLES, Math.ceil((2 * Math.max(1, tests)) / alpha)))
}

/** The same examples scored by the baseline model (stored) and the current one. */
type PairedColumns =
  | { kind: 'classifier'; k: number; options: ClassificationOptions; target: Int32Array; baseline: Int32Array; current: Int32Array }
  | { kind: 'regressor'; target: Float64Array; baseline: Float64Array; current: Float64Array }

/** One metric's paired test, ready to run with a number of resamples. */
export interface PairedMetricTest {
  /** One-sided p-value that the current run is not worse than the baseline. */
  pValue(resamples: number): number
}

function reproduces(recomputed: number, expected: number): boolean {
  return Math.abs(recomputed - expected) <= 1e-9 * Math.max(1, Math.abs(expected))
}

/** The paired data of one baseline entry and one run, when a paired bootstrap is possible. */
export class PairedBaseline {
  private readonly scopes = new Map<string, PairedColumns>()
  /** Bootstrap samples of every metric of both models, per scope and number of resamples. */
  private readonly samples = new Map<string, Record<string, Float64Array>>()

  private constructor(
    private readonly columns: PairedColumns,
    private readonly seed: number,
  ) {}

  /**
   * The paired data of `entry` and `run`, or the reason (a sentence fragment) there are none.
   * Call only when the data are unchanged (same fingerprint and row count).
   * @example PairedBaseline.of(entry, run).paired?.test('f1_score', undefined, null, 0.88, 0.85, true)
   */
  static of(entry: BaselineEntry, run: EvalRun): { paired?: PairedBaseline; reason?: string } {
    const internals = getRunInternals(run)
    if (!internals) return { reason: 'the run was read back from JSON, so its per-example predictions are not in memory' }
    const stored = entry.predictions
    if (!stored) {
      const limit = predictionsStorageLimit(entry.exampleCount, run.modelType === 'classifier' ? (run.labels?.length ?? 0) : undefined)
      return { reason: limit ? `the baseline stores no per-example predictions (${limit})` : 'the baseline entry stores no per-example predictions (written by an earlier evalgate; `vitest -u` adds them)' }
    }
    if (entry.exampleCount !== entry.dataset.rowCount || run.exampleCount !== run.dataset.rowCount) {
      return { reason: 'rows failed in the model (error_count), so the examples of the two runs may not line up' }
    }
    if (stored.length !== run.exampleCount) return { reason: `the baseline stores ${stored.length} predictions for ${run.exampleCount} examples` }
    try {
      if (run.modelType === 'classifier') {
        const labels = run.labels ?? []
        if (JSON.stringify(stored.labels ?? []) !== JSON.stringify(labels)) {
          return { reason: `the label list changed (${(stored.labels ?? []).join(', ')} -> ${labels.join(', ')})` }
        }
        if (!internals.targetIndex || !internals.predictedIndex) return { reason: 'the run keeps no per-example label indices' }
        const options: ClassificationOptions = {
          average: run.average ?? 'weighted',
          details: false,
          ...(run.posLabel !== undefined ? { posIndex: labels.indexOf(run.posLabel) } : {}),
        }
        const columns: PairedColumns = { kind: 'classifier', k: labels.length, options, target: internals.targetIndex, baseline: decodeClassPredictions(stored), current: internals.predictedIndex }
        return { paired: new PairedBaseline(columns, run.intervalSettings.seed) }
      }
      if (!internals.targetValues || !internals.predictedValues) return { reason: 'the run keeps no per-example predictions' }
      const columns: PairedColumns = { kind: 'regressor', target: internals.targetValues, baseline: decodeValuePredictions(stored), current: internals.predictedValues }
      return { paired: new PairedBaseline(columns, run.intervalSettings.seed) }
    } catch (error) {
      return { reason: `the stored predictions cannot be read (${error instanceof Error ? error.message : String(error)})` }
    }
  }

  private scope(sliceKey: string | undefined, rows: Int32Array | null): PairedColumns {
    if (rows === null) return this.columns
    const key = sliceKey ?? ''
    let scoped = this.scopes.get(key)
    if (!scoped) {
      const all = this.columns
      if (all.kind === 'classifier') {
        const pick = (values: Int32Array): Int32Array => Int32Array.from(rows, (row) => values[row])
        scoped = { ...all, target: pick(all.target), baseline: pick(all.baseline), current: pick(all.current) }
      } else {
        const pick = (values: Float64Array): Float64Array => Float64Array.from(rows, (row) => values[row])
        scoped = { ...all, target: pick(all.target), baseline: pick(all.baseline), current: pick(all.current) }
      }
      this.scopes.set(key, scoped)
    }
    return scoped
  }

  /**
   * The paired test of `metric` on the examples `rows` (null: all; `sliceKey` names them for
   * caching), or undefined when the metric cannot be recomputed from predictions. `stored` and
   * `current` are the entry's and the run's values: when the predictions do not reproduce them
   * (the slice's rows or the averaging changed), `mismatch` says so and there is no test.
   */
  test(metric: string, sliceKey: string | undefined, rows: Int32Array | null, stored: number, current: number, greaterIsBetter: boolean): { test?: PairedMetricTest; mismatch?: string } | undefined {
    const scope = this.scope(sliceKey, rows)
    // observed values; the resamples are drawn once per scope (classifierSamples, regressorSamples)
    const valueOf = (which: 'baseline' | 'current'): number =>
      scope.kind === 'classifier'
        ? classificationMetricsFromCounts(confusionCounts(scope.target, scope[which], scope.k), scope.k, scope.options).metrics[metric]
        : regressionMetrics(regressionState(scope.target, scope[which]))[metric]
    const baselineValue = valueOf('baseline')
    if (typeof baselineValue !== 'number' || metric === 'example_count') return undefined
    const currentValue = valueOf('current')
    if (!reproduces(baselineValue, stored) || !reproduces(currentValue, current)) {
      return { mismatch: `the per-example predictions give ${baselineValue.toPrecision(6)} -> ${currentValue.toPrecision(6)}, not the values compared` }
    }
    // the p-value of `pairedBootstrapTest`: "the baseline is not better than the current run"
    const oneSidedP = (baseline: ArrayLike<number>, current: ArrayLike<number>, resamples: number): number => {
      let defined = 0
      let notBetter = 0
      for (let r = 0; r < resamples; r++) {
        const d = baseline[r] - current[r]
        if (Number.isNaN(d)) continue
        defined++
        if (greaterIsBetter ? d <= 0 : d >= 0) notBetter++
      }
      return defined === 0 ? Number.NaN : (1 + notBetter) / (1 + defined)
    }
    return {
      test: {
        pValue: (resamples) => {
          const samples = scope.kind === 'classifier' ? this.classifierSamples(sliceKey, scope, resamples) : this.regressorSamples(sliceKey, scope, resamples)
          return oneSidedP(samples[`baseline ${metric}`], samples[`current ${metric}`], resamples)
        },
      },
    }
  }

  /**
   * Multinomial resamples of the scope's examples through their joint cells (target, baseline
   * prediction, current prediction), with every classification metric of both models per
   * resample (keys `baseline <metric>` and `current <metric>`). Computed once per scope.
   */
  private classifierSamples(sliceKey: string | undefined, scope: Extract<PairedColumns, { kind: 'classifier' }>, resamples: number): Record<string, Float64Array> {
    const cacheKey = `${resamples}\u0000${sliceKey ?? ''}`
    const cached = this.samples.get(cacheKey)
    if (cached) return cached
    const { k, options, target, baseline, current } = scope
    const cellOf = new Map<number, number>()
    const cells: number[] = []
    const counts: number[] = []
    for (let i = 0; i < target.length; i++) {
      const code = (target[i] * k + baseline[i]) * k + current[i]
      let cell = cellOf.get(code)
      if (cell === undefined) {
        cell = cells.length
        cellOf.set(code, cell)
        cells.push(code)
        counts.push(0)
      }
      counts[cell]++
    }
    const baselineCounts = new Float64Array(k * k)
    const currentCounts = new Float64Array(k * k)
    const statistic = (resampled: Float64Array): Record<string, number> => {
      baselineCounts.fill(0)
      currentCounts.fill(0)
      for (let cell = 0; cell < cells.length; cell++) {
        const code = cells[cell]
        const c = code % k
        const rest = (code - c) / k
        const b = rest % k
        const t = (rest - b) / k
        baselineCounts[t * k + b] += resampled[cell]
        currentCounts[t * k + c] += resampled[cell]
      }
      const values: Record<string, number> = {}
      for (const [name, value] of Object.entries(classificationMetricsFromCounts(baselineCounts, k, options).metrics)) values[`baseline ${name}`] = value
      for (const [name, value] of Object.entries(classificationMetricsFromCounts(currentCounts, k, options).metrics)) values[`current ${name}`] = value
      return values
    }
    const samples = bootstrapCounts(Float64Array.from(counts), statistic, { resamples, seed: this.seed })
    this.samples.set(cacheKey, samples)
    return samples
  }

  /**
   * Poisson(1)-weight resamples of the scope's examples (the weights `pairedBootstrapTest` draws
   * for this seed), with every regression metric of both models per resample. Computed once
   * per scope. The per-example terms (absolute, squared and percentage errors, centred targets)
   * are computed once, so a resample is one pass of multiply-adds and both models share the
   * target statistics; the states equal a weighted `regressionState`'s up to rounding (the
   * target M2 comes from shifted sums rather than Welford's update).
   */
  private regressorSamples(sliceKey: string | undefined, scope: Extract<PairedColumns, { kind: 'regressor' }>, resamples: number): Record<string, Float64Array> {
    const cacheKey = `${resamples}\u0000${sliceKey ?? ''}`
    const cached = this.samples.get(cacheKey)
    if (cached) return cached
    const { target, baseline, current } = scope
    const n = target.length
    let shift = 0
    for (let i = 0; i < n; i++) shift += target[i]
    shift = n === 0 ? 0 : shift / n
    const centred = new Float64Array(n)
    const terms = { baseline: errorTerms(target, baseline), current: errorTerms(target, current) }
    for (let i = 0; i < n; i++) centred[i] = target[i] - shift
    const random = createRandom(this.seed)
    const weights = new Float64Array(n)
    const samples: Record<string, Float64Array> = {}
    const record = (prefix: string, metrics: Record<string, number>, r: number): void => {
      for (const [name, value] of Object.entries(metrics)) (samples[`${prefix} ${name}`] ??= new Float64Array(resamples).fill(Number.NaN))[r] = value
    }
    const b = terms.baseline
    const c = terms.current
    for (let r = 0; r < resamples; r++) {
      poissonWeights(n, random, weights)
      let count = 0
      let sum = 0
      let sumSquares = 0
      let baeB = 0, sseB = 0, apeB = 0, maxB = 0
      let baeC = 0, sseC = 0, apeC = 0, maxC = 0
      for (let i = 0; i < n; i++) {
        const w = weights[i]
        if (w === 0) continue
        const y = centred[i]
        count += w
        sum += w * y
        sumSquares += w * y * y
        baeB += w * b.absolute[i]
        sseB += w * b.squared[i]
        apeB += w * b.percentage[i]
        if (b.absolute[i] > maxB) maxB = b.absolute[i]
        baeC += w * c.absolute[i]
        sseC += w * c.squared[i]
        apeC += w * c.percentage[i]
        if (c.absolute[i] > maxC) maxC = c.absolute[i]
      }
      const sumTarget = sum + shift * count
      const shared = { count, sumTarget, meanTarget: count === 0 ? 0 : sumTarget / count, m2Target: count === 0 ? 0 : Math.max(0, sumSquares - (sum * sum) / count) }
      record('baseline', regressionMetrics({ ...shared, sumAbsoluteError: baeB, sumSquaredError: sseB, sumAbsolutePercentageError: apeB, maxAbsoluteError: maxB }), r)
      record('current', regressionMetrics({ ...shared, sumAbsoluteError: baeC, sumSquaredError: sseC, sumAbsolutePercentageError: apeC, maxAbsoluteError: maxC }), r)
    }
    this.samples.set(cacheKey, samples)
    return samples
  }
}

/** Per-example |y - ŷ|, (y - ŷ)² and scikit-learn's MAPE term |y - ŷ| / max(|y|, eps). */
function errorTerms(target: Float64Array, predicted: Float64Array): { absolute: Float64Array; squared: Float64Array; percentage: Float64Array } {
  const n = target.length
  const absolute = new Float64Array(n)
  const squared = new Float64Array(n)
  const percentage = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const e = target[i] - predicted[i]
    const ae = Math.abs(e)
    const ay = Math.abs(target[i])
    absolute[i] = ae
    squared[i] = e * e
    percentage[i] = ae / (ay > FLOAT64_EPS ? ay : FLOAT64_EPS)
  }
  return { absolute, squared, percentage }
}
