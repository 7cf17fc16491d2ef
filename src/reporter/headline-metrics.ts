import type { EvalRun, MetricInterval } from '../run/types.js'
import type { BaselineComparison, BaselineMetricVerdict } from '../run/verdicts.js'
import { withheldIntervalNote } from '../run/interval-notes.js'
import { textHeadlineNames } from './text-headlines.js'

const CLASSIFIER_HEADLINES = ['accuracy_score', 'f1_score', 'roc_auc', 'log_loss']
const REGRESSOR_HEADLINES = ['root_mean_squared_error', 'mean_absolute_error', 'r2_score']

/** One headline metric with its interval and its change against the baseline. */
export interface HeadlineMetric {
  name: string
  value: number
  interval?: MetricInterval
  /** The engine withheld the interval (a run note says why, e.g. heavy-tailed squared errors); false where it has one or none was computed. */
  intervalWithheld: boolean
  greaterIsBetter: boolean
  baseline?: BaselineMetricVerdict
}

/**
 * The few metrics shown in summary tables: accuracy, F1, ROC AUC and log loss for classifiers;
 * RMSE, MAE and R² for regressors; exact match, ROUGE, grade levels or precision/recall/NDCG at k
 * for the text types (`text-headlines.ts`) (those present), else the first three metrics of the run.
 */
export function headlineMetrics(run: EvalRun, baselines: readonly BaselineComparison[], limit = 3): HeadlineMetric[] {
  const preferred = textHeadlineNames(run) ?? (run.modelType === 'classifier' ? CLASSIFIER_HEADLINES : REGRESSOR_HEADLINES)
  let names = preferred.filter((n) => typeof run.metrics[n] === 'number')
  if (names.length === 0) names = Object.keys(run.metrics)
  return names.slice(0, limit).map((name) => ({
    name,
    value: run.metrics[name],
    interval: run.intervals[name],
    intervalWithheld: run.intervals[name] === undefined && withheldIntervalNote(run.notes, name) !== undefined,
    greaterIsBetter: run.greaterIsBetter[name] ?? true,
    baseline: overallBaselineRow(baselines, name),
  }))
}

/** The baseline verdict of an overall (not per-slice) metric, if any comparison holds one. */
export function overallBaselineRow(
  baselines: readonly BaselineComparison[],
  metric: string,
): BaselineMetricVerdict | undefined {
  for (const comparison of baselines) {
    const row = comparison.rows.find((r) => r.metric === metric && r.slice === undefined)
    if (row) return row
  }
  return undefined
}

/**
 * Whether a change is an improvement (`better`), a regression (`worse`) or nothing, taking the
 * metric's direction into account.
 */
export function changeDirection(change: number | null | undefined, greaterIsBetter: boolean): 'better' | 'worse' | 'same' {
  if (change === null || change === undefined || !Number.isFinite(change) || change === 0) return 'same'
  return (change > 0) === greaterIsBetter ? 'better' : 'worse'
}
