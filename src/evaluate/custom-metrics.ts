/**
 * Computes `extraMetrics` over one scope, with a `poisson-bootstrap-bca` interval (each resample,
 * and each of the jackknife's leave-group-out tables, re-runs the built-in metrics and the
 * custom function on its rows). Scopes larger
 * than `maxIntervalRows` get no interval (it would call the function hundreds of times on large
 * tables) and a note says so.
 */
import { ConfigError } from '../errors.js'
import type { MetricInterval } from '../run/types.js'
import type { MetricDefinition } from './define-metric.js'
import { createEvalTable } from './eval-table.js'
import type { EvalTableSource } from './eval-table.js'
import { expandWeights } from '../model-types/gather-rows.js'
import { bcaBootstrapIntervals } from './interval-methods.js'
import type { IntervalConfig } from './interval-methods.js'
import type { RowWeightSource } from '../stats/resample-weights.js'

export interface CustomMetricContext {
  definitions: readonly MetricDefinition[]
  source: EvalTableSource
  /** Built-in metrics of any row list (no intervals). */
  builtinsOf(rows: Int32Array): Record<string, number>
  intervals: IntervalConfig | null
  maxIntervalRows: number
  /** A metric that throws or returns no number is left out, no note (the rows are a paired test's resample). */
  undefinedOnThrow?: boolean
  /** Where the interval's bootstrap takes its row weights (the scope's built-ins may have drawn them); default drawn afresh. */
  rowWeights?: RowWeightSource
  /**
   * Where to record, by metric name, what each function read on its scope's own table (not an
   * interval's resamples): the type's fields (`probabilities`) and `builtins` when it read the
   * built-in metrics. `evaluate()` keeps them beside the run ({@link CustomMetricReads}).
   */
  reads?: CustomMetricReads
}

/** What each custom metric read of its tables, by metric name: field names, and `builtins`. */
export type CustomMetricReads = Map<string, Set<string>>

/** Where a custom metric was called, for its error messages. */
interface CallPlace {
  /** `the whole run`, `slice "category=billing"`, or `a scope of 40 rows`. */
  scope: string
  /** Rows of the interval resample (bootstrap or jackknife) it was called on; undefined: the scope itself. */
  resampleRows?: number
}

function placeText(place: CallPlace): string {
  return place.resampleRows === undefined ? place.scope : `an interval resample of ${place.resampleRows} rows of ${place.scope}`
}

function callMetric(definition: MetricDefinition, place: CallPlace, ...args: Parameters<MetricDefinition['fn']>): number {
  let value: unknown
  try {
    value = definition.fn(...args)
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause)
    const fix =
      place.resampleRows === undefined
        ? 'fix its fn (it receives the evaluation table and the built-in metrics)'
        : `it computed on ${place.scope} itself, so it fails only on some subsets of rows: make its fn handle any subset (a resample can miss a class or repeat rows), or pass intervals: false to evaluate() to skip the interval's resampling (the baseline gate's paired test resamples too, and counts a throw there as a resample where the metric is undefined)`
    throw new ConfigError('CUSTOM_METRIC_THREW', `custom metric "${definition.name}" threw: ${message} (on ${placeText(place)}); ${fix}`, { cause })
  }
  if (typeof value !== 'number') {
    const what = value instanceof Promise ? 'a Promise (custom metrics are synchronous)' : typeof value
    throw new ConfigError('CUSTOM_METRIC_VALUE', `custom metric "${definition.name}" returned ${what} on ${placeText(place)}; return a number`)
  }
  return value
}

/**
 * A read-only view of built-in metrics, computed on first read: most custom metrics read only
 * the table, and computing every built-in metric for each of thousands of resamples would cost
 * more than the custom metrics themselves. Reads, `in`, `Object.keys` and spreading all see the
 * metrics; a write throws (a custom metric cannot change the run's metrics).
 */
function readOnlyMetrics(compute: () => Readonly<Record<string, number>>): Readonly<Record<string, number>> {
  let cached: Readonly<Record<string, number>> | undefined
  const target = (): Readonly<Record<string, number>> => (cached ??= compute())
  const readOnly = (): never => {
    throw new TypeError('the built-in metrics passed to a custom metric are read-only')
  }
  return new Proxy({} as Record<string, number>, {
    get: (_, key) => (typeof key === 'string' ? target()[key] : undefined),
    has: (_, key) => key in target(),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key)
      return descriptor === undefined ? undefined : { ...descriptor, writable: false, configurable: true }
    },
    set: readOnly,
    defineProperty: readOnly,
    deleteProperty: readOnly,
  })
}

/** The set `reads` keeps for `name`, made on first use; undefined without `reads`. */
function readsOf(reads: CustomMetricReads | undefined, name: string): Set<string> | undefined {
  if (reads === undefined) return undefined
  let read = reads.get(name)
  if (read === undefined) reads.set(name, (read = new Set()))
  return read
}

/**
 * Custom metrics of the rows `rows` (null = every row), given that scope's built-in metrics.
 * Each call of a custom function gets its own table and a read-only view of the built-ins, so
 * none can change the run's data or what another custom metric reads. `scope` names the scope in
 * error messages (`the whole run`, `slice "category=billing"`); default `the whole run` for every row, else
 * `a scope of N rows`.
 *
 * @example
 * computeCustomMetrics(context, sliceRows, sliceBuiltins, 'slice "category=billing"').metrics.my_metric
 */
export function computeCustomMetrics(
  context: CustomMetricContext,
  rows: Int32Array | null,
  builtins: Readonly<Record<string, number>>,
  scope?: string,
): { metrics: Record<string, number>; intervals: Record<string, MetricInterval>; notes: string[] } {
  const metrics: Record<string, number> = {}
  const intervals: Record<string, MetricInterval> = {}
  const notes: string[] = []
  if (context.definitions.length === 0) return { metrics, intervals, notes }
  const n = rows === null ? context.source.rowCount : rows.length
  const place: CallPlace = { scope: scope ?? (rows === null ? 'the whole run' : `a scope of ${n} rows`) }
  const builtinsView = readOnlyMetrics(() => builtins)
  for (const definition of context.definitions) {
    let value: number
    try {
      const read = readsOf(context.reads, definition.name)
      value =
        read === undefined
          ? callMetric(definition, place, createEvalTable(context.source, rows), builtinsView)
          : callMetric(
              definition,
              place,
              createEvalTable(context.source, rows, (field) => read.add(field)),
              readOnlyMetrics(() => {
                read.add('builtins')
                return builtins
              }),
            )
    } catch (error) {
      // on a paired test's resample, or recomputed without the probabilities, a throw or a value
      // that is no number (a built-in it reads is undefined there) leaves the metric undefined
      if (context.undefinedOnThrow === true && error instanceof ConfigError && (error.code === 'CUSTOM_METRIC_THREW' || error.code === 'CUSTOM_METRIC_VALUE')) continue
      throw error
    }
    if (Number.isFinite(value)) metrics[definition.name] = value
    else notes.push(`custom metric ${definition.name} left out: it returned ${value}`)
  }
  const names = Object.keys(metrics)
  const config = context.intervals
  if (config === null || names.length === 0 || n < 2) return { metrics, intervals, notes }
  if (n > context.maxIntervalRows) {
    notes.push(
      `custom metrics (${names.join(', ')}) have no interval: ${n} examples is above ${context.maxIntervalRows}, where a row bootstrap would call them ${config.rowResamples} times (plus a jackknife) on tables that large`,
    )
    return { metrics, intervals, notes }
  }
  const statistic = (weights: Float64Array): Record<string, number> => {
    const resampled = expandWeights(weights, rows)
    if (resampled.length === 0) return {}
    const resampledBuiltins = readOnlyMetrics(() => Object.freeze(context.builtinsOf(resampled)))
    const resamplePlace: CallPlace = { ...place, resampleRows: resampled.length }
    const values: Record<string, number> = {}
    for (const definition of context.definitions) {
      if (metrics[definition.name] !== undefined) {
        values[definition.name] = callMetric(definition, resamplePlace, createEvalTable(context.source, resampled), resampledBuiltins)
      }
    }
    return values
  }
  Object.assign(intervals, bcaBootstrapIntervals(n, metrics, statistic, config, context.rowWeights))
  return { metrics, intervals, notes }
}
