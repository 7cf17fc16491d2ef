/**
 * Whether a larger value is better, for every built-in metric name (MLflow's
 * `greater_is_better`). Counts of outcomes are included so baselines can compare them too:
 * correct outcomes (true positives/negatives) count as better, errors as worse. `null` marks a
 * metric with no better direction: the number of examples and the sum and mean of the targets
 * describe the data, not the model, so a run records no direction for them and reports show
 * none.
 */
export const METRIC_DIRECTIONS: Readonly<Record<string, boolean | null>> = Object.freeze({
  example_count: null,
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
  sum_on_target: null,
  mean_on_target: null,
  r2_score: true,
  max_error: false,
  mean_absolute_percentage_error: false,
})
