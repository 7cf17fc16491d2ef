import type { EvalRun, MetricInterval } from '../run/types.js'
import type { BaselineComparison, BaselineMetricVerdict, GateResult } from '../run/verdicts.js'
import { withheldIntervalNote } from '../run/interval-notes.js'
import { baselineEntryName, entryCount } from './baseline-entry-name.js'
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
  /** null: the metric has no better direction (`token_count`). */
  greaterIsBetter: boolean | null
  /** The worst verdict among the run's baseline entries that hold the metric ({@link overallBaselineRow}). */
  baseline?: OverallBaselineRow
}

/**
 * The few metrics shown in summary tables: accuracy, F1, ROC AUC and log loss for classifiers;
 * RMSE, MAE and R² for regressors; exact match, ROUGE, grade levels or precision/recall/NDCG at k
 * for the text types (`text-headlines.ts`) (those present), else the first three metrics of the run;
 * then every overall metric that failed its baseline (or fell beyond its allowance within noise)
 * or a threshold (`gates`), whatever the limit.
 */
export function headlineMetrics(run: EvalRun, baselines: readonly BaselineComparison[], limit = 3, gates: readonly GateResult[] = []): HeadlineMetric[] {
  const preferred = textHeadlineNames(run) ?? (run.modelType === 'classifier' ? CLASSIFIER_HEADLINES : REGRESSOR_HEADLINES)
  let names = preferred.filter((n) => typeof run.metrics[n] === 'number')
  if (names.length === 0) names = Object.keys(run.metrics)
  const shown = names.slice(0, limit)
  // A metric that failed its baseline is always shown, so the row names what failed (a custom
  // vip_accuracy 1 -> 0 showed only accuracy_score ±0 and f1_score -3e-5); so is one that fell
  // beyond its allowance within noise, the warning's (adversarial pass 52: a WARN row showed
  // accuracy_score ±0, f1_score ±0, roc_auc ±0, and not log_loss +0.0368)
  const failed = baselines.flatMap((b) => b.rows.filter((r) => (r.verdict === 'fail' || r.verdict === 'noise') && r.slice === undefined).map((r) => r.metric))
  // So is an overall metric whose threshold failed (a text run failing non_empty_output_rate showed
  // only its grade levels and token count; adversarial pass 35).
  const failedGates = gates.filter((g) => !g.pass && g.slice === undefined && g.metric !== undefined).map((g) => g.metric as string)
  for (const name of [...failed, ...failedGates]) if (!shown.includes(name) && typeof run.metrics[name] === 'number') shown.push(name)
  return shown.map((name) => ({
    name,
    value: run.metrics[name],
    interval: run.intervals[name],
    intervalWithheld: run.intervals[name] === undefined && withheldIntervalNote(run.notes, name) !== undefined,
    greaterIsBetter: run.greaterIsBetter[name] ?? null,
    baseline: overallBaselineRow(baselines, name),
  }))
}

/** An overall baseline row as the reports show it, and which entry it is from where several hold the metric. */
export interface OverallBaselineRow extends BaselineMetricVerdict {
  /** The entry the row is from ({@link baselineEntryName}), where more than one of the run's entries holds the metric. */
  entry?: string
}

/** Verdicts from the worst to the best: a row never reads better than the worst entry's (fail / missing, then noise, …). */
const VERDICT_SEVERITY: Readonly<Record<BaselineMetricVerdict['verdict'], number>> = { fail: 0, missing: 1, untested: 2, noise: 3, accepted: 4, new: 5, pass: 6, improved: 7 }

/**
 * The baseline verdict of an overall (not per-slice) metric, if any comparison holds one: of a
 * run checked by several entries (the README's `sliced` and `overall`), the worst verdict among
 * them (the first entry's on a tie), with the entry's name. The first entry's row was shown,
 * `noise`, while the second entry had failed the metric and the run was marked FAIL
 * (adversarial pass 54).
 * @example overallBaselineRow([sliced, overall], 'accuracy_score') // { verdict: 'fail', entry: 'overall', … }
 */
export function overallBaselineRow(
  baselines: readonly BaselineComparison[],
  metric: string,
): OverallBaselineRow | undefined {
  const held = baselines.flatMap((comparison) => {
    const row = comparison.rows.find((r) => r.metric === metric && r.slice === undefined)
    return row === undefined ? [] : [{ row, comparison }]
  })
  if (held.length === 0) return undefined
  const worst = held.reduce((a, b) => (VERDICT_SEVERITY[b.row.verdict] < VERDICT_SEVERITY[a.row.verdict] ? b : a))
  return entryCount(held.map(({ comparison }) => comparison)) > 1 ? { ...worst.row, entry: baselineEntryName(worst.comparison) } : worst.row
}

/**
 * Whether a change is an improvement (`better`), a regression (`worse`) or nothing, taking the
 * metric's direction into account; a change of a metric without one (null) is `changed`.
 * @example changeDirection(2.9, null) // 'changed'
 */
export function changeDirection(change: number | null | undefined, greaterIsBetter: boolean | null): 'better' | 'worse' | 'same' | 'changed' {
  if (change === null || change === undefined || !Number.isFinite(change) || change === 0) return 'same'
  if (greaterIsBetter === null) return 'changed'
  return (change > 0) === greaterIsBetter ? 'better' : 'worse'
}
