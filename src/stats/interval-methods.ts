import type { IntervalMethod } from '../run/types.js'

/**
 * Names of the interval methods, as recorded in `MetricInterval.method` (the type
 * `IntervalMethod`, `src/run/types.ts`, is their union; the significance tests are named in
 * `BaselineMetricVerdict.test`, `src/run/verdicts.ts`). Use these constants rather than string
 * literals so a run and its reader agree. Which metric gets which method, and when, is in
 * `src/evaluate/interval-methods.ts`; `bench/coverage/` measures their coverage.
 */
export const INTERVAL_METHODS = {
  /** Confusion-count metrics before BCa (runs and baselines written by older versions): {@link bootstrapCounts} (1,000 multinomial draws) + {@link percentileInterval}. */
  countsBootstrap: 'multinomial-bootstrap',
  /** Confusion-count metrics: {@link countsBcaIntervals} (`resamples` multinomial draws, 4,000 by default, BCa with the counts' exact jackknife acceleration). */
  countsBca: 'multinomial-bootstrap-bca',
  /** ROC AUC (binary and one-vs-rest): {@link delongAuc} / {@link ovrAucWithVariance} + {@link aucInterval}. */
  delong: 'delong',
  /** Means of per-example values (MAE, MSE, MAPE, log loss, Brier) up to the row cap: {@link studentizedMeanIntervals}. */
  studentized: 'studentized-bootstrap',
  /** root_mean_squared_error up to the row cap: square roots of the `studentized-bootstrap` MSE bounds. */
  studentizedSqrt: 'studentized-bootstrap-sqrt',
  /** MSE from 100 to 20,000 rows: the `studentized-bootstrap` lower end; the upper end the larger of the bootstrap-t's and {@link pengTailUpperBound} (a Pareto tail with Hill's index). */
  studentizedTailUpper: 'studentized-tail-upper',
  /** root_mean_squared_error where the MSE's interval is `studentized-tail-upper`: square roots of its bounds. */
  studentizedTailUpperSqrt: 'studentized-tail-upper-sqrt',
  /** MAE whose terms fail the heavy-tail check, from 100 rows (and MSE above 20,000 rows): {@link pengTailMeanInterval} (a Pareto tail with Hill's index). */
  pengTail: 'peng-tail',
  /** root_mean_squared_error where the MSE's interval is `peng-tail`: square roots of its bounds. */
  pengTailSqrt: 'peng-tail-sqrt',
  /** r2_score from 100 rows up to the row cap, where the MSE's interval is `studentized-tail-upper`: {@link r2RatioInterval} (that interval for the MSE against a normal one for the explained part, combined by MOVER on the log of their ratio). */
  studentizedTailUpperRatio: 'studentized-tail-upper-ratio',
  /** r2_score from 100 rows up to the row cap where the MSE's interval is the bootstrap-t's alone (at most k squared errors above 0): {@link r2RatioInterval} from it. */
  studentizedRatio: 'studentized-bootstrap-ratio',
  /** r2_score above the row cap where the squared errors look heavy-tailed (and from 100 rows where the MSE has no `studentized-tail-upper` interval): {@link r2TailInterval} (Peng's tail-corrected MSE against the explained part, delta method on the log of their ratio). */
  pengTailRatio: 'peng-tail-ratio',
  /** Means above the row cap: {@link meanInterval}. */
  normal: 'normal',
  /** root_mean_squared_error above the row cap: square roots of the `normal` MSE bounds. */
  normalSqrt: 'normal-sqrt',
  /** r2_score, precision_recall_auc and custom metrics up to their row caps: {@link poissonWeights} resamples + {@link bcaInterval} with a grouped-jackknife {@link jackknifeAcceleration}. */
  bca: 'poisson-bootstrap-bca',
  /** r2_score above the row cap: {@link r2DeltaInterval}. */
  deltaNormal: 'delta-normal',
  /** precision_recall_auc above the row cap: {@link averagePrecisionLogitInterval}. */
  logitNormal: 'logit-normal',
  /** Means of terms that are each 0 or 1 (exact match, `non_empty_output_rate`, a ratio), and confusion rates in `toHaveConfusionRate`: {@link wilsonInterval}. */
  wilson: 'wilson',
} as const satisfies Record<string, IntervalMethod>
