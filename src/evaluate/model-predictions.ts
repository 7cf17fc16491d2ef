/**
 * Step 3 of `evaluate()`: the model's predictions, or none when the run reads stored
 * predictions. A served model's failed rows are dropped from the evaluation set (the rows kept
 * keep their 1-based row numbers in the user's data for messages and artifacts).
 */
import type { Dataset } from '../data/index.js'
import { ModelError } from '../errors.js'
import { isModelAdapter, type Prediction } from '../models/types.js'
import type { ModelInfo } from '../run/types.js'
import type { CheckedOptions } from './check-options.js'
import type { EvaluateOptions } from './options.js'
import { runModel } from './run-model.js'
import { subsetDataset } from './subset-dataset.js'

/** The rows evaluated and what the model said about them. */
export interface ModelPredictions {
  /** The evaluation set without the rows the model failed on. */
  dataset: Dataset
  /** One per `dataset` row; undefined for stored predictions. */
  predictions: Prediction[] | undefined
  /** Rows the model failed on. */
  failures: number
  model: ModelInfo
  /** 1-based row number in the user's data of a `dataset` row. */
  rowNumber(row: number): number
  /** A served model's requests and retries (`ModelOutput.requests`). */
  requests?: { sent: number; retried: number }
}

/** Runs `options.model` over `fullDataset`, or describes the stored predictions. */
export async function modelPredictions(options: EvaluateOptions, checked: CheckedOptions, fullDataset: Dataset, inputColumns: readonly string[]): Promise<ModelPredictions> {
  if (options.model === undefined) {
    const name = checked.derivedPredictionsName ?? options.predictions
    return { dataset: fullDataset, predictions: undefined, failures: 0, model: { kind: 'predictions', name }, rowNumber: (row) => row + 1 }
  }
  const output = await runModel(options.model as Parameters<typeof runModel>[0], fullDataset, {
    batchSize: checked.batchSize,
    label: progressLabel(options),
    inputColumns,
    ...(checked.type.servedAnswers !== undefined ? { answers: checked.type.servedAnswers } : {}),
  })
  const kept = output.kept
  const requests = output.requests !== undefined ? { requests: output.requests } : {}
  if (kept === null) {
    return { dataset: fullDataset, predictions: output.predictions, failures: 0, model: output.model, rowNumber: (row) => row + 1, ...requests }
  }
  if (kept.length === 0) {
    throw new ModelError(
      'ALL_ROWS_FAILED',
      `the model failed on all ${fullDataset.rowCount} rows (first: row ${output.failures[0].row + 1}: ${output.failures[0].message}); nothing left to evaluate — check the model's endpoint and inputs`,
    )
  }
  return {
    dataset: subsetDataset(fullDataset, kept),
    predictions: output.predictions,
    failures: output.failures.length,
    model: output.model,
    rowNumber: (row) => kept[row] + 1,
    ...requests,
  }
}

/**
 * What progress lines are labelled with: a served model's name (its endpoint, as the docs show:
 * `[evalgate] mlflow http://127.0.0.1:5000/invocations: 12,800/50,000 rows ...`), after the run's
 * name when it has one; a model function's run name, or `evaluate`.
 *
 * @example
 * progressLabel({ name: 'nightly', model: mlflowModel('http://127.0.0.1:5000') }) // 'nightly (mlflow http://127.0.0.1:5000/invocations)'
 */
export function progressLabel(options: Pick<EvaluateOptions, 'name' | 'model'>): string {
  if (isModelAdapter(options.model)) return options.name !== undefined ? `${options.name} (${options.model.name})` : options.model.name
  return options.name ?? 'evaluate'
}
