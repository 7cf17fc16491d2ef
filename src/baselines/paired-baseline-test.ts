/**
 * The paired bootstrap of a baseline verdict: when the evaluation data are unchanged, the
 * baseline model's stored per-example predictions and the current run's are scored on the same
 * examples, each resample reweighting both with the same Poisson(1) weights
 * (`pairedBootstrapTest`), so the difficulty the two models share cancels and a drop far
 * smaller than the width of either interval can be significant. Classifier metrics come from
 * weighted confusion counts (`classificationMetricsFromCounts`: accuracy, precision, recall,
 * F1, balanced accuracy, MCC, binary counts), regressor metrics from the weighted regression
 * state (`regressionMetrics`: MAE, MSE, RMSE, R², max error, MAPE). Metrics needing
 * probabilities (log_loss, roc_auc, brier_score_loss, precision_recall_auc) and custom metrics
 * cannot be recomputed from the stored predictions and are left to the unpaired test.
 */
import {
  classificationMetricsFromCounts,
  confusionCounts,
  confusionCountsWeighted,
  regressionMetrics,
  regressionState,
  regressionStateWeighted,
  type ClassificationOptions,
} from '../metrics/index.js'
import { getRunInternals } from '../run/internals.js'
import type { EvalRun } from '../run/types.js'
import { pairedBootstrapTest } from '../stats/index.js'
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
      const limit = predictionsStorageLimit(entry.exampleCount, run.labels?.length)
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
    const n = scope.target.length
    let valueOf: (predicted: 'baseline' | 'current', weights: Float64Array | null) => number
    if (scope.kind === 'classifier') {
      const { k, options, target } = scope
      valueOf = (which, weights) => {
        const predicted = scope[which]
        const counts = weights ? confusionCountsWeighted(target, predicted, k, weights) : confusionCounts(target, predicted, k)
        return classificationMetricsFromCounts(counts, k, options).metrics[metric]
      }
    } else {
      const { target } = scope
      valueOf = (which, weights) => {
        const predicted = scope[which]
        return regressionMetrics(weights ? regressionStateWeighted(target, predicted, weights) : regressionState(target, predicted))[metric]
      }
    }
    const baselineValue = valueOf('baseline', null)
    if (typeof baselineValue !== 'number' || metric === 'example_count') return undefined
    const currentValue = valueOf('current', null)
    if (!reproduces(baselineValue, stored) || !reproduces(currentValue, current)) {
      return { mismatch: `the per-example predictions give ${baselineValue.toPrecision(6)} -> ${currentValue.toPrecision(6)}, not the values compared` }
    }
    const statistic = (weights: Float64Array | null): [number, number] => [valueOf('baseline', weights), valueOf('current', weights)]
    return {
      test: {
        // "the baseline is not better than the current run": small when the drop is real
        pValue: (resamples) => pairedBootstrapTest(n, statistic, { resamples, seed: this.seed, greaterIsBetter }).pValue,
      },
    }
  }
}
