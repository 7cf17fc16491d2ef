/**
 * Whether a larger value is better, for every built-in metric name (MLflow's
 * `greater_is_better`). Counts are included so baselines can compare them too: correct
 * outcomes (true positives/negatives) and more examples count as better; errors as worse.
 */
export const METRIC_DIRECTIONS: Readonly<Record<string, boolean>> = Object.freeze({
  example_count: true,
  true_negatives: true,
  false_positives: false,
  false_negatives: false,
  true_positives: true,
  accuracy_score: true,
  precision_score: true,
  recall_score: true,
  f1_score: true,
  balanced_accuracy_score: true,
  matthews_corrcoef: true,
  log_loss: false,
  roc_auc: true,
  precision_recall_auc: true,
  brier_score_loss: false,
  mean_absolute_error: false,
  mean_squared_error: false,
  root_mean_squared_error: false,
  sum_on_target: true,
  mean_on_target: true,
  r2_score: true,
  max_error: false,
  mean_absolute_percentage_error: false,
})
