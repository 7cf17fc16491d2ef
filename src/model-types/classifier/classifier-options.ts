/**
 * A classifier's own options of `evaluate()`: checked before any work (a ConfigError naming the
 * option and the fix), defaults resolved into plain JSON settings for `encode`.
 */
import { ConfigError } from '../../errors.js'
import type { Average } from '../../run/types.js'
import type { JsonValue, OptionsRequest, ResolvedOptions } from '../model-type.js'

/** A classifier's defaults, in one place so the documentation and the code agree. */
export const CLASSIFIER_DEFAULTS = {
  average: 'weighted',
  /** Score at or above which a row is predicted `posLabel` (predictions derived from `scores`). */
  threshold: 0.5,
} as const satisfies { average: Average; threshold: number }

/** Options only a classifier reads; other model types refuse them. */
export const CLASSIFIER_OPTION_NAMES = ['scores', 'probabilities', 'threshold', 'labels', 'posLabel', 'unseenPredictedLabels'] as const

/**
 * Where the predicted labels come from: `model` (called), `predictions` (stored column), or,
 * without either, derived from stored `probabilities` (argmax) or `scores` (>= threshold).
 */
export type PredictionSource = 'model' | 'predictions' | 'probabilities' | 'scores'

/** A classifier's resolved settings (plain JSON, kept in the run table). */
export type ClassifierSettings = {
  average: Average
  predictionsFrom: PredictionSource
  /** Only with `predictionsFrom: 'scores'`. */
  threshold?: number
  scores?: string
  probabilities?: string[]
  labels?: Array<string | number | boolean>
  posLabel?: string | number | boolean
  unseenPredictedLabels?: 'warn' | 'error'
}

interface ClassifierOptions {
  scores?: unknown
  probabilities?: unknown
  threshold?: unknown
  labels?: unknown
  posLabel?: unknown
  unseenPredictedLabels?: unknown
  average?: unknown
}

function checkShapes(options: ClassifierOptions): void {
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
}

function predictionSource(options: ClassifierOptions, request: OptionsRequest): PredictionSource {
  if (request.hasModel) return 'model'
  if (request.predictions !== undefined) return 'predictions'
  if (options.probabilities !== undefined) return 'probabilities'
  if (options.scores !== undefined) return 'scores'
  throw new ConfigError(
    'MODEL_OR_PREDICTIONS',
    'neither `model` nor `predictions` was given, nor stored `probabilities` / `scores` to derive predictions from; pass `model: (rows) => predictions`, `predictions: "<column>"` naming a stored predictions column, `probabilities: ["<col>", ...]` (one per label; predicts the most probable label) or, binary, `scores: "<column>"` (predicts posLabel where score >= threshold, default 0.5)',
  )
}

function checkThreshold(options: ClassifierOptions, request: OptionsRequest, predictionsFrom: PredictionSource): void {
  if (options.threshold === undefined) return
  if (typeof options.threshold !== 'number' || !(options.threshold >= 0 && options.threshold <= 1)) {
    throw new ConfigError('INVALID_THRESHOLD', `threshold ${JSON.stringify(options.threshold)} must be a number between 0 and 1 (a score at or above it predicts posLabel; default ${CLASSIFIER_DEFAULTS.threshold})`)
  }
  if (options.scores === undefined) {
    throw new ConfigError('THRESHOLD_WITHOUT_SCORES', 'threshold applies only with `scores` (binary: a score >= threshold predicts posLabel); remove it, or give scores: "<column>" instead of probabilities')
  }
  if (predictionsFrom !== 'scores') {
    throw new ConfigError(
      'THRESHOLD_UNUSED',
      `threshold would be ignored: predictions come from ${request.hasModel ? '`model`' : `the stored column "${request.predictions}"`}; remove threshold, or remove ${request.hasModel ? '`model`' : '`predictions`'} to predict posLabel where scores >= threshold`,
    )
  }
}

/** Checks a classifier's options and resolves them (see `ModelType.resolveOptions`). */
export function resolveClassifierOptions(request: OptionsRequest): ResolvedOptions {
  const options = request.options as ClassifierOptions
  checkShapes(options)
  const predictionsFrom = predictionSource(options, request)
  checkThreshold(options, request, predictionsFrom)
  const average = options.average ?? CLASSIFIER_DEFAULTS.average
  if (average !== 'weighted' && average !== 'macro' && average !== 'micro') {
    throw new ConfigError('INVALID_AVERAGE', `average ${JSON.stringify(average)} is not supported; use 'weighted' (default), 'macro' or 'micro'`)
  }
  const threshold = typeof options.threshold === 'number' ? options.threshold : CLASSIFIER_DEFAULTS.threshold
  const settings: ClassifierSettings = {
    average,
    predictionsFrom,
    ...(predictionsFrom === 'scores' ? { threshold } : {}),
    ...(typeof options.scores === 'string' ? { scores: options.scores } : {}),
    ...(options.probabilities !== undefined ? { probabilities: [...(options.probabilities as string[])] } : {}),
    ...(options.labels !== undefined ? { labels: options.labels as ClassifierSettings['labels'] } : {}),
    ...(options.posLabel !== undefined ? { posLabel: options.posLabel as ClassifierSettings['posLabel'] } : {}),
    ...(options.unseenPredictedLabels !== undefined ? { unseenPredictedLabels: options.unseenPredictedLabels as 'warn' | 'error' } : {}),
  }
  const derivedPredictionsName =
    predictionsFrom === 'probabilities' ? `argmax(${(settings.probabilities ?? []).join(', ')})` : predictionsFrom === 'scores' ? `${settings.scores} >= ${threshold}` : undefined
  return { settings: settings as { [key: string]: JsonValue }, ...(derivedPredictionsName !== undefined ? { derivedPredictionsName } : {}) }
}
