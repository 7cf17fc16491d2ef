/**
 * Checks the options of `evaluate()` before any work, and resolves the defaults. Every problem
 * is a ConfigError that names the option and the fix.
 */
import { ConfigError } from '../errors.js'
import type { EncodedPart, JsonValue, ModelType } from '../model-types/model-type.js'
import { modelTypeOf, modelTypes } from '../model-types/registry.js'
import type { RunWarning } from '../run/observers.js'
import type { IntervalConfig } from '../run/types.js'
import { isArtifactDefinition } from './define-artifact.js'
import { isMetricDefinition } from './define-metric.js'
import { checkKeys } from '../run/option-keys.js'
import { EVALUATE_DEFAULTS, EVALUATE_OPTION_NAMES, INTERVAL_OPTION_NAMES } from './options.js'
import type { EvaluateOptions } from './options.js'

export interface CheckedOptions {
  /** The model type `options.modelType` names. */
  type: ModelType<EncodedPart>
  /** The type's own options, resolved (`ModelType.resolveOptions`). */
  typeSettings: { [key: string]: JsonValue }
  /** Without `model` / `predictions`: where the type derives its predictions from (`run.model.name`). */
  derivedPredictionsName: string | undefined
  batchSize: number
  minSliceSize: number
  maxArtifactRows: number
  /** null when intervals are off. */
  intervals: IntervalConfig | null
  level: number
  seed: number
}

/** Metric names evaluate() itself may add besides the model type's (`error_count`, `error_rate`). */
const ENGINE_METRIC_NAMES = ['error_count', 'error_rate']

/** An option of another model type, given to this one: which type it belongs to. */
function foreignOption(options: EvaluateOptions, type: ModelType<EncodedPart>): { key: string; owner: ModelType<EncodedPart> } | undefined {
  const given = options as unknown as Record<string, unknown>
  for (const owner of modelTypes()) {
    if (owner === type) continue
    for (const key of owner.optionNames) {
      if (given[key] !== undefined && !type.optionNames.includes(key)) return { key, owner }
    }
  }
  return undefined
}

/** `model` / `predictions` given once, and the type's own options resolved. */
function checkPredictionOptions(options: EvaluateOptions, type: ModelType<EncodedPart>): Pick<CheckedOptions, 'typeSettings' | 'derivedPredictionsName'> {
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
  const foreign = foreignOption(options, type)
  if (foreign !== undefined) {
    throw new ConfigError(
      `${foreign.owner.name.toUpperCase()}_OPTION`,
      `${foreign.key} applies to modelType '${foreign.owner.name}', but modelType is '${type.name}'; remove it or use modelType: '${foreign.owner.name}'`,
    )
  }
  const resolved = type.resolveOptions({
    hasModel,
    predictions: hasPredictions ? options.predictions : undefined,
    options: options as unknown as Record<string, unknown>,
  })
  if (!hasModel && !hasPredictions && resolved.derivedPredictionsName === undefined) {
    throw new ConfigError(
      'MODEL_OR_PREDICTIONS',
      'neither `model` nor `predictions` was given; pass `model: (rows) => predictions` or `predictions: "<column>"` naming a stored predictions column',
    )
  }
  return { typeSettings: resolved.settings, derivedPredictionsName: resolved.derivedPredictionsName }
}

/** `mlflow.evaluate()`'s argument names that users migrating from it type, and evalgate's names for them. */
const MLFLOW_OPTION_NAMES: Readonly<Record<string, string>> = {
  model_type: 'modelType',
  extra_metrics: 'extraMetrics',
  custom_metrics: 'extraMetrics',
  custom_artifacts: 'extraArtifacts',
  feature_names: 'inputColumns',
  evaluator_config: 'the options themselves (e.g. posLabel, average)',
  pos_label: 'posLabel',
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

/**
 * Warnings for options the model type will not read: `targets` given to a type that reads none
 * (`text` scores the model's text alone), which was silently ignored.
 *
 * @example
 * ignoredOptionWarnings({ data, targets: 'prompt', predictions: 'reply', modelType: 'text' }, textModelType)
 * // => [{ code: 'TARGETS_IGNORED', message: '`targets` ("prompt") is ignored: the text model type reads no targets column ...' }]
 */
export function ignoredOptionWarnings(options: EvaluateOptions, type: ModelType<EncodedPart>): RunWarning[] {
  if (type.needsTargets !== false || options.targets === undefined) return []
  return [
    {
      code: 'TARGETS_IGNORED',
      message: `\`targets\` (${JSON.stringify(options.targets)}) is ignored: the ${type.name} model type reads no targets column (its metrics score the model's outputs alone); drop \`targets\`, or choose a model type that compares the outputs with them (e.g. question-answering, text-summarization)`,
    },
  ]
}

/** Validates `options` and returns the resolved settings. */
export function checkOptions(options: EvaluateOptions): CheckedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError('INVALID_OPTIONS', 'evaluate(options): options must be an object { data, targets, modelType, model | predictions | probabilities | scores, ... }')
  }
  const optionNames = [...new Set<string>([...EVALUATE_OPTION_NAMES, ...modelTypes().flatMap((t) => t.optionNames)])]
  checkKeys(options, optionNames, { who: 'evaluate()', code: 'UNKNOWN_OPTION', otherNames: MLFLOW_OPTION_NAMES, otherNamesOf: 'mlflow.evaluate' })
  const type = modelTypeOf(options.modelType)
  const targetsGiven = options.targets !== undefined
  if ((targetsGiven || type.needsTargets !== false) && (typeof options.targets !== 'string' || options.targets === '')) {
    const column = type.targetsColumn ?? { holds: 'the true labels or values', example: 'label' }
    throw new ConfigError('MISSING_TARGETS', `targets: name the column holding ${column.holds}, e.g. targets: "${column.example}"`)
  }
  const predictionOptions = checkPredictionOptions(options, type)
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
    throw new ConfigError('INVALID_INTERVALS', 'intervals: pass { level?, seed?, resamples?, rowResamples? } or false to turn them off')
  }
  checkKeys(settings, INTERVAL_OPTION_NAMES, { who: 'evaluate()', where: 'intervals', code: 'UNKNOWN_OPTION' })
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
  const reserved = new Set([...ENGINE_METRIC_NAMES, ...modelTypes().flatMap((t) => [...t.metricNames, ...Object.keys(t.metricDirections)])])
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
    if (modelTypes().some((t) => t.artifactNames.includes(definition.name))) {
      throw new ConfigError('ARTIFACT_NAME_CLASH', `custom artifact "${definition.name}" has the name of a built-in artifact; give it another name`)
    }
    if (artifactNames.has(definition.name)) {
      throw new ConfigError('ARTIFACT_NAME_CLASH', `two custom artifacts are named "${definition.name}"; give each a distinct name`)
    }
    artifactNames.add(definition.name)
  }

  return {
    type,
    ...predictionOptions,
    batchSize,
    minSliceSize,
    maxArtifactRows,
    intervals: settings === undefined ? null : { level, seed, resamples, rowResamples },
    level,
    seed,
  }
}
