/**
 * Step 8 of `evaluate()`: the EvalRun from what the steps before computed: metric directions
 * (the model type's, the engine's `error_count` / `error_rate`, the custom metrics'), interval
 * settings, the dataset's fingerprint, in the field order of `src/run/types.ts`.
 */
import { fingerprintDatasetColumns } from '../data/index.js'
import type { Dataset } from '../data/index.js'
import { EVAL_RUN_VERSION } from '../run/types.js'
import type { Artifact, Curves, EvalRun, IntervalSettings, MetricInterval, ModelInfo, ScopeMetrics, SliceResult } from '../run/types.js'
import type { CheckedOptions } from './check-options.js'
import type { EvaluateOptions } from './options.js'

/** Metric names evaluate() itself may add besides the model type's. */
export const EVALUATE_METRIC_DIRECTIONS: Readonly<Record<string, boolean>> = { error_count: false, error_rate: false }

/** What the run is assembled from. */
export interface RunParts {
  options: EvaluateOptions
  checked: CheckedOptions
  createdAt: string
  /** The evaluation set before failed rows were dropped. */
  fullDataset: Dataset
  inputColumns: readonly string[]
  exampleCount: number
  runFields: Partial<EvalRun>
  /** The whole run's scope (per-class table, confusion matrix). */
  overall: ScopeMetrics
  metrics: Record<string, number>
  intervals: Record<string, MetricInterval>
  curves: Curves
  sliceSpecs: ReadonlyArray<string | string[]>
  slices: Record<string, SliceResult>
  artifacts: Artifact[]
  model: ModelInfo
  notes: string[]
}

/** Direction of every metric of the run and its slices that has one. */
function directions(parts: RunParts): Record<string, boolean> {
  const greaterIsBetter: Record<string, boolean> = {}
  const metricNames = new Set(Object.keys(parts.metrics))
  for (const slice of Object.values(parts.slices)) for (const name of Object.keys(slice.metrics)) metricNames.add(name)
  const typeDirections = parts.checked.type.metricDirections
  for (const name of metricNames) {
    const direction = typeDirections[name] ?? EVALUATE_METRIC_DIRECTIONS[name]
    if (direction !== undefined) greaterIsBetter[name] = direction
  }
  for (const definition of parts.options.extraMetrics ?? []) greaterIsBetter[definition.name] = definition.greaterIsBetter
  return greaterIsBetter
}

/** The EvalRun (`durationMs` 0: the caller sets it last). */
export function assembleRun(parts: RunParts): EvalRun {
  const { options, checked, fullDataset, overall } = parts
  const intervals = checked.intervals
  const intervalSettings: IntervalSettings = intervals
    ? { level: intervals.level, seed: intervals.seed, resamples: intervals.resamples, rowResamples: intervals.rowResamples }
    : { level: checked.level, seed: checked.seed, resamples: 0 }
  const notes = [...parts.notes]
  if (!intervals) notes.push('intervals turned off (intervals: false)')
  const targets = options.targets
  const fingerprintColumns = targets !== undefined ? [targets, ...parts.inputColumns.filter((c) => c !== targets)] : [...parts.inputColumns]
  // Slice columns outside the inputs are fingerprinted on their own: which rows form a slice is
  // part of what a slice's baseline compares, but they stay out of the whole fingerprint (which
  // entries written before keep).
  const sliceColumns = parts.sliceSpecs.flatMap((spec) => (typeof spec === 'string' ? [spec] : [...spec]))
  const fingerprint = fingerprintDatasetColumns(fullDataset, fingerprintColumns, sliceColumns)
  return {
    version: EVAL_RUN_VERSION,
    ...(options.name !== undefined ? { name: options.name } : {}),
    // the type's own name: an alias (`text_classification`) gives `classifier`
    modelType: parts.checked.type.name as EvalRun['modelType'],
    createdAt: parts.createdAt,
    exampleCount: parts.exampleCount,
    ...parts.runFields,
    metrics: parts.metrics,
    intervals: parts.intervals,
    intervalSettings,
    greaterIsBetter: directions(parts),
    customMetrics: (options.extraMetrics ?? []).map((d) => d.name),
    ...(overall.perClass !== undefined ? { perClass: overall.perClass } : {}),
    ...(overall.confusionMatrix !== undefined ? { confusionMatrix: overall.confusionMatrix } : {}),
    curves: parts.curves,
    sliceColumns: parts.sliceSpecs.map((s) => (typeof s === 'string' ? s : [...s])),
    slices: parts.slices,
    minSliceSize: checked.minSliceSize,
    artifacts: parts.artifacts,
    dataset: {
      fingerprint: fingerprint.fingerprint,
      rowCount: fullDataset.rowCount,
      columns: fingerprintColumns,
      columnFingerprints: fingerprint.columns,
      ...(targets !== undefined ? { targetColumn: targets } : {}),
      ...(fullDataset.source !== undefined ? { source: fullDataset.source } : {}),
    },
    model: parts.model,
    notes,
    durationMs: 0,
  }
}
