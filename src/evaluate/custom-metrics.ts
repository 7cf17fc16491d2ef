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

export interface CustomMetricContext {
  definitions: readonly MetricDefinition[]
  source: EvalTableSource
  /** Built-in metrics of any row list (no intervals). */
  builtinsOf(rows: Int32Array): Record<string, number>
  intervals: IntervalConfig | null
  maxIntervalRows: number
}

function callMetric(definition: MetricDefinition, ...args: Parameters<MetricDefinition['fn']>): number {
  let value: unknown
  try {
    value = definition.fn(...args)
  } catch (cause) {
    throw new ConfigError(
      'CUSTOM_METRIC_THREW',
      `custom metric "${definition.name}" threw: ${cause instanceof Error ? cause.message : String(cause)}; fix its fn (it receives the evaluation table and the built-in metrics)`,
      { cause },
    )
  }
  if (typeof value !== 'number') {
    const what = value instanceof Promise ? 'a Promise (custom metrics are synchronous)' : typeof value
    throw new ConfigError('CUSTOM_METRIC_VALUE', `custom metric "${definition.name}" returned ${what}; return a number`)
  }
  return value
}

/**
 * The built-in metrics of a resample, computed on first read: most custom metrics read only the
 * table, and computing every built-in metric for each of thousands of resamples would cost more
 * than the custom metrics themselves. Reads, `in`, `Object.keys` and spreading all see the
 * computed metrics; the object is read-only.
 */
function lazyBuiltins(compute: () => Record<string, number>): Readonly<Record<string, number>> {
  let cached: Record<string, number> | undefined
  const target = (): Record<string, number> => (cached ??= Object.freeze(compute()))
  const readOnly = (): never => {
    throw new TypeError('the built-in metrics passed to a custom metric are read-only')
  }
  return new Proxy({} as Record<string, number>, {
    get: (_, key) => (typeof key === 'string' ? target()[key] : undefined),
    has: (_, key) => key in target(),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key)
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true }
    },
    set: readOnly,
    defineProperty: readOnly,
    deleteProperty: readOnly,
  })
}

/** Custom metrics of the rows `rows` (null = every row), given that scope's built-in metrics. */
export function computeCustomMetrics(
  context: CustomMetricContext,
  rows: Int32Array | null,
  builtins: Readonly<Record<string, number>>,
): { metrics: Record<string, number>; intervals: Record<string, MetricInterval>; notes: string[] } {
  const metrics: Record<string, number> = {}
  const intervals: Record<string, MetricInterval> = {}
  const notes: string[] = []
  if (context.definitions.length === 0) return { metrics, intervals, notes }
  const table = createEvalTable(context.source, rows)
  for (const definition of context.definitions) {
    const value = callMetric(definition, table, builtins)
    if (Number.isFinite(value)) metrics[definition.name] = value
    else notes.push(`custom metric ${definition.name} left out: it returned ${value}`)
  }
  const names = Object.keys(metrics)
  const config = context.intervals
  const n = table.rowCount
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
    const resampledTable = createEvalTable(context.source, resampled)
    const resampledBuiltins = lazyBuiltins(() => context.builtinsOf(resampled))
    const values: Record<string, number> = {}
    for (const definition of context.definitions) {
      if (metrics[definition.name] !== undefined) values[definition.name] = callMetric(definition, resampledTable, resampledBuiltins)
    }
    return values
  }
  Object.assign(intervals, bcaBootstrapIntervals(n, metrics, statistic, config))
  return { metrics, intervals, notes }
}
