/**
 * How evaluate() talks to a model. A model is either a plain function from a batch of rows to
 * predictions, or an adapter object (served models over HTTP, see `src/models/`), which
 * receives every row at once and does its own batching, concurrency, retries and caching.
 */

import type { RowLike } from '../data/types.js'

export type Row = Record<string, unknown>
export type { RowLike }

/**
 * A classifier prediction with probabilities; `label` defaults to the most probable. The
 * probabilities are keyed by label, or a list in the order of evaluate()'s `labels` option (a
 * list without `labels` is an error: nothing says which class each number is for).
 */
export interface ProbabilisticPrediction {
  label?: string | number | boolean
  probabilities: Record<string, number> | readonly number[]
}

/**
 * A label, a number (regressor), a label with probabilities, a list (a retriever's document
 * ids, best first), or `null` where a text model gave no output (an LLM client's `content` is
 * `string | null`; `text`, question answering and summarization score it as no answer, the
 * classifier, regressor and retriever reject it naming the row).
 */
export type Prediction = string | number | boolean | ProbabilisticPrediction | ReadonlyArray<string | number> | null

export interface ModelCallContext {
  /** Index of this batch (0-based) and of its first row in the evaluation set. */
  batchIndex: number
  rowOffset: number
}

/** A model function: one batch of rows in, one prediction per row out, sync or async. */
export type ModelFunction<R extends RowLike = Row> = (
  rows: R[],
  context: ModelCallContext,
) => Prediction[] | Promise<Prediction[]>

/** Marks a row whose prediction failed and was skipped under `onError: 'skip'`. */
export class RowFailure {
  readonly evalgateRowFailure = true
  constructor(
    /** Index of the row in the evaluation set. */
    readonly row: number,
    /** What went wrong, already free of credentials. */
    readonly message: string,
  ) {}
}

export interface AdapterProgress {
  /** Rows finished so far (predicted, cached or failed) and failures so far. */
  (done: number, failed: number): void
}

export interface AdapterStats {
  cacheHits: number
  cacheMisses: number
  requests: number
  retries: number
  failedRows: number
}

/** What `evaluate()` tells an adapter about the run besides its rows. */
export interface PredictContext {
  /**
   * The run's input columns (`evaluate()`'s `inputColumns`, by default every column except the
   * targets, predictions and score columns): what a tabular adapter sends unless given its own.
   */
  inputColumns?: readonly string[]
  /**
   * What one row's answer is where it is not a label, number, text or probabilities: `'id-list'`
   * for a retriever (the model type's `servedAnswers`), so that a list is read as document ids.
   */
  answers?: 'id-list'
}

/** A served model. evaluate() calls `predict` once with every row. */
export interface ModelAdapter<R extends RowLike = Row> {
  readonly kind: 'evalgate.model-adapter'
  /** Short name for reports, e.g. `mlflow http://127.0.0.1:5000`. */
  readonly name: string
  /** A description safe to print and store: never headers, keys or tokens. */
  describe(): Record<string, unknown>
  /** One entry per row: a prediction, or a RowFailure when the adapter skips failed rows. */
  predict(rows: R[], onProgress: AdapterProgress, context?: PredictContext): Promise<Array<Prediction | RowFailure>>
  /** Counters of the last `predict` call. */
  stats(): AdapterStats
}

export function isModelAdapter(value: unknown): value is ModelAdapter {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'evalgate.model-adapter'
}

export function isRowFailure(value: unknown): value is RowFailure {
  return typeof value === 'object' && value !== null && (value as { evalgateRowFailure?: unknown }).evalgateRowFailure === true
}
