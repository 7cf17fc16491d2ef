/**
 * Names of the interval methods, as recorded in `MetricInterval.method` (the significance tests
 * are named in `BaselineMetricVerdict.test`, `src/run/verdicts.ts`). Use these constants rather
 * than string literals so a run and its reader agree.
 */
export const INTERVAL_METHODS = {
  /** Confusion-count metrics: {@link bootstrapCounts} + {@link percentileInterval}. */
  countsBootstrap: 'multinomial-bootstrap',
  /** ROC AUC (binary and one-vs-rest): {@link delongAuc} / {@link ovrAucWithVariance} + {@link aucInterval}. */
  delong: 'delong',
  /** Means of per-example values (MAE, MSE, log loss): {@link meanInterval}. */
  normal: 'normal',
  /** Other row-level metrics: {@link poissonWeights} resamples + {@link percentileInterval}; max_error exactly by {@link maxBootstrapInterval}. */
  rowBootstrap: 'poisson-bootstrap',
  /** root_mean_squared_error: square root of the `normal` mean_squared_error bounds. */
  normalSqrt: 'normal-sqrt',
  /** r2_score on large sets: {@link r2DeltaInterval}. */
  deltaNormal: 'delta-normal',
  /** precision_recall_auc on large sets: {@link averagePrecisionLogitInterval}. */
  logitNormal: 'logit-normal',
} as const
