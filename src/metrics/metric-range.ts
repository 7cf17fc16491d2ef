/**
 * The values a bounded built-in metric can take, so that a threshold, tolerance or margin it can
 * never meet (or always meets) is caught as a mistake: `toHaveMetric('accuracy_score', 85)` and
 * `toHaveMetric('exact_match/v1', 85)` both mean 0.85.
 */
import { rowScoreOfAggregate } from './metric-comparison.js'

/** Metrics whose values lie in [0, 1] (shares, scores, areas); `matthews_corrcoef` in [-1, 1]. */
const RANGES: Readonly<Record<string, readonly [number, number]>> = Object.freeze({
  accuracy_score: [0, 1],
  balanced_accuracy_score: [0, 1],
  precision_score: [0, 1],
  recall_score: [0, 1],
  f1_score: [0, 1],
  roc_auc: [0, 1],
  precision_recall_auc: [0, 1],
  brier_score_loss: [0, 1],
  confusion_rate: [0, 1],
  error_rate: [0, 1],
  matthews_corrcoef: [-1, 1],
})

/**
 * The per-row scores whose aggregates are not in [0, 1]: counts and grade levels. Every other
 * score of the text types (exact match, SQuAD, ROUGE, toxicity, the retriever's @k metrics,
 * `non_empty_output_rate`; `src/model-types`' `atMostOne` scores) lies in [0, 1], and so do its
 * mean, p90, ratio and variance (the variance at most 1/4 with divisor n, a little more with
 * n − 1 on a few rows: [0, 1] is the bound that holds either way).
 */
const UNBOUNDED_SCORES: ReadonlySet<string> = new Set(['token_count/v1', 'flesch_kincaid_grade_level/v1', 'ari_grade_level/v1'])

const UNIT_RANGE: readonly [number, number] = Object.freeze([0, 1] as const)

/**
 * The range of `metric`'s values, when it is a bounded built-in metric.
 * @example metricRange('accuracy_score') // [0, 1]
 * @example metricRange('rouge1/v1/p90') // [0, 1]
 * @example metricRange('token_count/v1/mean') // undefined
 */
export function metricRange(metric: string): readonly [number, number] | undefined {
  if (Object.hasOwn(RANGES, metric)) return RANGES[metric]
  const score = rowScoreOfAggregate(metric)
  return score !== undefined && !UNBOUNDED_SCORES.has(score) ? UNIT_RANGE : undefined
}

/**
 * Built-in metrics bounded on one side only: losses, errors and counts are never negative, r² is
 * never above 1.
 */
const HALF_BOUNDS: Readonly<Record<string, readonly [number, number]>> = Object.freeze({
  log_loss: [0, Infinity],
  mean_absolute_error: [0, Infinity],
  mean_squared_error: [0, Infinity],
  root_mean_squared_error: [0, Infinity],
  max_error: [0, Infinity],
  mean_absolute_percentage_error: [0, Infinity],
  r2_score: [-Infinity, 1],
  example_count: [0, Infinity],
  true_negatives: [0, Infinity],
  false_positives: [0, Infinity],
  false_negatives: [0, Infinity],
  true_positives: [0, Infinity],
  error_count: [0, Infinity],
})

/**
 * The values a built-in metric can take at all: its {@link metricRange}, else a bound on one side
 * (`log_loss` is at least 0, `r2_score` at most 1); undefined for a metric bounded on neither side
 * (`sum_on_target`, token counts) and for custom metrics. A stored value outside them was edited
 * by hand: no run of the engine writes it.
 * @example metricValueBounds('log_loss') // [0, Infinity]
 * @example metricValueBounds('accuracy_score') // [0, 1]
 */
export function metricValueBounds(metric: string): readonly [number, number] | undefined {
  return metricRange(metric) ?? (Object.hasOwn(HALF_BOUNDS, metric) ? HALF_BOUNDS[metric] : undefined)
}
