/**
 * Custom metrics (MLflow's `make_metric`): a function of the evaluation table and the
 * built-in metrics of the same scope, computed overall and per slice.
 */
import { ConfigError } from '../errors.js'
import type { EvalTable } from './eval-table.js'

export type MetricFunction = (table: EvalTable, builtins: Readonly<Record<string, number>>) => number

export interface MetricDefinition {
  readonly kind: 'evalgate.metric'
  readonly name: string
  readonly fn: MetricFunction
  readonly greaterIsBetter: boolean
}

const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

/**
 * Defines a custom metric.
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
