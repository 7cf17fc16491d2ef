/**
 * Builds the baseline entry of a run: the tracked metrics with their intervals, every slice's,
 * the example count, the dataset fingerprint, (classifiers) the per-example correctness, and the
 * per-example outputs the paired comparison (`src/compare`) needs: predicted labels (up to
 * 200,000 examples), probabilities (float64 up to 50,000 examples and 250,000 values, float32
 * above, up to 200,000 and 500,000) or regressor predictions (float64, up to 250,000 examples)
 * or the text types' per-row scores (float64, up to 20,000 examples), and with them a key per row (up to
 * 50,000 examples) so the rows kept in changed data are still paired (`row-matching.ts`).
 */
import type { EvalRun, MetricInterval, ModelType } from '../run/types.js'
import { outputsOf } from '../evaluate/run-table-engine.js'
import { metricComparison } from '../metrics/index.js'
import { runTableOf } from '../run/run-table.js'
import { describesOutputsOnly } from '../run/described-metrics.js'
import { encodeCorrectness } from './correctness-bitset.js'
import { encodeBaselineProbabilities, encodeClassPredictions, encodeValuePredictions, rowScoresStorageLimit, scoreColumnsStored, storableOutputTexts, tracksCustomMetric } from './stored-predictions.js'
import { encodedRunRowKeys, rowKeyColumnsOf } from './row-matching.js'
import type { BaselineEntry, BaselineOptions, StoredMetric, StoredPredictions, StoredSlice } from './types.js'

/**
 * Metrics tracked by default, per model type, when the run has them. The text,
 * question-answering, summarization and retriever types track every mean of a per-row score
 * that has a direction (`rowScoreHeadline`).
 */
export const HEADLINE_METRICS: Readonly<Partial<Record<ModelType, readonly string[]>>> = {
  classifier: ['accuracy_score', 'f1_score', 'precision_score', 'recall_score', 'roc_auc', 'precision_recall_auc', 'log_loss'],
  regressor: ['mean_absolute_error', 'root_mean_squared_error', 'r2_score'],
}

/** The metric names a baseline tracks for this run: the chosen ones, or headline + custom metrics (+ `error_rate` where the run has it: a served model). */
export function trackedMetricNames(run: EvalRun, options: Pick<BaselineOptions, 'metrics'>): string[] {
  if (options.metrics) return [...options.metrics]
  const names = (HEADLINE_METRICS[run.modelType] ?? rowScoreHeadline(run)).filter((name) => name in run.metrics)
  for (const name of run.customMetrics) if (!names.includes(name)) names.push(name)
  // A served model's failed rows are left out of every other metric: without error_rate, a
  // deployment failing a third of its requests passed on the rows it answered (adversarial pass 28).
  if ('error_rate' in run.metrics && !names.includes('error_rate')) names.push('error_rate')
  return names
}

/**
 * The means of per-row scores with a direction (`rouge1/v1/mean`, `exact_match/v1`,
 * `ndcg_at_3/mean`, `toxicity/v1/mean`; never `token_count`). Where the run has reference-based
 * scores (question answering, summarization, retriever), the grade levels of the outputs are not
 * tracked by default: a better model whose answers are longer words failed on them. The `text`
 * type, which has no references, tracks them.
 */
function rowScoreHeadline(run: EvalRun): string[] {
  const means = Object.keys(run.metrics).filter((name) => metricComparison(name).kind === 'mean-of-scores' && run.greaterIsBetter[name] !== undefined)
  return means.filter((name) => !describesOutputsOnly(run, name))
}

function storedMetric(value: number, greaterIsBetter: boolean | null, interval: MetricInterval | undefined): StoredMetric {
  const stored: StoredMetric = { value, greaterIsBetter }
  if (interval && Number.isFinite(interval.lower) && Number.isFinite(interval.upper)) {
    stored.lower = interval.lower
    stored.upper = interval.upper
    stored.level = interval.level
    stored.method = interval.method
  }
  return stored
}

/**
 * The baseline entry for `run`.
 * @example createBaselineEntry(run, {}).metrics.accuracy_score.value // 0.85
 */
export function createBaselineEntry(run: EvalRun, options: BaselineOptions = {}): BaselineEntry {
  const names = trackedMetricNames(run, options)
  // A metric without a direction (token_count) stores null: its changes are tested two-sided.
  const direction = (name: string): boolean | null => options.perMetric?.[name]?.greaterIsBetter ?? run.greaterIsBetter[name] ?? null
  const metrics: Record<string, StoredMetric> = {}
  for (const name of names) {
    const value = run.metrics[name]
    if (typeof value === 'number' && Number.isFinite(value)) metrics[name] = storedMetric(value, direction(name), run.intervals[name])
  }
  const metricOptions = run.metricOptions === undefined ? undefined : { ...run.metricOptions }
  const slices: Record<string, StoredSlice> = {}
  if (options.slices !== false) {
    for (const [key, slice] of Object.entries(run.slices)) {
      const sliceMetrics: Record<string, StoredMetric> = {}
      for (const name of names) {
        const value = slice.metrics[name]
        if (typeof value === 'number' && Number.isFinite(value)) sliceMetrics[name] = storedMetric(value, direction(name), slice.intervals[name])
      }
      slices[key] = { exampleCount: slice.exampleCount, metrics: sliceMetrics }
    }
  }
  const entry: BaselineEntry = {
    modelType: run.modelType,
    ...(run.posLabel !== undefined ? { posLabel: run.posLabel } : {}),
    ...(run.average !== undefined ? { average: run.average } : {}),
    ...(metricOptions !== undefined ? { metricOptions } : {}),
    exampleCount: run.exampleCount,
    dataset: {
      fingerprint: run.dataset.fingerprint,
      rowCount: run.dataset.rowCount,
      ...(run.dataset.columnFingerprints !== undefined ? { columnFingerprints: run.dataset.columnFingerprints } : {}),
      ...(run.dataset.targetColumn !== undefined ? { targetColumn: run.dataset.targetColumn } : {}),
    },
    metrics,
    slices,
  }
  const table = runTableOf(run)
  const outputs = table !== undefined ? outputsOf(table) : {}
  const targetIndex = table?.encoded.columns.targetIndex
  const predictedIndex = outputs.predictedIndex instanceof Int32Array ? outputs.predictedIndex : undefined
  const probabilities = outputs.probabilities instanceof Float64Array ? outputs.probabilities : undefined
  const predictedValues = outputs.predictedValues instanceof Float64Array ? outputs.predictedValues : undefined
  if (run.modelType === 'classifier' && targetIndex instanceof Int32Array && predictedIndex) entry.correct = encodeCorrectness(correctness(targetIndex, predictedIndex))
  const predictions =
    run.modelType === 'classifier'
      ? predictedIndex && run.labels
        ? encodeClassPredictions(predictedIndex, run.labels)
        : undefined
      : predictedValues
        ? encodeValuePredictions(predictedValues)
        : undefined
  if (predictions) entry.predictions = predictions
  // A custom metric of a text type reads the outputs and every score column: stored with them (below the caps), it is recomputed on the baseline's rows.
  const texts = tracksCustomMetric(run, names) && isTextColumn(outputs.outputs) ? storableOutputTexts(outputs.outputs, scoreColumnsStored(run, names, true).length) : undefined
  const scoreColumns = scoreColumnsStored(run, names, texts !== undefined)
  const rowScores = encodedScores(scoreColumns, outputs)
  if (rowScores) entry.rowScores = rowScores
  if (texts && rowScores) entry.outputTexts = texts
  if (run.modelType === 'classifier' && probabilities && run.labels && run.labels.length > 0) {
    const encoded = encodeBaselineProbabilities(probabilities, run.labels.length)
    if (encoded) entry.probabilities = encoded
  }
  // With per-example outputs, a key per row: the rows kept when the data changes are still paired.
  const perExample = entry.correct ?? entry.predictions ?? entry.rowScores
  // Of the targets and the columns the options name (an id), else of the targets and every input column.
  const rowKeys = perExample !== undefined ? encodedRunRowKeys(run, rowKeyColumnsOf(run, options.rowKeyColumns)) : undefined
  if (rowKeys) entry.rowKeys = options.rowKeyColumns ? { ...rowKeys, named: true } : rowKeys
  return entry
}

/** The per-row score columns named (`rouge1/v1/score`), encoded; undefined when none or above {@link rowScoresStorageLimit}'s cap. */
function encodedScores(columns: readonly string[], outputs: Readonly<Record<string, unknown>>): Record<string, StoredPredictions> | undefined {
  const out: Record<string, StoredPredictions> = {}
  for (const column of columns) {
    const scores = outputs[column]
    const encoded = scores instanceof Float64Array && rowScoresStorageLimit(scores.length, columns.length) === undefined ? encodeValuePredictions(scores) : undefined
    if (encoded) out[column] = encoded
  }
  return Object.keys(out).length > 0 ? out : undefined
}

function isTextColumn(values: unknown): values is readonly string[] {
  return Array.isArray(values) && values.every((value) => typeof value === 'string')
}

/** 1 where the predicted label is the target. */
function correctness(targetIndex: Int32Array, predictedIndex: Int32Array): Uint8Array {
  const out = new Uint8Array(targetIndex.length)
  for (let i = 0; i < out.length; i++) out[i] = targetIndex[i] === predictedIndex[i] ? 1 : 0
  return out
}
