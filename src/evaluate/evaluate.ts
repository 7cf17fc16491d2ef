/**
 * `evaluate()`: runs the model (or reads stored predictions), encodes the evaluation table
 * once, computes every metric overall and per slice with intervals, custom metrics and
 * artifacts, and returns the EvalRun (plain JSON; in-memory extras hang off it through
 * `attachRunInternals`).
 */
import { fingerprintDataset } from '../data/index.js'
import type { Dataset, Row } from '../data/index.js'
import { ConfigError, DatasetError, ModelError } from '../errors.js'
import { METRIC_DIRECTIONS } from '../metrics/index.js'
import type { Prediction } from '../models/types.js'
import { attachRunInternals } from '../run/internals.js'
import { notifyRunCreated, notifyWarning } from '../run/observers.js'
import { EVAL_RUN_VERSION } from '../run/types.js'
import type { Artifact, Curves, EvalRun, IntervalSettings, ModelInfo, SliceResult } from '../run/types.js'
import { largestErrorsArtifact, misclassifiedArtifact } from './builtin-artifacts.js'
import { encodeClassifierInputs } from './classifier-inputs.js'
import { classifierScope } from './classifier-scope.js'
import type { ClassifierCore, ScopeMetrics } from './classifier-scope.js'
import { computeCustomMetrics } from './custom-metrics.js'
import type { CustomMetricContext } from './custom-metrics.js'
import { artifactFromValue } from './define-artifact.js'
import { createEvalTable } from './eval-table.js'
import type { EvalTableSource } from './eval-table.js'
import type { IntervalConfig } from './interval-methods.js'
import { EVALUATE_DEFAULTS } from './options.js'
import type { EvaluateOptions } from './options.js'
import { readRegressorInputs } from './regressor-inputs.js'
import { regressorScope } from './regressor-scope.js'
import type { RegressorCore } from './regressor-scope.js'
import { classifierCurves, regressorCurves } from './run-curves.js'
import { runModel } from './run-model.js'
import { classOrders, ovrAucByScopes } from '../stats/shared-ovr-auc.js'
import type { ScopeAuc, Scoping } from '../stats/shared-ovr-auc.js'
import type { SliceGroup } from './slice-groups.js'
import type { BinaryRanking } from '../metrics/index.js'
import { groupRows, sliceSpecColumns } from './slice-groups.js'
import { subsetDataset } from './subset-dataset.js'
import { checkOptions } from './check-options.js'
import type { CheckedOptions } from './check-options.js'
import { checkColumns, dedupeSlices, defaultInputColumns, toDataset } from './evaluation-set.js'

/** Metric names evaluate() itself may add besides the metric engine's. */
const EVALUATE_METRIC_DIRECTIONS: Readonly<Record<string, boolean>> = { error_count: false, error_rate: false }

/**
 * Evaluates a model (or stored predictions) on a dataset and returns the EvalRun.
 *
 * @example
 * const run = await evaluate({
 *   data: await loadDataset('feedback.csv'),
 *   targets: 'true_sentiment',
 *   predictions: 'predicted_sentiment',
 *   modelType: 'classifier',
 *   slices: ['category'],
 * })
 * run.metrics.f1_score // 0.87
 */
export async function evaluate<R extends Row = Row>(options: EvaluateOptions<R>): Promise<EvalRun> {
  const startedAt = performance.now()
  const createdAt = new Date().toISOString()
  const checked = checkOptions(options as EvaluateOptions)
  const fullDataset = toDataset(options.data)
  if (fullDataset.rowCount === 0) {
    throw new DatasetError(
      'DATASET_EMPTY',
      `the evaluation set${fullDataset.source ? ` ${fullDataset.source}` : ''} has no rows; evaluate needs at least one example — check the file or the filter that built it`,
    )
  }
  checkColumns(fullDataset, options as EvaluateOptions)
  const inputColumns = options.inputColumns ?? defaultInputColumns(fullDataset, options as EvaluateOptions)
  const sliceSpecs = dedupeSlices(options.slices ?? [])
  for (const spec of sliceSpecs) sliceSpecColumns(fullDataset, spec)

  // Predictions.
  let dataset: Dataset = fullDataset
  let modelPredictions: Prediction[] | undefined
  let kept: Int32Array | null = null
  let failures = 0
  let model: ModelInfo
  if (options.model !== undefined) {
    const output = await runModel(options.model as Parameters<typeof runModel>[0], fullDataset, {
      batchSize: checked.batchSize,
      label: options.name ?? 'evaluate',
    })
    model = output.model
    failures = output.failures.length
    if (output.kept !== null) {
      if (output.kept.length === 0) {
        throw new ModelError(
          'ALL_ROWS_FAILED',
          `the model failed on all ${fullDataset.rowCount} rows (first: row ${output.failures[0].row + 1}: ${output.failures[0].message}); nothing left to evaluate — check the model's endpoint and inputs`,
        )
      }
      kept = output.kept
      dataset = subsetDataset(fullDataset, kept)
    }
    modelPredictions = output.predictions
  } else {
    model = { kind: 'predictions', name: storedPredictionsName(options as EvaluateOptions, checked) }
  }
  const keptRows = kept
  const rowNumber = keptRows === null ? (row: number) => row + 1 : (row: number) => keptRows[row] + 1

  const intervals = checked.intervals
  const notes: string[] = []
  const greaterIsBetter: Record<string, boolean> = {}
  let scopeOf: (rows: Int32Array | null, config: IntervalConfig | null, details: boolean, ovrAuc?: ScopeAuc) => ScopeMetrics
  /** Multiclass macro/weighted roc_auc with variance for every scope of a grouping, from one sort per class. */
  let ovrAucOf: ((scopings: Scoping[], rankings?: BinaryRanking[]) => ScopeAuc[][]) | undefined
  /** Multiclass one-vs-rest rankings of the whole run, when the shared sort produced them. */
  const rankings: BinaryRanking[] = []
  let source: EvalTableSource
  let curves: Curves
  let classifier: ClassifierCore | undefined
  let regressor: RegressorCore | undefined
  let builtinArtifact: Artifact
  const runFields: Partial<EvalRun> = {}

  if (options.modelType === 'classifier') {
    const inputs = encodeClassifierInputs({
      dataset,
      targets: options.targets,
      ...(options.predictions !== undefined ? { predictionsColumn: options.predictions } : {}),
      ...(modelPredictions !== undefined ? { modelPredictions } : {}),
      ...(options.scores !== undefined ? { scores: options.scores } : {}),
      ...(options.probabilities !== undefined ? { probabilities: options.probabilities } : {}),
      ...(options.labels !== undefined ? { labels: options.labels } : {}),
      ...(options.posLabel !== undefined ? { posLabel: options.posLabel } : {}),
      ...(options.unseenPredictedLabels !== undefined ? { unseenPredictedLabels: options.unseenPredictedLabels } : {}),
      ...(checked.predictionsFrom === 'scores' ? { threshold: checked.threshold } : {}),
      rowNumber,
    })
    notes.push(...inputs.notes)
    for (const warning of inputs.warnings) notifyWarning(warning)
    const core: ClassifierCore = {
      labels: inputs.labels,
      posIndex: inputs.posIndex,
      average: checked.average,
      targetIndex: inputs.targetIndex,
      predictedIndex: inputs.predictedIndex,
      probabilities: inputs.probabilities,
      rowSumsOk: inputs.rowSumsOk,
    }
    classifier = core
    if (inputs.labels.length === 1) {
      notes.push(
        `only one label ("${inputs.labels[0]}"): evaluated as a single-class problem (no true/false positive counts, no roc_auc or log_loss); pass labels: [...] to name the other class`,
      )
    }
    scopeOf = (rows, config, details, ovrAuc) => classifierScope(core, rows, config, { details, ...(ovrAuc ? { ovrAuc } : {}) })
    const proba = core.probabilities
    const average = core.average
    if (proba !== undefined && core.labels.length > 2 && intervals !== null && average !== 'micro') {
      const orders = classOrders(proba, core.labels.length)
      ovrAucOf = (scopings, rankings) => ovrAucByScopes(proba, core.targetIndex, core.labels.length, average, orders, scopings, rankings)
    }
    source = {
      dataset,
      inputColumns,
      labels: core.labels,
      targetIndex: core.targetIndex,
      predictedIndex: core.predictedIndex,
      ...(core.probabilities !== undefined ? { probabilities: core.probabilities } : {}),
    }
    curves = {}
    runFields.labels = [...core.labels]
    if (core.posIndex !== undefined) runFields.posLabel = core.labels[core.posIndex]
    else runFields.average = checked.average
    runFields.hasProbabilities = core.probabilities !== undefined
    builtinArtifact = misclassifiedArtifact({
      dataset,
      inputColumns,
      labels: core.labels,
      targetIndex: core.targetIndex,
      predictedIndex: core.predictedIndex,
      probabilities: core.probabilities,
      rowNumber,
      maxRows: checked.maxArtifactRows,
    })
  } else {
    const inputs = readRegressorInputs({
      dataset,
      targets: options.targets,
      ...(options.predictions !== undefined ? { predictionsColumn: options.predictions } : {}),
      ...(modelPredictions !== undefined ? { modelPredictions } : {}),
      rowNumber,
    })
    const core: RegressorCore = inputs
    regressor = core
    scopeOf = (rows, config) => regressorScope(core, rows, config)
    source = { dataset, inputColumns, targetValues: core.targetValues, predictedValues: core.predictedValues }
    curves = regressorCurves(core.targetValues, core.predictedValues, intervals?.seed ?? EVALUATE_DEFAULTS.seed)
    builtinArtifact = largestErrorsArtifact({
      dataset,
      inputColumns,
      targetValues: core.targetValues,
      predictedValues: core.predictedValues,
      rowNumber,
      maxRows: checked.maxArtifactRows,
    })
  }

  const customContext: CustomMetricContext = {
    definitions: options.extraMetrics ?? [],
    source,
    builtinsOf: (rows) => scopeOf(rows, null, false).metrics,
    intervals,
    maxIntervalRows: EVALUATE_DEFAULTS.customIntervalMaxRows,
  }

  // The declared slices' groups, so the one-vs-rest AUCs of the run and of every slice come from
  // one shared pass.
  const minSliceSize = checked.minSliceSize
  const declaredGroups = sliceSpecs.map((spec) => groupRows(dataset, sliceSpecColumns(dataset, spec)))
  const scopingOf = (groups: SliceGroup[]): Scoping => {
    const scopeIds = new Int32Array(dataset.rowCount).fill(-1)
    groups.forEach((group, g) => {
      if (group.rows.length >= minSliceSize) for (const row of group.rows) scopeIds[row] = g
    })
    return { scopeOf: scopeIds, count: groups.length }
  }
  const sharedAucs = ovrAucOf?.([{ scopeOf: null, count: 1 }, ...declaredGroups.map(scopingOf)], rankings)

  // Overall.
  const overall = scopeOf(null, intervals, true, sharedAucs?.[0][0])
  if (classifier?.probabilities !== undefined) {
    curves = classifierCurves(classifier.labels, classifier.posIndex, classifier.targetIndex, classifier.probabilities, notes, rankings.length > 0 ? rankings : undefined)
  }
  const metrics = overall.metrics
  notes.push(...overall.notes)
  // A served model (adapter) always reports its failures, so `toHaveMetric('error_rate', 0.01)`
  // works whether or not any row failed.
  if (failures > 0 || model.kind === 'adapter') {
    metrics.error_count = failures
    metrics.error_rate = failures / fullDataset.rowCount
  }
  if (failures > 0) {
    notes.push(`${failures} of ${fullDataset.rowCount} rows failed in the model and were left out of every metric (error_count, error_rate)`)
  }
  const custom = computeCustomMetrics(customContext, null, overall.metrics)
  Object.assign(metrics, custom.metrics)
  const runIntervals = { ...overall.intervals, ...custom.intervals }
  notes.push(...custom.notes)

  // Slices.
  const slicesOf = (groups: SliceGroup[], aucs: ScopeAuc[] | undefined): Record<string, SliceResult> => {
    const out: Record<string, SliceResult> = {}
    const sliceAucs = aucs ?? ovrAucOf?.([scopingOf(groups)])[0]
    for (const [g, group] of groups.entries()) {
      const exampleCount = group.rows.length
      const slice: SliceResult = { key: group.key, columns: group.columns, values: group.values, exampleCount, metrics: {}, intervals: {}, notes: [] }
      if (exampleCount < minSliceSize) {
        slice.notes.push(`${exampleCount} examples, fewer than minSliceSize (${minSliceSize}): metrics not computed`)
      } else {
        const scope = scopeOf(group.rows, intervals, true, sliceAucs?.[g])
        const sliceCustom = computeCustomMetrics(customContext, group.rows, scope.metrics)
        slice.metrics = { ...scope.metrics, ...sliceCustom.metrics }
        slice.intervals = { ...scope.intervals, ...sliceCustom.intervals }
        if (scope.perClass !== undefined) slice.perClass = scope.perClass
        if (scope.confusionMatrix !== undefined) slice.confusionMatrix = scope.confusionMatrix
        slice.notes.push(...scope.notes, ...sliceCustom.notes)
      }
      out[group.key] = slice
    }
    return out
  }
  const computeSlices = (spec: string | string[]): Record<string, SliceResult> =>
    slicesOf(groupRows(dataset, sliceSpecColumns(dataset, spec)), undefined)
  const slices: Record<string, SliceResult> = {}
  declaredGroups.forEach((groups, d) => Object.assign(slices, slicesOf(groups, sharedAucs?.[d + 1])))

  // Artifacts.
  const artifacts: Artifact[] = [builtinArtifact]
  const table = createEvalTable(source, null)
  for (const definition of options.extraArtifacts ?? []) {
    let value: unknown
    try {
      value = await definition.fn(table, metrics)
    } catch (cause) {
      throw new ConfigError(
        'CUSTOM_ARTIFACT_THREW',
        `custom artifact "${definition.name}" threw: ${cause instanceof Error ? cause.message : String(cause)}; fix its fn`,
        { cause },
      )
    }
    artifacts.push(artifactFromValue(definition.name, value, false))
  }

  // Directions.
  const metricNames = new Set(Object.keys(metrics))
  for (const slice of Object.values(slices)) for (const name of Object.keys(slice.metrics)) metricNames.add(name)
  for (const name of metricNames) {
    const direction = METRIC_DIRECTIONS[name] ?? EVALUATE_METRIC_DIRECTIONS[name]
    if (direction !== undefined) greaterIsBetter[name] = direction
  }
  for (const definition of options.extraMetrics ?? []) greaterIsBetter[definition.name] = definition.greaterIsBetter

  const intervalSettings: IntervalSettings = intervals
    ? { level: intervals.level, seed: intervals.seed, resamples: intervals.resamples, rowResamples: intervals.rowResamples }
    : { level: checked.level, seed: checked.seed, resamples: 0 }
  if (!intervals) notes.push('intervals turned off (intervals: false)')

  const fingerprintColumns = [options.targets, ...inputColumns.filter((c) => c !== options.targets)]
  const run: EvalRun = {
    version: EVAL_RUN_VERSION,
    ...(options.name !== undefined ? { name: options.name } : {}),
    modelType: options.modelType,
    createdAt,
    exampleCount: dataset.rowCount,
    ...runFields,
    metrics,
    intervals: runIntervals,
    intervalSettings,
    greaterIsBetter,
    customMetrics: (options.extraMetrics ?? []).map((d) => d.name),
    ...(overall.perClass !== undefined ? { perClass: overall.perClass } : {}),
    ...(overall.confusionMatrix !== undefined ? { confusionMatrix: overall.confusionMatrix } : {}),
    curves,
    sliceColumns: sliceSpecs.map((s) => (typeof s === 'string' ? s : [...s])),
    slices,
    minSliceSize,
    artifacts,
    dataset: {
      fingerprint: fingerprintDataset(fullDataset, fingerprintColumns),
      rowCount: fullDataset.rowCount,
      columns: fingerprintColumns,
      targetColumn: options.targets,
      ...(fullDataset.source !== undefined ? { source: fullDataset.source } : {}),
    },
    model,
    notes,
    durationMs: 0,
  }

  const columns = new Map<string, ArrayLike<unknown>>()
  for (const name of dataset.columnNames) {
    columns.set(name, dataset.column(name).values)
  }
  attachRunInternals(run, {
    columns,
    ...(classifier !== undefined
      ? {
          targetIndex: classifier.targetIndex,
          predictedIndex: classifier.predictedIndex,
          correct: correctness(classifier.targetIndex, classifier.predictedIndex),
          ...(classifier.probabilities !== undefined ? { probabilities: classifier.probabilities } : {}),
        }
      : {}),
    ...(regressor !== undefined
      ? {
          targetValues: regressor.targetValues,
          predictedValues: regressor.predictedValues,
          errors: residuals(regressor.targetValues, regressor.predictedValues),
        }
      : {}),
    metricsWith: (substitute, rows, part = 'all') => {
      let scopeMetrics: () => Record<string, number>
      let substituteSource = source
      if (substitute === null) {
        scopeMetrics = () => scopeOf(rows, null, false).metrics
      } else if (classifier !== undefined) {
        const core: ClassifierCore = {
          ...classifier,
          predictedIndex: substitute.predictedIndex ?? classifier.predictedIndex,
          probabilities: substitute.probabilities ?? classifier.probabilities,
          rowSumsOk: substitute.probabilities ? undefined : classifier.rowSumsOk,
        }
        scopeMetrics = () => classifierScope(core, rows, null, { details: false }).metrics
        substituteSource = { ...source, predictedIndex: core.predictedIndex, ...(core.probabilities !== undefined ? { probabilities: core.probabilities } : {}) }
      } else {
        const core: RegressorCore = { targetValues: regressor!.targetValues, predictedValues: substitute.predictedValues ?? regressor!.predictedValues }
        scopeMetrics = () => regressorScope(core, rows, null).metrics
        substituteSource = { ...source, predictedValues: core.predictedValues }
      }
      if (part === 'builtin') return scopeMetrics()
      const builtins = part === 'all' ? scopeMetrics() : lazyRecord(scopeMetrics)
      const custom = computeCustomMetrics({ ...customContext, source: substituteSource, intervals: null }, rows, builtins).metrics
      return part === 'custom' ? custom : { ...builtins, ...custom }
    },
    computeSlices,
  })
  run.durationMs = performance.now() - startedAt
  notifyRunCreated(run)
  return run
}

/**
 * The name of stored predictions in `run.model`: the predictions column, or where derived
 * predictions come from (`argmax(p_neg, p_pos)`, `score >= 0.5`).
 */
function storedPredictionsName(options: EvaluateOptions, checked: CheckedOptions): string | undefined {
  if (checked.predictionsFrom === 'probabilities') return `argmax(${(options.probabilities ?? []).join(', ')})`
  if (checked.predictionsFrom === 'scores') return `${options.scores} >= ${checked.threshold}`
  return options.predictions
}

/** A read-only record computed on first access (custom metrics that never read the built-ins cost nothing). */
function lazyRecord(compute: () => Record<string, number>): Record<string, number> {
  let computed: Record<string, number> | undefined
  const values = (): Record<string, number> => (computed ??= compute())
  return new Proxy({} as Record<string, number>, {
    get: (_target, key) => (typeof key === 'string' ? values()[key] : undefined),
    has: (_target, key) => typeof key === 'string' && key in values(),
    ownKeys: () => Reflect.ownKeys(values()),
    getOwnPropertyDescriptor: (_target, key) => (typeof key === 'string' && key in values() ? { value: values()[key], enumerable: true, configurable: true, writable: false } : undefined),
  })
}

function correctness(targetIndex: Int32Array, predictedIndex: Int32Array): Uint8Array {
  const out = new Uint8Array(targetIndex.length)
  for (let i = 0; i < out.length; i++) out[i] = targetIndex[i] === predictedIndex[i] ? 1 : 0
  return out
}

function residuals(targetValues: Float64Array, predictedValues: Float64Array): Float64Array {
  const out = new Float64Array(targetValues.length)
  for (let i = 0; i < out.length; i++) out[i] = predictedValues[i] - targetValues[i]
  return out
}
