/**
 * The classifier model type: labels encoded once (label indices per row, one probability column
 * per class; the run table's row-major matrix is built from them when read), every count-based
 * metric from confusion counts, ranking metrics from one sorted pass, the one-vs-rest AUC of the
 * run and every slice from one sort per class, ROC / PR / calibration curves and the
 * `misclassified.csv` artifact.
 */
import type { BinaryRanking } from '../../metrics/index.js'
import { logLossPerExample } from '../../metrics/probability-losses.js'
import type { Average } from '../../run/types.js'
import { classOrdersOneAtATime, ovrAucByScopes, ovrWorkspace } from '../../stats/shared-ovr-auc.js'
import type { Scoping } from '../../stats/shared-ovr-auc.js'
import { gatherInt32, ownedFloat64, ownedInt32 } from '../gather-rows.js'
import { directionsOf } from '../metric-directions.js'
import type { EncodeRequest, Encoded, ManyScopes, ModelType, ScopeContext, ScopeRows } from '../model-type.js'
import { requiredTargets } from '../model-type.js'
import { classifierCurves } from './classifier-curves.js'
import { encodeClassifierInputs } from './classifier-inputs.js'
import { CLASSIFIER_OPTION_NAMES, resolveClassifierOptions } from './classifier-options.js'
import type { ClassifierSettings } from './classifier-options.js'
import { classifierScope } from './classifier-scope.js'
import type { ClassifierCore } from './classifier-scope.js'
import { misclassifiedArtifact } from './misclassified-artifact.js'
import { reversedScoresWarning } from './reversed-scores.js'
import { misnamedProbabilityColumns } from './probability-column-names.js'
import { isNumericLabel } from '../../run/labels.js'
import { defineProbabilities, probabilityColumnsOf, shareProbabilities } from './probability-columns.js'
import { setOwn } from '../../run/own-keys.js'

/** A classifier's part of the run table. */
export type ClassifierPart = {
  settings: {
    /** Canonical labels, in order. */
    labels: string[]
    /** Binary (exactly two labels): index of the positive label; null otherwise. */
    posIndex: number | null
    average: Average
  }
  columns: {
    /** Index into `labels` of each row's target / prediction. */
    targetIndex: Int32Array
    predictedIndex: Int32Array
    /**
     * Row-major `rows x labels`, when the run has probabilities. An encoded part builds it from
     * its per-class columns on first read (`probability-columns.ts`); the engine reads those.
     */
    probabilities?: Float64Array
    /** 1 for rows whose probabilities sum to 1; absent when all do. */
    rowSumsOk?: Uint8Array
  }
}

/** The working view of a part that the scope kernels read. */
export function classifierCore(part: ClassifierPart): ClassifierCore {
  return {
    labels: part.settings.labels,
    posIndex: part.settings.posIndex ?? undefined,
    average: part.settings.average,
    targetIndex: part.columns.targetIndex,
    predictedIndex: part.columns.predictedIndex,
    probabilities: probabilityColumnsOf(part.columns, part.settings.labels.length),
    probabilityMatrix: () => part.columns.probabilities!,
    rowSumsOk: part.columns.rowSumsOk,
  }
}

/**
 * A part's columns, in the run table's order: `probabilities` given as per-class columns is the
 * lazily built matrix of {@link defineProbabilities}, given as a matrix is kept as it is, given
 * as `{ of }` is that part's columns' ({@link shareProbabilities}).
 */
function partColumns(
  targetIndex: Int32Array,
  predictedIndex: Int32Array,
  probabilities: Float64Array | readonly Float64Array[] | { of: ClassifierPart['columns'] } | undefined,
  rowSumsOk: Uint8Array | undefined,
): ClassifierPart['columns'] {
  const columns: ClassifierPart['columns'] = { targetIndex, predictedIndex }
  if (probabilities instanceof Float64Array) columns.probabilities = probabilities
  else if (Array.isArray(probabilities)) defineProbabilities(columns, probabilities)
  else if (probabilities !== undefined && 'of' in probabilities) shareProbabilities(probabilities.of, columns)
  if (rowSumsOk !== undefined) columns.rowSumsOk = rowSumsOk
  return columns
}

/** The part of a working view (the inverse of `classifierCore`). */
export function classifierPart(core: ClassifierCore): ClassifierPart {
  return {
    settings: { labels: core.labels, posIndex: core.posIndex ?? null, average: core.average },
    columns: partColumns(core.targetIndex, core.predictedIndex, core.probabilities, core.rowSumsOk),
  }
}

function encode(request: EncodeRequest): Encoded<ClassifierPart> {
  const settings = request.settings as unknown as ClassifierSettings
  const inputs = encodeClassifierInputs({
    dataset: request.dataset,
    targets: requiredTargets(request.targets),
    ...(request.predictionsColumn !== undefined ? { predictionsColumn: request.predictionsColumn } : {}),
    ...(request.modelPredictions !== undefined ? { modelPredictions: request.modelPredictions } : {}),
    ...(settings.scores !== undefined ? { scores: settings.scores } : {}),
    ...(settings.probabilities !== undefined ? { probabilities: settings.probabilities } : {}),
    ...(settings.labels !== undefined ? { labels: settings.labels } : {}),
    ...(settings.posLabel !== undefined ? { posLabel: settings.posLabel } : {}),
    ...(settings.unseenPredictedLabels !== undefined ? { unseenPredictedLabels: settings.unseenPredictedLabels } : {}),
    ...(settings.threshold !== undefined ? { threshold: settings.threshold } : {}),
    rowNumber: request.rowNumber,
  })
  const notes = [...inputs.notes]
  const warnings = [...inputs.warnings]
  const reversed = reversedScoresWarning(inputs.labels, inputs.posIndex, inputs.targetIndex, inputs.probabilities, {
    ...(settings.scores !== undefined ? { scores: settings.scores } : {}),
    ...(settings.probabilities !== undefined ? { probabilities: settings.probabilities } : {}),
    posLabelGiven: settings.posLabel !== undefined,
  })
  // (the names first: where they say the columns are misordered, that is the cause of a reversed ranking too)
  const misnamed = misnamedProbabilityColumns(inputs.labels, settings.probabilities)
  const ordering = misnamed ?? reversed
  if (ordering !== undefined) {
    warnings.push(ordering)
    notes.push(ordering.message)
  }
  const continuous = continuousTargetsNote(inputs.labels, inputs.targetIndex, requiredTargets(request.targets))
  if (continuous !== undefined) {
    notes.unshift(continuous)
    warnings.push({ code: 'CONTINUOUS_TARGETS', message: continuous })
  }
  if (inputs.labels.length === 1) {
    notes.push(
      `only one label ("${inputs.labels[0]}"): evaluated as a single-class problem (no true/false positive counts, no roc_auc or log_loss); pass \`labels: [...]\` to name the other class`,
    )
  }
  const part: ClassifierPart = {
    settings: { labels: inputs.labels, posIndex: inputs.posIndex ?? null, average: settings.average },
    columns: partColumns(inputs.targetIndex, inputs.predictedIndex, inputs.probabilities, inputs.rowSumsOk),
  }
  return {
    part,
    runFields: {
      labels: [...inputs.labels],
      ...(inputs.posIndex !== undefined ? { posLabel: inputs.labels[inputs.posIndex] } : { average: settings.average }),
      hasProbabilities: inputs.probabilities !== undefined,
    },
    notes,
    warnings,
  }
}

/** A grouping's scopes as a `Scoping` of `ovrAucByScopes` (`[null]`: every row in one scope). */
function scopingOf(scopes: readonly ScopeRows[], rowCount: number): Scoping {
  if (scopes.length === 1 && scopes[0] === null) return { scopeOf: null, count: 1 }
  const scopeOf = new Int32Array(rowCount).fill(-1)
  scopes.forEach((rows, s) => {
    if (rows === null) scopeOf.fill(s)
    else markScope(scopeOf, rows, s)
  })
  return { scopeOf, count: scopes.length }
}

/** `scopeOf[row] = s` for each of `rows` (a loop of its own, for V8). */
function markScope(scopeOf: Int32Array, rows: Int32Array, s: number): void {
  for (let i = 0; i < rows.length; i++) scopeOf[rows[i]] = s
}

/**
 * Every scope of every grouping; the multiclass macro / weighted roc_auc (with intervals) of all
 * of them from one sort per class, whose rankings also draw the run's curves.
 */
function manyScopeMetrics(part: ClassifierPart, groupings: readonly (readonly ScopeRows[])[], context: ScopeContext): ManyScopes {
  const core = classifierCore(part)
  const k = core.labels.length
  const proba = core.probabilities
  const average = core.average
  const rankings: BinaryRanking[] = []
  const shared = proba !== undefined && k > 2 && context.intervals !== null && average !== 'micro'
  const scopings = shared ? groupings.map((scopes) => scopingOf(scopes, core.targetIndex.length)) : []
  // The sorts and the walks share one block of working memory (fewer fresh pages).
  const workspace = shared ? ovrWorkspace(core.targetIndex.length, scopings.length) : undefined
  const aucs = shared ? ovrAucByScopes(proba, core.targetIndex, k, average, classOrdersOneAtATime(proba, k, workspace), scopings, rankings, workspace) : undefined
  // Every row's log-loss term once; each scope reads its rows' terms (instead of recomputing them).
  const scopeCount = groupings.reduce((total, grouping) => total + grouping.length, 0)
  // In the one-vs-rest workspace when there is one (done with; the curves below use its first 9 bytes per row only).
  const n = core.targetIndex.length
  const termsInWorkspace = workspace !== undefined && workspace.byteLength >= 24 * n ? new Float64Array(workspace, 16 * n, n) : undefined
  const runLogLosses = proba !== undefined && k >= 2 && scopeCount > 1 ? logLossPerExample(proba, core.targetIndex, k, null, termsInWorkspace).losses : undefined
  const scopes = groupings.map((grouping, g) => grouping.map((rows, s) => classifierScope(core, rows, context, aucs?.[g][s], runLogLosses)))
  const wholeRun = groupings.length > 0 && groupings[0].length === 1 && groupings[0][0] === null
  if (!wholeRun || rankings.length === 0) return { scopes }
  const notes: string[] = []
  return { scopes, curves: { curves: classifierCurves(core.labels, core.posIndex, core.targetIndex, proba!, notes, rankings, workspace), notes } }
}

/** Its built-in metrics (MLflow's names). */
const CLASSIFIER_METRICS = [
    'example_count', 'accuracy_score', 'precision_score', 'recall_score', 'f1_score', 'true_negatives',
    'false_positives', 'false_negatives', 'true_positives', 'balanced_accuracy_score', 'matthews_corrcoef',
    'log_loss', 'roc_auc', 'precision_recall_auc', 'brier_score_loss',
] as const

/** The classifier model type. */
/**
 * A note when the targets are numbers that are not whole: a regressor's targets evaluated as a
 * classifier, each value a class of its own (adversarial pass 68, F11: 53 notes, none saying so;
 * MLflow warns that the model type looks like a regressor, and `evalgate evaluate` refuses it).
 */
function continuousTargetsNote(labels: readonly string[], targetIndex: Int32Array, targets: string): string | undefined {
  const seen = new Uint8Array(labels.length)
  for (let i = 0; i < targetIndex.length; i++) seen[targetIndex[i]] = 1
  const fractional = labels.find((label, c) => seen[c] === 1 && isNumericLabel(label) && !Number.isInteger(Number(label)))
  if (fractional === undefined) return undefined
  return `targets column "${targets}" holds numbers that are not whole (such as ${fractional}), each a class of its own here: they look like a regressor's targets (MLflow warns so too); pass modelType: 'regressor' to score them as numbers`
}

export const classifierType: ModelType<ClassifierPart> = {
  name: 'classifier',
  targetsColumn: { holds: 'the true labels', example: 'label' },
  aliases: [],
  optionNames: CLASSIFIER_OPTION_NAMES,
  metricNames: CLASSIFIER_METRICS,
  metricDirections: directionsOf(CLASSIFIER_METRICS),
  columnOptions: ['scores', 'probabilities'],
  artifactNames: ['misclassified', 'misclassified.csv'],
  resolveOptions: resolveClassifierOptions,
  encode,
  scopeMetrics: (part, rows, context) => classifierScope(classifierCore(part), rows, context),
  manyScopeMetrics,
  curves(part, _seed, notes) {
    const core = classifierCore(part)
    if (core.probabilities === undefined) return {}
    return classifierCurves(core.labels, core.posIndex, core.targetIndex, core.probabilities, notes)
  },
  artifacts(part, request) {
    const core = classifierCore(part)
    return [
      misclassifiedArtifact({
        dataset: request.dataset,
        inputColumns: request.inputColumns,
        labels: core.labels,
        targetIndex: core.targetIndex,
        predictedIndex: core.predictedIndex,
        probabilities: core.probabilities,
        rowNumber: request.rowNumber,
        maxRows: request.maxRows,
      }),
    ]
  },
  tableFields(part, rows) {
    const { labels } = part.settings
    // Every array a new one: a custom metric may sort or write it (the run's columns stay as they are).
    const fields: Record<string, () => unknown> = {
      modelType: () => 'classifier',
      labels: () => [...labels],
      targetIndex: () => ownedInt32(part.columns.targetIndex, rows),
      predictedIndex: () => ownedInt32(part.columns.predictedIndex, rows),
      targets: () => labelsOf(gatherInt32(part.columns.targetIndex, rows), labels),
      predictions: () => labelsOf(gatherInt32(part.columns.predictedIndex, rows), labels),
    }
    const proba = probabilityColumnsOf(part.columns, labels.length)
    if (proba !== undefined) {
      fields.probabilities = () => {
        // Copies (a custom metric may write to them; the run's columns are the dataset's own).
        const out: Record<string, Float64Array> = {}
        proba.forEach((column, c) => setOwn(out, labels[c], ownedFloat64(column, rows))) // a label may be __proto__
        return Object.freeze(out)
      }
    }
    return fields
  },
  outputs(part) {
    const { predictedIndex, probabilities } = part.columns
    return { predictedIndex, ...(probabilities !== undefined ? { probabilities } : {}) }
  },
  withOutputs(part, outputs, without) {
    const predictedIndex = outputs.predictedIndex instanceof Int32Array ? outputs.predictedIndex : part.columns.predictedIndex
    // The part's own probabilities, shared (a matrix not built yet is not built for this).
    const probabilities = without?.includes('probabilities') === true ? undefined : outputs.probabilities instanceof Float64Array ? outputs.probabilities : { of: part.columns }
    // Substituted probabilities were never checked for their row sums: as before, trusted.
    const rowSumsOk = probabilities === undefined || outputs.probabilities instanceof Float64Array ? undefined : part.columns.rowSumsOk
    return { settings: part.settings, columns: partColumns(part.columns.targetIndex, predictedIndex, probabilities, rowSumsOk) }
  },
}

/** The label of each index; a plain loop (Array.from with a map function over a typed array is
 *  several times slower, and row bootstraps of custom metrics build these for every resample). */
function labelsOf(indices: Int32Array, labels: readonly string[]): string[] {
  const out = new Array<string>(indices.length)
  for (let i = 0; i < indices.length; i++) out[i] = labels[indices[i]]
  return out
}
