/**
 * Looks a metric up in a run or a slice, with an error that lists the metrics that exist.
 */
import { ConfigError, listNames } from '../../errors.js'
import type { EvalRun, MetricInterval, SliceResult } from '../../run/types.js'

/** Short names accepted for the MLflow metric names. */
const ALIASES: Readonly<Record<string, string>> = {
  accuracy: 'accuracy_score',
  f1: 'f1_score',
  precision: 'precision_score',
  recall: 'recall_score',
}

/** The MLflow name for `name` (`f1` -> `f1_score`); unknown names are returned as they are. */
export function canonicalMetricName(name: string): string {
  return ALIASES[name] ?? name
}

/** A metric's value, interval and direction in the run (or in one of its slices). */
export function metricOf(
  run: EvalRun,
  name: string,
  slice?: SliceResult,
): { value: number; interval: MetricInterval | undefined; greaterIsBetter: boolean } | undefined {
  const metric = canonicalMetricName(name)
  const source = slice ?? run
  const value = source.metrics[metric]
  if (typeof value !== 'number') {
    if (slice && Object.keys(slice.metrics).length === 0) return undefined
    throw new ConfigError(
      'metric-not-found',
      `metric "${metric}" not found${slice ? ` in slice ${slice.key}` : ''}; the run has: ${listNames(Object.keys(source.metrics))}${run.notes.length ? `; run notes: ${run.notes.join('; ')}` : ''}`,
    )
  }
  return { value, interval: source.intervals[metric], greaterIsBetter: run.greaterIsBetter[metric] ?? true }
}
