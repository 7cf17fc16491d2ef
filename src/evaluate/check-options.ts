/**
 * Checks the options of `evaluate()` before any work, and resolves the defaults. Every problem
 * is a ConfigError that names the option and the fix.
 */
import { ConfigError } from '../errors.js'
import { METRIC_DIRECTIONS } from '../metrics/index.js'
import type { Average } from '../run/types.js'
import { isArtifactDefinition } from './define-artifact.js'
import { isMetricDefinition } from './define-metric.js'
import type { IntervalConfig } from './interval-methods.js'
import { EVALUATE_DEFAULTS } from './options.js'
import type { EvaluateOptions } from './options.js'

export interface CheckedOptions {
  average: Average
  batchSize: number
  minSliceSize: number
  maxArtifactRows: number
  /** null when intervals are off. */
  intervals: IntervalConfig | null
  level: number
  seed: number
  /** Where the predicted labels / values come from. */
  predictionsFrom: PredictionSource
  /** Score at or above which a row is predicted posLabel (predictionsFrom 'scores'). */
  threshold: number
}

/**
 * `model` (called), `predictions` (stored column), or, for classifiers without either, derived
 * from stored `probabilities` (argmax) or `scores` (>= threshold).
 */
export type PredictionSource = 'model' | 'predictions' | 'probabilities' | 'scores'

/** Names evaluate() gives built-in metrics, which custom metrics may not take. */
const RESERVED_METRIC_NAMES = [
  'example_count', 'accuracy_score', 'precision_score', 'recall_score', 'f1_score', 'true_negatives',
  'false_positives', 'false_negatives', 'true_positives', 'balanced_accuracy_score', 'matthews_corrcoef',
  'log_loss', 'roc_auc', 'precision_recall_auc', 'brier_score_loss', 'mean_absolute_error',
  'mean_squared_error', 'root_mean_squared_error', 'sum_on_target', 'mean_on_target', 'r2_score',
  'max_error', 'mean_absolute_percentage_error', 'error_count', 'error_rate',
]

const BUILTIN_ARTIFACTS = ['misclassified', 'largest_errors', 'misclassified.csv', 'largest_errors.csv']

function predictionSource(options: EvaluateOptions, hasModel: boolean, hasPredictions: boolean): PredictionSource {
  if (hasModel) return 'model'
  if (hasPredictions) return 'predictions'
  if (options.modelType === 'classifier' && options.probabilities !== undefined) return 'probabilities'
  if (options.modelType === 'classifier' && options.scores !== undefined) return 'scores'
  throw new ConfigError(
    'MODEL_OR_PREDICTIONS',
    options.modelType === 'classifier'
      ? 'neither `model` nor `predictions` was given, nor stored `probabilities` / `scores` to derive predictions from; pass `model: (rows) => predictions`, `predictions: "<column>"` naming a stored predictions column, `probabilities: ["<col>", ...]` (one per label; predicts the most probable label) or, binary, `scores: "<column>"` (predicts posLabel where score >= threshold, default 0.5)'
      : 'neither `model` nor `predictions` was given; pass `model: (rows) => predictions` or `predictions: "<column>"` naming a stored predictions column',
  )
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

/** Validates `options` and returns the resolved settings. */
export function checkOptions(options: EvaluateOptions): CheckedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError('INVALID_OPTIONS', 'evaluate(options): options must be an object { data, targets, modelType, model | predictions | probabilities | scores, ... }')
  }
  if (options.modelType !== 'classifier' && options.modelType !== 'regressor') {
    throw new ConfigError('INVALID_MODEL_TYPE', `modelType ${JSON.stringify(options.modelType)} is not supported; use 'classifier' or 'regressor'`)
  }
  if (typeof options.targets !== 'string' || options.targets === '') {
    throw new ConfigError('MISSING_TARGETS', 'targets: name the column holding the true labels / values, e.g. targets: "label"')
  }
  const hasModel = options.model !== undefined && options.model !== null
  const hasPredictions = options.predictions !== undefined && options.predictions !== null
  if (hasModel && hasPredictions) {
    throw new ConfigError(
      'MODEL_OR_PREDICTIONS',
      'both `model` and `predictions` were given; pass a model to run it, or `predictions: "<column>"` to use stored predictions, not both',
    )
  }
  if (hasPredictions && typeof options.predictions !== 'string') {
    throw new ConfigError('INVALID_PREDICTIONS', 'predictions: name the column holding stored predictions, e.g. predictions: "predicted_label"')
  }
  if (options.scores !== undefined && options.probabilities !== undefined) {
    throw new ConfigError('SCORES_AND_PROBABILITIES', 'both `scores` and `probabilities` were given; use `scores` (binary: probability of posLabel) or `probabilities` (one column per label), not both')
  }
  if (options.probabilities !== undefined && (!Array.isArray(options.probabilities) || options.probabilities.some((c) => typeof c !== 'string'))) {
    throw new ConfigError('INVALID_PROBABILITIES', 'probabilities: give a list of column names, one per label in label order, e.g. ["p_neg", "p_pos"]')
  }
  if (options.unseenPredictedLabels !== undefined && options.unseenPredictedLabels !== 'warn' && options.unseenPredictedLabels !== 'error') {
    throw new ConfigError(
      'INVALID_UNSEEN_PREDICTED_LABELS',
      `unseenPredictedLabels ${JSON.stringify(options.unseenPredictedLabels)} is not supported; use 'warn' (default: a predicted label no target holds becomes a class, with a warning) or 'error' (evaluate() throws)`,
    )
  }
  if (options.scores !== undefined && typeof options.scores !== 'string') {
    throw new ConfigError('INVALID_SCORES', 'scores: name the column holding the probability of posLabel, e.g. scores: "p_spam"')
  }
  if (options.modelType === 'regressor') {
    for (const key of ['scores', 'probabilities', 'threshold', 'labels', 'posLabel', 'unseenPredictedLabels'] as const) {
      if (options[key] !== undefined) {
        throw new ConfigError('CLASSIFIER_OPTION', `${key} applies to classifiers, but modelType is 'regressor'; remove it or use modelType: 'classifier'`)
      }
    }
  }
  const predictionsFrom = predictionSource(options, hasModel, hasPredictions)
  const threshold = options.threshold ?? EVALUATE_DEFAULTS.threshold
  if (options.threshold !== undefined) {
    if (typeof options.threshold !== 'number' || !(options.threshold >= 0 && options.threshold <= 1)) {
      throw new ConfigError('INVALID_THRESHOLD', `threshold ${JSON.stringify(options.threshold)} must be a number between 0 and 1 (a score at or above it predicts posLabel; default ${EVALUATE_DEFAULTS.threshold})`)
    }
    if (options.scores === undefined) {
      throw new ConfigError('THRESHOLD_WITHOUT_SCORES', 'threshold applies only with `scores` (binary: a score >= threshold predicts posLabel); remove it, or give scores: "<column>" instead of probabilities')
    }
    if (predictionsFrom !== 'scores') {
      throw new ConfigError(
        'THRESHOLD_UNUSED',
        `threshold would be ignored: predictions come from ${hasModel ? '`model`' : `the stored column "${options.predictions}"`}; remove threshold, or remove ${hasModel ? '`model`' : '`predictions`'} to predict posLabel where scores >= threshold`,
      )
    }
  }
  const average = options.average ?? EVALUATE_DEFAULTS.average
  if (average !== 'weighted' && average !== 'macro' && average !== 'micro') {
    throw new ConfigError('INVALID_AVERAGE', `average ${JSON.stringify(average)} is not supported; use 'weighted' (default), 'macro' or 'micro'`)
  }
  const batchSize = options.batchSize ?? EVALUATE_DEFAULTS.batchSize
  if (!isNonNegativeInteger(batchSize) || batchSize === 0) {
    throw new ConfigError('INVALID_BATCH_SIZE', `batchSize ${JSON.stringify(batchSize)} must be a positive integer (default ${EVALUATE_DEFAULTS.batchSize})`)
  }
  const minSliceSize = options.minSliceSize ?? EVALUATE_DEFAULTS.minSliceSize
  if (!isNonNegativeInteger(minSliceSize)) {
    throw new ConfigError('INVALID_MIN_SLICE_SIZE', `minSliceSize ${JSON.stringify(minSliceSize)} must be a non-negative integer (default ${EVALUATE_DEFAULTS.minSliceSize})`)
  }
  const maxArtifactRows = options.maxArtifactRows ?? EVALUATE_DEFAULTS.maxArtifactRows
  if (!isNonNegativeInteger(maxArtifactRows)) {
    throw new ConfigError('INVALID_MAX_ARTIFACT_ROWS', `maxArtifactRows ${JSON.stringify(maxArtifactRows)} must be a non-negative integer (default ${EVALUATE_DEFAULTS.maxArtifactRows})`)
  }
  if (options.slices !== undefined && !Array.isArray(options.slices)) {
    throw new ConfigError('INVALID_SLICE', "slices: give a list of columns and crosses, e.g. ['category', ['category', 'region']]")
  }

  const settings = options.intervals === false ? undefined : (options.intervals ?? {})
  if (settings !== undefined && (typeof settings !== 'object' || settings === null)) {
    throw new ConfigError('INVALID_INTERVALS', 'intervals: pass { level?, seed?, resamples? } or false to turn them off')
  }
  const level = settings?.level ?? EVALUATE_DEFAULTS.level
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new ConfigError('INVALID_INTERVAL_LEVEL', `intervals.level ${JSON.stringify(level)} must be between 0 and 1 (e.g. 0.95)`)
  }
  const seed = settings?.seed ?? EVALUATE_DEFAULTS.seed
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new ConfigError('INVALID_INTERVAL_SEED', `intervals.seed ${JSON.stringify(seed)} must be an integer`)
  }
  const resamples = settings?.resamples ?? EVALUATE_DEFAULTS.resamples
  const rowResamples = settings?.rowResamples ?? EVALUATE_DEFAULTS.rowResamples
  for (const [name, value] of [['resamples', resamples], ['rowResamples', rowResamples]] as const) {
    if (!isNonNegativeInteger(value) || value < 10) {
      throw new ConfigError('INVALID_INTERVAL_RESAMPLES', `intervals.${name} ${JSON.stringify(value)} must be an integer of at least 10`)
    }
  }

  const metricNames = new Set<string>()
  const reserved = new Set([...RESERVED_METRIC_NAMES, ...Object.keys(METRIC_DIRECTIONS)])
  for (const definition of options.extraMetrics ?? []) {
    if (!isMetricDefinition(definition)) {
      throw new ConfigError('INVALID_EXTRA_METRIC', 'extraMetrics: every entry must come from defineMetric({ name, fn, greaterIsBetter })')
    }
    if (reserved.has(definition.name)) {
      throw new ConfigError('METRIC_NAME_CLASH', `custom metric "${definition.name}" has the name of a built-in metric; give it another name (e.g. "custom_${definition.name}")`)
    }
    if (metricNames.has(definition.name)) {
      throw new ConfigError('METRIC_NAME_CLASH', `two custom metrics are named "${definition.name}"; give each a distinct name`)
    }
    metricNames.add(definition.name)
  }
  const artifactNames = new Set<string>()
  for (const definition of options.extraArtifacts ?? []) {
    if (!isArtifactDefinition(definition)) {
      throw new ConfigError('INVALID_EXTRA_ARTIFACT', 'extraArtifacts: every entry must come from defineArtifact({ name, fn })')
    }
    if (BUILTIN_ARTIFACTS.includes(definition.name)) {
      throw new ConfigError('ARTIFACT_NAME_CLASH', `custom artifact "${definition.name}" has the name of a built-in artifact; give it another name`)
    }
    if (artifactNames.has(definition.name)) {
      throw new ConfigError('ARTIFACT_NAME_CLASH', `two custom artifacts are named "${definition.name}"; give each a distinct name`)
    }
    artifactNames.add(definition.name)
  }

  return {
    average,
    batchSize,
    minSliceSize,
    maxArtifactRows,
    intervals: settings === undefined ? null : { level, seed, resamples, rowResamples },
    level,
    seed,
    predictionsFrom,
    threshold,
  }
}
