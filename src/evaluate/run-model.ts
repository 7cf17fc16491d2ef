/**
 * Runs the model over the evaluation set: a model function batch by batch, or a served-model
 * adapter once with every row. Rows an adapter skipped (`RowFailure`) are dropped from the
 * evaluation and counted.
 */
import type { Dataset, Row } from '../data/index.js'
import { ModelError, PredictionError } from '../errors.js'
import { createProgress } from '../models/progress.js'
import { isTypedArray } from '../models/typed-array.js'
import { isModelAdapter, isRowFailure } from '../models/types.js'
import type { ModelAdapter, ModelFunction, Prediction, RowFailure } from '../models/types.js'
import type { ModelInfo } from '../run/types.js'
import { isThenable } from '../run/thenable.js'

export interface ModelOutput {
  /** Predictions of the rows that did not fail, in row order. */
  predictions: Prediction[]
  /** Rows (0-based) the predictions belong to; null when every row has one. */
  kept: Int32Array | null
  failures: RowFailure[]
  model: ModelInfo
  /** A served model's requests, and how many of them were attempts again after a failed one (`retries`). */
  requests?: { sent: number; retried: number }
}

/** Calls the model and checks it returned one prediction per row. */
export async function runModel(
  model: ModelFunction | ModelAdapter,
  dataset: Dataset,
  options: { batchSize: number; label: string; inputColumns: readonly string[]; answers?: 'id-list' },
): Promise<ModelOutput> {
  const total = dataset.rowCount
  const progress = createProgress({ total, label: options.label })
  let raw: Array<Prediction | RowFailure>
  let requests: ModelOutput['requests']
  let info: ModelInfo
  try {
    if (isModelAdapter(model)) {
      const rows = dataset.rows()
      // The run's input columns: a tabular adapter sends them unless given its own, so a served
      // model never receives the targets (as a model function's fingerprint leaves them out).
      raw = await model.predict(rows, (done, failed) => progress.update(done, failed), { inputColumns: options.inputColumns, ...(options.answers !== undefined ? { answers: options.answers } : {}) })
      if (!Array.isArray(raw) || raw.length !== total) {
        throw new PredictionError(
          'PREDICTION_COUNT',
          `model "${model.name}" returned ${Array.isArray(raw) ? raw.length : 'no array of'} predictions for ${total} rows; an adapter must return one prediction (or RowFailure) per row`,
        )
      }
      const stats = model.stats()
      info = { kind: 'adapter', name: model.name, description: model.describe(), cache: { hits: stats.cacheHits, misses: stats.cacheMisses } }
      requests = { sent: stats.requests, retried: stats.retries }
    } else if (typeof model === 'function') {
      raw = await runModelFunction(model, dataset, options.batchSize, progress)
      // `model: (rows) => ...` gets the name "model" from its property key: not a name worth showing.
      const name = model.name !== '' && model.name !== 'model' ? model.name : undefined
      info = { kind: 'function', ...(name !== undefined ? { name } : {}) }
    } else {
      throw new ModelError(
        'INVALID_MODEL',
        'evaluate: `model` must be a function (rows) => predictions or a served-model adapter (e.g. from evalgate/models)',
      )
    }
  } finally {
    progress.finish()
  }

  const failures: RowFailure[] = []
  for (const entry of raw) if (isRowFailure(entry)) failures.push(entry)
  const sent = requests !== undefined ? { requests } : {}
  if (failures.length === 0) return { predictions: raw as Prediction[], kept: null, failures, model: info, ...sent }
  const kept = new Int32Array(total - failures.length)
  const predictions: Prediction[] = new Array(kept.length)
  let j = 0
  for (let i = 0; i < total; i++) {
    const entry = raw[i]
    if (isRowFailure(entry)) continue
    kept[j] = i
    predictions[j] = entry
    j++
  }
  return { predictions, kept, failures, model: { ...info, errorCount: failures.length }, ...sent }
}

async function runModelFunction(
  model: ModelFunction,
  dataset: Dataset,
  batchSize: number,
  progress: { update(done: number, failed: number): void },
): Promise<Array<Prediction | RowFailure>> {
  const total = dataset.rowCount
  const out: Array<Prediction | RowFailure> = new Array(total)
  let failed = 0
  for (let start = 0, batchIndex = 0; start < total; start += batchSize, batchIndex++) {
    const end = Math.min(total, start + batchSize)
    const rows: Row[] = dataset.rows(start, end)
    let result: unknown
    try {
      result = await model(rows, { batchIndex, rowOffset: start })
      // ONNX Runtime / TensorFlow.js outputs: a typed array reads as the list of its numbers.
      if (isTypedArray(result)) result = Array.from(result)
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause)
      throw new ModelError(
        'MODEL_THREW',
        `model function threw on batch ${batchIndex} (rows ${start + 1}-${end}): ${reason}. Fix the model for these rows, or return a RowFailure for rows that may fail`,
        { cause },
      )
    }
    if (!Array.isArray(result) || result.length !== end - start) {
      throw new PredictionError(
        'PREDICTION_COUNT',
        `model function returned ${Array.isArray(result) ? `${result.length} predictions` : describeValue(result)} for batch ${batchIndex} of ${end - start} rows (rows ${start + 1}-${end}); return exactly one prediction per row, in order`,
      )
    }
    for (let i = 0; i < result.length; i++) {
      const entry = readablePrediction(result[i], start + i + 1)
      if (isRowFailure(entry)) failed++
      out[start + i] = entry
    }
    progress.update(end, failed)
  }
  return out
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (value === null) return 'null'
  const type = typeof value
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} (not an array)`
}

/**
 * One row's prediction as evalgate reads it: a typed array (a row of ONNX / tfjs probabilities
 * or ids) becomes a plain list; a BigInt or a Promise, which no model type reads, is an error
 * naming the row and the fix (where it was reported as "not a label ({})" or as JSON's
 * "Do not know how to serialize a BigInt", with no row).
 */
function readablePrediction(entry: unknown, row: number): Prediction | RowFailure {
  if (typeof entry === 'bigint') {
    throw new PredictionError(
      'INVALID_PREDICTION',
      `model function returned a BigInt for row ${row} (${entry}n); evalgate reads numbers: convert with Number() (e.g. Array.from(output, Number) for a BigInt64Array)${entry > BigInt(Number.MAX_SAFE_INTEGER) || entry < -BigInt(Number.MAX_SAFE_INTEGER) ? `, or, as ${entry} is beyond 2^53 where Number() loses digits (an id), with String(), as class labels keep their digits` : ''}`,
    )
  }
  if (isThenable(entry)) {
    throw new PredictionError(
      'INVALID_PREDICTION',
      `model function returned a Promise for row ${row}, not a prediction; await them: return Promise.all(rows.map(async (row) => ...)), or make the model function async and await each prediction`,
    )
  }
  if (isTypedArray(entry)) return Array.from(entry) as Prediction
  if (typeof entry === 'object' && entry !== null && isTypedArray((entry as { probabilities?: unknown }).probabilities)) {
    return { ...(entry as object), probabilities: Array.from((entry as { probabilities: ArrayLike<number> }).probabilities) } as Prediction
  }
  return entry as Prediction | RowFailure
}

