/**
 * The values a bounded built-in metric can take, so that a threshold, tolerance or margin it can
 * never meet (or always meets) is caught as a mistake: `toHaveMetric('accuracy_score', 85)` and
 * `toHaveMetric('exact_match/v1', 85)` both mean 0.85.
 */

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
  'exact_match/v1': [0, 1],
  non_empty_output_rate: [0, 1],
})

/**
 * The aggregates of per-row scores in [0, 1] (exact match, SQuAD, ROUGE, toxicity, the retriever's
 * @k metrics; `src/model-types`' `atMostOne` scores): their mean, p90, ratio and variance lie in
 * [0, 1] (the variance at most 1/4 with divisor n, a little more with n − 1 on a few rows: [0, 1]
 * is the bound that holds either way). Token counts and grade levels are unbounded.
 */
const UNIT_SCORE_AGGREGATE = /^(?:(?:squad_exact_match|squad_f1|rouge1|rouge2|rougeL|rougeLsum|toxicity)\/v1|(?:precision|recall|ndcg)_at_[1-9]\d*)\/(?:mean|variance|p90|ratio)$/

const UNIT_RANGE: readonly [number, number] = Object.freeze([0, 1] as const)

/**
 * The range of `metric`'s values, when it is a bounded built-in metric.
 * @example metricRange('accuracy_score') // [0, 1]
 * @example metricRange('rouge1/v1/p90') // [0, 1]
 * @example metricRange('token_count/v1/mean') // undefined
 */
export function metricRange(metric: string): readonly [number, number] | undefined {
  if (Object.hasOwn(RANGES, metric)) return RANGES[metric]
  return UNIT_SCORE_AGGREGATE.test(metric) ? UNIT_RANGE : undefined
}
