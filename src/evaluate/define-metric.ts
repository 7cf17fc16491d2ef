/**
 * Custom metrics (MLflow's `make_metric`): a function of the evaluation table and the
 * built-in metrics of the same scope, computed overall and per slice.
 */
import { ConfigError } from '../errors.js'
import type { EvalTable } from './eval-table.js'
import { inheritedName } from '../run/own-keys.js'

export type MetricFunction = (table: EvalTable, builtins: Readonly<Record<string, number>>) => number

export interface MetricDefinition {
  readonly kind: 'evalgate.metric'
  readonly name: string
  readonly fn: MetricFunction
  readonly greaterIsBetter: boolean
}

const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

/**
 * Endings the reports give a metric's interval bounds (`src/reporter`): `slices.csv` columns
 * `<metric>_lower` / `_upper`, the MLflow export's `<metric>_ci_lower` / `_ci_upper`, JUnit
 * properties `<metric>.lower` / `.upper`. A custom metric ending so would collide with a bound.
 */
const BOUND_SUFFIXES = ['_lower', '_upper', '.lower', '.upper'] as const

/** The ending of `name` that names an interval bound, or undefined. */
function boundSuffixOf(name: string): string | undefined {
  return BOUND_SUFFIXES.find((suffix) => name.endsWith(suffix))
}

/** slices.csv's own columns beside the metrics' (a metric of one of these names had no column, or filled the slice notes'). */
const SLICE_TABLE_COLUMNS: readonly string[] = ['slice', 'columns', 'values', 'notes']

/**
 * Why a name is taken by the reports, or undefined: JUnit writes each metric as a property named
 * by it, beside evalgate's own `evalgate.*` and `baseline.*` properties, and slices.csv has columns
 * of its own (adversarial pass 56: a metric named "evalgate.verdict" gave two such properties).
 */
function reservedNameUse(name: string): string | undefined {
  const prefix = /^(evalgate|baseline)\./i.exec(name)?.[1]
  if (prefix !== undefined) return `begins with "${prefix}.", which JUnit's own properties of each run use (${prefix.toLowerCase() === 'evalgate' ? 'evalgate.verdict, evalgate.model_type, ...' : 'baseline.status, baseline.<metric>.verdict, ...'})`
  if (SLICE_TABLE_COLUMNS.includes(name)) return `is one of slices.csv's own columns (${SLICE_TABLE_COLUMNS.join(', ')})`
  return undefined
}

/**
 * Defines a custom metric. Its name may not end in `_lower`, `_upper`, `.lower` or `.upper`
 * (the reports name interval bounds so), begin with `evalgate.` or `baseline.` (JUnit's own
 * properties), or be one of slices.csv's own columns (`slice`, `columns`, `values`, `notes`).
 *
 * @example
 * const shortTextAccuracy = defineMetric({
 *   name: 'short_text_accuracy',
 *   greaterIsBetter: true,
 *   fn: (table) => { ... return correct / total },
 * })
 * await evaluate({ ..., extraMetrics: [shortTextAccuracy] })
 */
export function defineMetric(definition: { name: string; fn: MetricFunction; greaterIsBetter: boolean }): MetricDefinition {
  const { name, fn, greaterIsBetter } = definition
  if (typeof name !== 'string' || !METRIC_NAME.test(name)) {
    throw new ConfigError(
      'INVALID_METRIC_NAME',
      `defineMetric: name ${JSON.stringify(name)} is not a valid metric name; use letters, digits, "_", "." or "-", starting with a letter or "_" (e.g. "short_text_accuracy")`,
    )
  }
  if (inheritedName(name)) {
    // Metric names key the run's records (metrics, intervals, directions) and the reports'.
    throw new ConfigError(
      'INVALID_METRIC_NAME',
      `defineMetric: name "${name}" is a property every JavaScript object has (Object.prototype.${name}), so it cannot name a metric; pick another name (e.g. "${name.replace(/^_+|_+$/g, '')}_metric")`,
    )
  }
  const suffix = boundSuffixOf(name)
  if (suffix !== undefined) {
    const stem = name.slice(0, -suffix.length)
    const bound = suffix.endsWith('lower') ? 'lower' : 'upper'
    throw new ConfigError(
      'INVALID_METRIC_NAME',
      `defineMetric: name "${name}" ends in "${suffix}", which the reports use for the ${bound} bound of a metric's interval (slices.csv's "${stem}_${bound}" column, JUnit's "${stem}.${bound}" property): it would clash with the ${bound} bound of "${stem}"; pick a name that does not end in _lower, _upper, .lower or .upper (e.g. "${stem}_${bound === 'lower' ? 'low' : 'high'}")`,
    )
  }
  const reserved = reservedNameUse(name)
  if (reserved !== undefined) {
    throw new ConfigError('INVALID_METRIC_NAME', `defineMetric: name "${name}" ${reserved}, so the metric would overwrite it or be lost; pick another name (e.g. "${name.replace(/^(evalgate|baseline)\./, '').replace(/\./g, '_')}_metric")`)
  }
  if (typeof fn !== 'function') {
    throw new ConfigError('INVALID_METRIC_FN', `defineMetric("${name}"): fn must be a function (table, builtins) => number`)
  }
  if (typeof greaterIsBetter !== 'boolean') {
    throw new ConfigError(
      'INVALID_METRIC_DIRECTION',
      `defineMetric("${name}"): greaterIsBetter must be true or false, so baselines know which way is a regression`,
    )
  }
  return Object.freeze({ kind: 'evalgate.metric' as const, name, fn, greaterIsBetter })
}

/** Whether a value was made by `defineMetric`. */
export function isMetricDefinition(value: unknown): value is MetricDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'evalgate.metric'
}
