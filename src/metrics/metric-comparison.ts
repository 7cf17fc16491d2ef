/**
 * How each metric of the engine is compared between two models scored on the same examples
 * (a baseline and the current run, or two runs in `toOutperform`). This table is the one place
 * that says which paired test a metric gets; `src/compare` reads it and keeps no list of its own.
 *
 * Kinds:
 * - `correctness`: a mean of per-example 0/1 outcomes (accuracy): exact conditional McNemar on
 *   the rows one model got right and the other wrong.
 * - `label-counts`: a function of the confusion counts (precision, recall, F1, balanced
 *   accuracy, MCC, the binary counts): permutation over the rows whose predicted label differs.
 * - `mean-of-terms`: the mean of a per-example term (`term` names it): paired mean of
 *   per-example differences.
 * - `mean-of-scores`: the mean of a per-row score column of the text, question-answering,
 *   summarization and retriever types (`rouge1/v1/mean`, `exact_match/v1`, `precision_at_3/mean`;
 *   `scoreColumn` names the column, `rouge1/v1/score`): paired mean of per-row differences.
 * - `ranking-auc`: ROC AUC (binary, or one-vs-rest averaged as the engine averages it): paired
 *   DeLong.
 * - `recompute`: anything else the engine can recompute on a row resample (average precision,
 *   r², RMSE, max error, custom metrics): paired resampling that recomputes the metric.
 * - `same-data`: depends on the targets alone (example count, target sums): equal whenever the
 *   data are, never tested.
 * - `failed-rows`: the share (`error_rate`) or count (`error_count`) of the evaluation set's rows
 *   a served model failed on: not a function of the rows evaluated, so no paired test; tested on the two
 *   runs' failed-row counts (`rateRiseTest`: the gate's verdict, `evalgate compare`).
 * Metrics not in the table (custom metrics) are `recompute`.
 */

import { FLOAT64_EPS, logLossPerExample } from './probability-losses.js'

/** The paired comparison a metric gets. */
export type ComparisonKind = 'correctness' | 'label-counts' | 'mean-of-terms' | 'mean-of-scores' | 'ranking-auc' | 'recompute' | 'same-data' | 'failed-rows'

/** Per-example terms whose mean is a metric. */
export type PerExampleTerm = 'log-loss' | 'brier' | 'absolute-error' | 'squared-error' | 'absolute-percentage-error'

export interface MetricComparison {
  kind: ComparisonKind
  /** For `mean-of-terms`: the per-example term. */
  term?: PerExampleTerm
  /** For `mean-of-scores`: the per-row score column (`rouge1/v1/score`). */
  scoreColumn?: string
}

/**
 * The aggregates of per-row scores (issue 10's types): `exact_match/v1` and `non_empty_output_rate` (means) and
 * `<score>/{mean,variance,p90,ratio}`. Means are `mean-of-scores`; the other aggregates `recompute`.
 */
const ROW_SCORE_AGGREGATE = /^(?:(exact_match\/v1|non_empty_output_rate)|((?:squad_exact_match|squad_f1|rouge1|rouge2|rougeL|rougeLsum|token_count|flesch_kincaid_grade_level|ari_grade_level|toxicity)\/v1|(?:precision|recall|ndcg)_at_[1-9]\d*)\/(mean|variance|p90|ratio))$/

/**
 * The per-row score an aggregate is of (`rouge1/v1/p90` -> `rouge1/v1`, `exact_match/v1` itself),
 * else undefined: the one list of the text types' score names (`metric-range.ts` reads it too).
 * @example rowScoreOfAggregate('ndcg_at_3/mean') // 'ndcg_at_3'
 */
export function rowScoreOfAggregate(metric: string): string | undefined {
  const match = ROW_SCORE_AGGREGATE.exec(metric)
  return match === null ? undefined : (match[1] ?? match[2])
}

/** The comparison of an aggregate of per-row scores, else undefined. */
function rowScoreComparison(metric: string): MetricComparison | undefined {
  const match = ROW_SCORE_AGGREGATE.exec(metric)
  if (match === null) return undefined
  if (match[1] === undefined && match[3] !== 'mean') return RECOMPUTE
  return { kind: 'mean-of-scores', scoreColumn: `${match[1] ?? match[2]}/score` }
}

const LABEL_COUNTS: MetricComparison = { kind: 'label-counts' }
const RECOMPUTE: MetricComparison = { kind: 'recompute' }
const SAME_DATA: MetricComparison = { kind: 'same-data' }

/** The comparison of every built-in metric, by MLflow name. */
export const METRIC_COMPARISONS: Readonly<Record<string, MetricComparison>> = Object.freeze({
  example_count: SAME_DATA,
  accuracy_score: { kind: 'correctness' },
  precision_score: LABEL_COUNTS,
  recall_score: LABEL_COUNTS,
  f1_score: LABEL_COUNTS,
  balanced_accuracy_score: LABEL_COUNTS,
  matthews_corrcoef: LABEL_COUNTS,
  true_negatives: LABEL_COUNTS,
  false_positives: LABEL_COUNTS,
  false_negatives: LABEL_COUNTS,
  true_positives: LABEL_COUNTS,
  log_loss: { kind: 'mean-of-terms', term: 'log-loss' },
  brier_score_loss: { kind: 'mean-of-terms', term: 'brier' },
  roc_auc: { kind: 'ranking-auc' },
  precision_recall_auc: RECOMPUTE,
  mean_absolute_error: { kind: 'mean-of-terms', term: 'absolute-error' },
  mean_squared_error: { kind: 'mean-of-terms', term: 'squared-error' },
  mean_absolute_percentage_error: { kind: 'mean-of-terms', term: 'absolute-percentage-error' },
  root_mean_squared_error: RECOMPUTE,
  r2_score: RECOMPUTE,
  max_error: RECOMPUTE,
  sum_on_target: SAME_DATA,
  mean_on_target: SAME_DATA,
  error_rate: { kind: 'failed-rows' },
  error_count: { kind: 'failed-rows' },
})

/** Whether `metric` is one of the engine's built-in metrics (otherwise a custom metric). */
export function isBuiltinMetric(metric: string): boolean {
  return Object.hasOwn(METRIC_COMPARISONS, metric) || rowScoreComparison(metric) !== undefined
}

/**
 * The comparison of `metric` (custom metrics: `recompute`).
 * @example metricComparison('log_loss') // { kind: 'mean-of-terms', term: 'log-loss' }
 * @example metricComparison('rouge1/v1/mean') // { kind: 'mean-of-scores', scoreColumn: 'rouge1/v1/score' }
 */
export function metricComparison(metric: string): MetricComparison {
  return METRIC_COMPARISONS[metric] ?? rowScoreComparison(metric) ?? RECOMPUTE
}

/**
 * The metric that `metric` always equals under this averaging, when it is the same hypothesis
 * as another one: with more than two classes, micro-averaged precision, recall and F1 and
 * weighted recall all equal accuracy (each is correct predictions over examples). Undefined
 * when the metric is its own hypothesis.
 * @example sameHypothesisAs('recall_score', { average: 'weighted', binary: false }) // 'accuracy_score'
 */
export function sameHypothesisAs(metric: string, averaging: { average: 'weighted' | 'macro' | 'micro' | undefined; binary: boolean }): string | undefined {
  if (averaging.binary) return undefined
  if (averaging.average === 'micro' && (metric === 'precision_score' || metric === 'recall_score' || metric === 'f1_score')) return 'accuracy_score'
  if (averaging.average === 'weighted' && metric === 'recall_score') return 'accuracy_score'
  return undefined
}

/** What the per-example terms are computed from (one model's outputs on one scope's rows). */
export interface TermInputs {
  /** Classifiers: target label index per row, row-major `rows x k` probabilities, positive class. */
  targetIndex?: Int32Array
  probabilities?: Float64Array
  k?: number
  posIndex?: number
  /** Regressors: targets and predictions. */
  targetValues?: Float64Array
  predictedValues?: Float64Array
}

/**
 * The per-example terms whose mean is the metric (`log_loss`: sklearn's clipped, renormalised
 * -log p of the true class; `brier_score_loss`: (p_positive - y)²; MAE, MSE and MAPE: the
 * absolute, squared and percentage errors), or undefined when the inputs lack what the term
 * needs.
 * @example perExampleTerms('absolute-error', { targetValues: Float64Array.of(1, 2), predictedValues: Float64Array.of(1.5, 2) }) // [0.5, 0]
 */
export function perExampleTerms(term: PerExampleTerm, inputs: TermInputs): Float64Array | undefined {
  const { targetIndex, probabilities, k, posIndex, targetValues, predictedValues } = inputs
  if (term === 'log-loss') {
    if (!targetIndex || !probabilities || k === undefined || k < 2) return undefined
    return logLossPerExample(probabilities, targetIndex, k).losses
  }
  if (term === 'brier') {
    if (!targetIndex || !probabilities || k === undefined || posIndex === undefined) return undefined
    const out = new Float64Array(targetIndex.length)
    for (let i = 0; i < out.length; i++) out[i] = (probabilities[i * k + posIndex] - (targetIndex[i] === posIndex ? 1 : 0)) ** 2
    return out
  }
  if (!targetValues || !predictedValues) return undefined
  const out = new Float64Array(targetValues.length)
  for (let i = 0; i < out.length; i++) {
    const error = Math.abs(targetValues[i] - predictedValues[i])
    out[i] = term === 'absolute-error' ? error : term === 'squared-error' ? error * error : error / (Math.abs(targetValues[i]) > FLOAT64_EPS ? Math.abs(targetValues[i]) : FLOAT64_EPS)
  }
  return out
}
