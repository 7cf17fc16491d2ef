import type { EvalRun } from './types.js'

/**
 * What a run keeps in memory only: the evaluation table and the per-example outcomes that a
 * paired comparison (McNemar, paired bootstrap) or an on-demand slice needs. Attached to the
 * run object through a WeakMap so the run itself stays plain JSON.
 */
export interface RunInternals {
  /** Every column of the evaluation set, by name (inputs, targets, predictions). */
  columns: Map<string, ArrayLike<unknown>>
  /** Classifiers: label index of each target / prediction (into `run.labels`). */
  targetIndex?: Int32Array
  predictedIndex?: Int32Array
  /** Classifiers: row-major `rows x labels` probabilities, when available. */
  probabilities?: Float64Array
  /** Regressors: numeric targets and predictions. */
  targetValues?: Float64Array
  predictedValues?: Float64Array
  /** Classifiers: 1 when the prediction was right. */
  correct?: Uint8Array
  /** Regressors: `predicted - actual` per example. */
  errors?: Float64Array
  /**
   * Built-in and custom metrics of the rows `rows` (null: every row; a row may repeat, as in a
   * resample) had the model made `predictions` instead (null: the run's own). What a paired
   * comparison recomputes for another model's stored predictions on the same data. `part`:
   * only the built-in metrics, only the custom ones (their functions then read the built-ins
   * lazily, computed on first access), or both (default).
   */
  metricsWith?(predictions: SubstitutePredictions | null, rows: Int32Array | null, part?: 'builtin' | 'custom' | 'all'): Record<string, number>
  /** Computes the slices of another column (or cross of columns) on demand. */
  computeSlices(spec: string | string[]): Record<string, import('./types.js').SliceResult>
}

/** Another model's per-example outputs on the same rows (what a baseline entry stores). */
export interface SubstitutePredictions {
  /** Classifiers: predicted label index per row. */
  predictedIndex?: Int32Array
  /** Classifiers: row-major `rows x labels` probabilities. */
  probabilities?: Float64Array
  /** Regressors: prediction per row. */
  predictedValues?: Float64Array
}

const internals = new WeakMap<EvalRun, RunInternals>()

export function attachRunInternals(run: EvalRun, value: RunInternals): void {
  internals.set(run, value)
}

/** The in-memory part of a run, or undefined for a run read back from JSON. */
export function getRunInternals(run: EvalRun): RunInternals | undefined {
  return internals.get(run)
}
