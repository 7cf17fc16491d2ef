/**
 * Looks a metric up in a run or a slice, with an error that lists the metrics that exist.
 */
import { ConfigError, listNames } from '../../errors.js'
import type { EvalRun, MetricInterval, SliceResult } from '../../run/types.js'
import { didYouMean, suggestionText } from '../../run/closest-names.js'
import { ownValue } from '../../run/own-keys.js'

/** Short names accepted for the MLflow metric names. */
const ALIASES: Readonly<Record<string, string>> = {
  accuracy: 'accuracy_score',
  f1: 'f1_score',
  precision: 'precision_score',
  recall: 'recall_score',
  mae: 'mean_absolute_error',
  mse: 'mean_squared_error',
  rmse: 'root_mean_squared_error',
  r2: 'r2_score',
  mape: 'mean_absolute_percentage_error',
}

/**
 * The MLflow name for `name` (`f1` -> `f1_score`, `rmse` -> `root_mean_squared_error`); unknown
 * names are returned as they are, and so is a name the run itself has (`metrics`: a custom metric
 * named `mae` stays `mae`).
 */
export function canonicalMetricName(name: string, metrics?: Readonly<Record<string, number>>): string {
  if (typeof ownValue(metrics, name) === 'number') return name
  return ownValue(ALIASES, name) ?? name
}

/** A metric's value, interval and direction in the run (or in one of its slices). */
export function metricOf(
  run: EvalRun,
  name: string,
  slice?: SliceResult,
): { value: number; interval: MetricInterval | undefined; greaterIsBetter: boolean } | undefined {
  const source = slice ?? run
  const metric = canonicalMetricName(name, source.metrics)
  const value = ownValue(source.metrics, metric)
  if (typeof value !== 'number') {
    if (slice && Object.keys(slice.metrics).length === 0) return undefined
    const names = Object.keys(source.metrics)
    const notes = [...(slice?.notes ?? []), ...run.notes].filter((note) => explainsMetric(note, metric))
    throw new ConfigError(
      'metric-not-found',
      `metric "${metric}" not found${slice ? ` in slice ${slice.key}` : ''};${aggregatesOf(metric, names, run.greaterIsBetter) || didYouMean(metric, names)} the run has: ${listNames(names)}${notes.length ? `; ${slice ? 'notes' : 'run notes'}: ${notes.join('; ')}` : ''}`,
    )
  }
  return { value, interval: ownValue(source.intervals, metric), greaterIsBetter: ownValue(run.greaterIsBetter, metric) ?? true }
}

/**
 * ` did you mean "ndcg_at_3/mean"?` for a name the run logs only with an aggregate after it
 * (`ndcg_at_3` for `ndcg_at_3/mean`, `/variance`, `/p90`): those with a direction, else all;
 * an empty string when there are none. The edit distance alone suggested nothing for it
 * (adversarial pass 67, F5), though `toHavePassRate('ndcg_at_3')` takes the bare name.
 */
function aggregatesOf(metric: string, names: readonly string[], greaterIsBetter: Readonly<Record<string, boolean>>): string {
  const extended = names.filter((name) => name.startsWith(`${metric}/`))
  const directed = extended.filter((name) => typeof ownValue(greaterIsBetter, name) === 'boolean')
  return suggestionText(directed.length > 0 ? directed : extended)
}

/**
 * Whether a run note is about `metric`: the metric is named, as a whole word, in the note's
 * first clause ("roc_auc left out: only one class present" is; "ROC curves keep at most 1000
 * points; roc_auc uses every point" is not), so a missing metric's error shows why it is
 * missing and nothing else.
 */
export function explainsMetric(note: string, metric: string): boolean {
  const firstClause = note.split(/[:;(]/)[0]
  const escaped = metric.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\w])${escaped}(?![\\w])`).test(firstClause)
}
