/**
 * The engine's functions over a run and its run table (`src/run/run-table.ts`), the only way
 * the layers above reach per-example data: the metrics of any rows, with another model's outputs
 * substituted (`scopeMetricsOf`, what paired tests recompute), and the slices of any column or
 * cross (`slicesOf`, on-demand slices). They work the same on a fresh run and on a run read back
 * from JSON with its deserialised table. `evaluate()` uses the same pieces for the declared
 * slices (`scopesOf`).
 *
 * Custom metric functions are user closures, so they are not in the table: `evaluate()` links
 * them to the run it returns (`customMetricsOf(run)`), and every function here takes them as an
 * argument (a run read from disk has none unless the caller passes its definitions).
 */
import type { Dataset } from '../data/index.js'
import type { EncodedColumn, EncodedPart, ModelType, ScopeRows } from '../model-types/model-type.js'
import { modelTypeOf } from '../model-types/registry.js'
import { RUN_TABLE_VERSION } from '../run/run-table.js'
import type { RunTable, TableColumn } from '../run/run-table.js'
import type { Curves, EvalRun, IntervalConfig, ScopeMetrics, SliceResult } from '../run/types.js'
import { computeCustomMetrics } from './custom-metrics.js'
import type { CustomMetricContext, CustomMetricReads } from './custom-metrics.js'
import type { MetricDefinition } from './define-metric.js'
import type { EvalTableSource } from './eval-table.js'
import { EVALUATE_DEFAULTS } from './options.js'
import { scopeContext } from './scope-context.js'
import { replayedRowWeights } from '../stats/resample-weights.js'
import { groupRows, sliceSpecColumns } from './slice-groups.js'
import type { SliceGroup } from './slice-groups.js'
import { keyedRecord, ownValue } from '../run/own-keys.js'

/**
 * The run table of an evaluation: every column of `dataset`, the type's encoded part, and the
 * rows of every slice in `groupings`.
 */
export function buildRunTable(dataset: Dataset, inputColumns: readonly string[], type: ModelType, part: EncodedPart, groupings: readonly SliceGroup[][]): RunTable {
  const columns = keyedRecord<TableColumn>() // keyed by column name (__proto__, constructor are names too)
  for (const name of dataset.columnNames) columns[name] = dataset.column(name)
  const slices = keyedRecord<Int32Array>()
  for (const groups of groupings) for (const group of groups) slices[group.key] = group.rows
  return {
    version: RUN_TABLE_VERSION,
    modelType: type.name,
    rowCount: dataset.rowCount,
    columnNames: [...dataset.columnNames],
    columns,
    inputColumns: [...inputColumns],
    encoded: part,
    slices,
  }
}

/** What custom metrics and artifacts read: the table's columns and the type's fields of `part`. */
export function evalTableSource(table: RunTable, type: ModelType, part: EncodedPart = table.encoded): EvalTableSource {
  return { rowCount: table.rowCount, columns: table.columns, inputColumns: table.inputColumns, fields: (rows) => type.tableFields(part, rows) }
}

/** The context `computeCustomMetrics` needs for one part (the run's, or one with substituted outputs). */
export function customMetricContext(
  table: RunTable,
  type: ModelType,
  part: EncodedPart,
  definitions: readonly MetricDefinition[],
  intervals: IntervalConfig | null,
): CustomMetricContext {
  return {
    definitions,
    source: evalTableSource(table, type, part),
    builtinsOf: (rows) => type.scopeMetrics(part, rows, scopeContext(null, false)).metrics,
    intervals,
    maxIntervalRows: EVALUATE_DEFAULTS.customIntervalMaxRows,
  }
}

/** How slices are computed. */
export interface SliceSettings {
  intervals: IntervalConfig | null
  minSliceSize: number
  customMetrics: readonly MetricDefinition[]
  /** Where to record what each custom metric read on its scopes' tables (`evaluate()` keeps it beside the run). */
  reads?: CustomMetricReads
}

/** The custom metrics of one scope. */
export type CustomResult = ReturnType<typeof computeCustomMetrics>

/** The whole run's scope (built-in and custom metrics), its curves when the shared pass drew them, and the slices. */
export interface Scopes {
  run?: { scope: ScopeMetrics; custom: CustomResult }
  curves?: { curves: Curves; notes: string[] }
  slices: Record<string, SliceResult>
  /** What the run's notes say of the slices as a whole (their detail tables left out). */
  notes: string[]
}

/**
 * The most cells the slices' detail tables (a classifier's per-class rows and confusion
 * matrices) may hold together; above it no slice keeps them, and a note says so. 6,000 slices of
 * a 100-class run held 60 million, a run.json of 182 MB per test and a worker of 5.9 GB
 * (adversarial pass 65), where 2,000 slices of 50 classes hold 5 million.
 */
export const MAX_SLICE_DETAIL_CELLS = 10_000_000

/** The cells of a scope's detail tables: its confusion matrix's and its per-class table's. */
function detailCells(scope: ScopeMetrics): number {
  const k = scope.confusionMatrix?.labels.length ?? 0
  return k * k + (scope.perClass?.length ?? 0) * 6
}

/**
 * The metrics of the whole run (when `run` is given; its `extraMetrics`, such as `error_rate`,
 * join the built-ins the run's custom metrics read) and of every slice of `groupings` (with
 * their custom metrics), from one call of the type's `manyScopeMetrics` when it has one. Slices
 * under `minSliceSize` report their size and a note only.
 */
export function scopesOf(
  table: RunTable,
  type: ModelType,
  groupings: readonly SliceGroup[][],
  settings: SliceSettings,
  run?: { extraMetrics: Readonly<Record<string, number>> },
): Scopes {
  const part = table.encoded
  // One store of row weights for every scope's bootstraps: the built-in means' bootstrap-t and
  // the custom metrics' BCa of a scope draw the same stream (same seed, same rows), and so do
  // slices of the same size; each is drawn once and replayed (the same numbers, bit for bit).
  const rowWeights = settings.intervals === null ? undefined : replayedRowWeights(settings.intervals.rowResamples)
  const context = scopeContext(settings.intervals, true, rowWeights)
  const eligible = groupings.map((groups) => groups.filter((group) => group.rows.length >= settings.minSliceSize))
  const scopeRows: ScopeRows[][] = eligible.map((groups) => groups.map((group) => group.rows))
  if (run !== undefined) scopeRows.unshift([null])
  const many = type.manyScopeMetrics?.(part, scopeRows, context)
  const metricsOf = (g: number, s: number): ScopeMetrics => many?.scopes[g][s] ?? type.scopeMetrics(part, scopeRows[g][s], context)
  const out: Scopes = { slices: {}, notes: [] }
  const computedSlices = eligible.reduce((sum, groups) => sum + groups.length, 0)
  let keepDetails: boolean | undefined
  const custom = { ...customMetricContext(table, type, part, settings.customMetrics, settings.intervals), rowWeights, ...(settings.reads ? { reads: settings.reads } : {}) }
  if (run !== undefined) {
    const scope = metricsOf(0, 0)
    Object.assign(scope.metrics, run.extraMetrics)
    out.run = { scope, custom: computeCustomMetrics(custom, null, scope.metrics) }
    if (many?.curves !== undefined) out.curves = many.curves
  }
  const offset = run !== undefined ? 1 : 0
  groupings.forEach((groups, d) => {
    let s = 0
    for (const group of groups) {
      const exampleCount = group.rows.length
      const slice: SliceResult = { key: group.key, columns: group.columns, values: group.values, exampleCount, metrics: {}, intervals: {}, notes: [] }
      if (exampleCount < settings.minSliceSize) {
        slice.notes.push(`${exampleCount} examples, fewer than \`minSliceSize\` (${settings.minSliceSize}): metrics not computed`)
      } else {
        const scope = metricsOf(d + offset, s++)
        const sliceCustom = computeCustomMetrics(custom, group.rows, scope.metrics, `slice "${group.key}"`)
        slice.metrics = { ...scope.metrics, ...sliceCustom.metrics }
        slice.intervals = { ...scope.intervals, ...sliceCustom.intervals }
        if (keepDetails === undefined) {
          const cells = detailCells(scope) * computedSlices
          keepDetails = cells <= MAX_SLICE_DETAIL_CELLS
          if (!keepDetails) {
            out.notes.push(
              `the slices keep no per-class table and no confusion matrix: ${computedSlices.toLocaleString('en-US')} slices would hold ${cells.toLocaleString('en-US')} cells (at most ${MAX_SLICE_DETAIL_CELLS.toLocaleString('en-US')}); the run's own are kept, and toHaveConfusionRate on a slice needs fewer slices or classes`,
            )
          }
        }
        if (keepDetails && scope.perClass !== undefined) slice.perClass = scope.perClass
        if (keepDetails && scope.confusionMatrix !== undefined) slice.confusionMatrix = scope.confusionMatrix
        slice.notes.push(...scope.notes, ...sliceCustom.notes)
      }
      out.slices[group.key] = slice
    }
  })
  return out
}

/** The groups of a slice spec (a column, or a cross of columns) over the table's rows. */
export function sliceGroupsOf(table: RunTable, spec: string | readonly string[]): SliceGroup[] {
  const columns = sliceSpecColumns(table.columnNames, spec)
  return groupRows((name) => ownValue(table.columns, name) as TableColumn, table.rowCount, columns)
}

/** The interval settings a run was computed with, or null when its intervals were off. */
export function intervalConfigOf(run: EvalRun): IntervalConfig | null {
  const { level, seed, resamples, rowResamples } = run.intervalSettings
  return resamples > 0 && rowResamples !== undefined ? { level, seed, resamples, rowResamples } : null
}

/**
 * The slices of any column or cross of columns (`'region'`, `['category', 'region']`) of a run,
 * computed as `evaluate()` computes declared slices (same intervals, minSliceSize and custom
 * metrics). Works on a run read back from JSON with its deserialised table.
 * @example slicesOf(run, runTableOf(run)!, 'region')['region=eu'].metrics.f1_score
 */
export function slicesOf(run: EvalRun, table: RunTable, spec: string | readonly string[], customMetrics: readonly MetricDefinition[] = customMetricsOf(run)): Record<string, SliceResult> {
  const type = modelTypeOf(table.modelType)
  const settings: SliceSettings = { intervals: intervalConfigOf(run), minSliceSize: run.minSliceSize, customMetrics }
  return scopesOf(table, type, [sliceGroupsOf(table, spec)], settings).slices
}

/** Options of `scopeMetricsOf`. */
export interface ScopeMetricsOptions {
  /** Another model's per-example outputs on the same rows (`ModelType.outputs` names); default the run's own. */
  outputs?: Readonly<Record<string, EncodedColumn>>
  /** Optional outputs left out for both models (`ModelType.withOutputs`'s `without`): a classifier's `probabilities`. */
  withoutOutputs?: readonly string[]
  /** Custom metric definitions (user closures, not in the table); default none. */
  customMetrics?: readonly MetricDefinition[]
  /**
   * Only the built-in metrics, only the custom ones (their functions then read the built-ins
   * lazily, computed on first access), or both (default).
   */
  part?: 'builtin' | 'custom' | 'all'
  /**
   * A custom metric that throws, or returns no number, is left out (undefined) instead of
   * throwing: the rows are a resample of the baseline gate's paired test, where a throw means the
   * metric is undefined on that resample, as a NaN does (adversarial pass 28); recomputed without
   * the probabilities, a built-in it reads may be undefined (adversarial pass 42).
   */
  undefinedOnThrow?: boolean
}

/**
 * Built-in and custom metrics (no intervals) of the rows `rows` of a run table (null: every row;
 * a row may repeat, as in a resample), had the model produced `options.outputs` instead of its
 * own: what a paired comparison recomputes for another model's outputs on the same data.
 * @example scopeMetricsOf(table, null, { outputs: { predictedIndex: stored } }).accuracy_score
 */
export function scopeMetricsOf(table: RunTable, rows: Int32Array | null, options: ScopeMetricsOptions = {}): Record<string, number> {
  const type = modelTypeOf(table.modelType)
  const part = options.outputs === undefined && options.withoutOutputs === undefined ? table.encoded : type.withOutputs(table.encoded, options.outputs ?? {}, options.withoutOutputs)
  const builtinsOf = (): Record<string, number> => type.scopeMetrics(part, rows, scopeContext(null, false)).metrics
  const which = options.part ?? 'all'
  if (which === 'builtin') return builtinsOf()
  const builtins = which === 'all' ? builtinsOf() : lazyRecord(builtinsOf)
  const context = customMetricContext(table, type, part, options.customMetrics ?? [], null)
  const custom = computeCustomMetrics(options.undefinedOnThrow === true ? { ...context, undefinedOnThrow: true } : context, rows, builtins).metrics
  return which === 'custom' ? custom : { ...builtins, ...custom }
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

const customMetricsOfRun = new WeakMap<EvalRun, readonly MetricDefinition[]>()
const customMetricReadsOfRun = new WeakMap<EvalRun, CustomMetricReads>()

/**
 * Links a run to its custom metric definitions (`evaluate()` does, for the run it returns), and
 * to what each read of its scopes' tables (`reads`), when recorded.
 */
export function linkCustomMetrics(run: EvalRun, definitions: readonly MetricDefinition[], reads?: CustomMetricReads): void {
  if (definitions.length > 0) customMetricsOfRun.set(run, definitions)
  if (definitions.length > 0 && reads !== undefined) customMetricReadsOfRun.set(run, reads)
}

/**
 * What each custom metric of `run` read of the tables `evaluate()` gave it (the whole run's and
 * each slice's, not an interval's resamples), by metric name: the type's fields, and `builtins`
 * when it read the built-in metrics. Undefined where not recorded (a run read back from JSON).
 */
export function customMetricReadsOf(run: EvalRun): ReadonlyMap<string, ReadonlySet<string>> | undefined {
  return customMetricReadsOfRun.get(run)
}

/**
 * The custom metric definitions `evaluate()` computed `run` with: user closures, kept beside the
 * run (not in it, nor in its table); none for a run read back from JSON.
 */
export function customMetricsOf(run: EvalRun): readonly MetricDefinition[] {
  return customMetricsOfRun.get(run) ?? []
}

/**
 * The model's per-example outputs in a run table (`ModelType.outputs`: a classifier's
 * `predictedIndex` and `probabilities`, a regressor's `predictedValues`), what a baseline stores.
 */
export function outputsOf(table: RunTable): Record<string, EncodedColumn> {
  return modelTypeOf(table.modelType).outputs(table.encoded)
}
