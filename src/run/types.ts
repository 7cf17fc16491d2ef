/**
 * The EvalRun: the one contract between the engine, the matchers, the baselines, the reporter
 * and the CLI. A plain, versioned, JSON-serialisable object. Nothing else is shared between
 * those parts but the run table (`src/run/run-table.ts`), the per-example side of a run, kept
 * beside it (linked by `runTableOf(run)`), never on the object itself.
 *
 * The published JSON Schema (`schema/eval-run.schema.json`, export `evalgate/schema.json`) must
 * describe exactly this shape; a test checks that every run the engine produces validates.
 */

/** Version of the EvalRun shape. Bump it on any incompatible change. */
export const EVAL_RUN_VERSION = 1 as const

/** The model types `evaluate()` knows (`src/model-types/registry.ts`); aliases such as `text_classification` resolve to these names. */
export type ModelType = 'classifier' | 'regressor' | 'question-answering' | 'text-summarization' | 'text' | 'retriever'

/**
 * What `evaluate({ modelType })` accepts: a model type, or an alias in MLflow's spelling, which
 * the run records as the type's own name (`text_classification` -> `classifier`).
 */
export type ModelTypeName = ModelType | 'text_classification' | 'text-classification' | 'question_answering' | 'text_summarization'

/** How multiclass precision, recall and F1 are averaged (MLflow's default is `weighted`). */
export type Average = 'weighted' | 'macro' | 'micro'

/**
 * How an interval was computed (the constants are `INTERVAL_METHODS`, `src/stats/interval-methods.ts`):
 * - `multinomial-bootstrap-bca`: metrics of the confusion counts, the counts resampled, BCa
 *   quantiles with the counts' exact jackknife acceleration; `multinomial-bootstrap`: the same
 *   resamples with percentile quantiles (runs and baselines written before BCa);
 * - `delong`: roc_auc, DeLong's variance on the logit scale;
 * - `studentized-bootstrap`: means of per-example values (MAE, MSE, MAPE, log_loss, Brier,
 *   mean_on_target) up to 20,000 rows, bootstrap-t; `studentized-bootstrap-sqrt`: RMSE, the
 *   square roots of the MSE bounds;
 * - `normal`, `normal-sqrt`: the same above 20,000 rows, mean ± z·se;
 * - `studentized-tail-upper`, `studentized-tail-upper-sqrt`: MSE (and RMSE from it) from 100 to
 *   20,000 rows: the bootstrap-t's lower end; as upper end the larger of the bootstrap-t's and
 *   Peng's tail-extrapolated bound (a Pareto tail with Hill's index, log scale, Student t);
 * - `peng-tail`, `peng-tail-sqrt`: MAE whose per-example terms look heavy-tailed, from 100 rows
 *   (and MSE, RMSE above 20,000 rows): Peng's (2001) mean with a Pareto tail (Hill's index) and
 *   its delta-method variance; centred on the tail-corrected mean, not on the reported value;
 * - `studentized-tail-upper-ratio`: r2_score from 100 to 20,000 rows: r2 = C/(A + C) with A the
 *   MSE and C = SST/n − SSE/n; A's interval is the MSE's `studentized-tail-upper` one, C's normal,
 *   combined on log(A/C) by MOVER (Zou and Donner); centred on the reported r2;
 *   `studentized-bootstrap-ratio`: the same from the MSE's `studentized-bootstrap` interval, where
 *   at most max(10, √n) squared errors are above 0 (no tail to fit);
 * - `peng-tail-ratio`: r2_score above 20,000 rows where the squared errors look heavy-tailed (and
 *   from 100 rows where the MSE has no `studentized-tail-upper` interval): the same ratio with A
 *   Peng's tail-corrected mean (where Hill's index of the squared errors is below 2, else the
 *   sample mean), the delta method on log(A/C); centred on the tail-corrected r2 where the tail
 *   was extrapolated;
 * - `poisson-bootstrap-bca`: precision_recall_auc (up to 20,000 rows), r2_score below 100 rows
 *   and custom metrics (up to their cap), rows reweighted by Poisson(1) draws, BCa quantiles;
 * - `delta-normal`: r2_score above 20,000 rows (squared errors not heavy-tailed);
 *   `logit-normal`: precision_recall_auc above;
 * - `wilson`: a matcher's own interval for a confusion rate.
 *
 * max_error has none (a sample maximum gives no consistent interval for the population's).
 */
export type IntervalMethod =
  | 'multinomial-bootstrap'
  | 'multinomial-bootstrap-bca'
  | 'delong'
  | 'studentized-bootstrap'
  | 'studentized-bootstrap-sqrt'
  | 'studentized-tail-upper'
  | 'studentized-tail-upper-sqrt'
  | 'peng-tail'
  | 'peng-tail-sqrt'
  | 'studentized-tail-upper-ratio'
  | 'studentized-bootstrap-ratio'
  | 'peng-tail-ratio'
  | 'normal'
  | 'normal-sqrt'
  | 'poisson-bootstrap-bca'
  | 'delta-normal'
  | 'logit-normal'
  | 'wilson'

/** A confidence interval for one metric, with the method that produced it. */
export interface MetricInterval {
  lower: number
  upper: number
  /** Nominal coverage, e.g. 0.95. */
  level: number
  /** How the interval was computed (see `IntervalMethod`). */
  method: IntervalMethod
}

/** Settings the intervals of a run were computed with, so a run is reproducible. */
export interface IntervalSettings {
  level: number
  seed: number
  /** Resamples used by bootstrap methods. */
  resamples: number
  /** Resamples of the row bootstraps (`studentized-bootstrap`, `poisson-bootstrap-bca` intervals), when it differs. */
  rowResamples?: number
}

/** One row of the per-class table (classifiers). Values follow scikit-learn's `zero_division=0`. */
export interface PerClassMetrics {
  label: string
  precision: number
  recall: number
  f1: number
  /** Number of examples whose target is this label. */
  support: number
  /** Number of examples predicted as this label. */
  predicted: number
}

/** Confusion matrix: `counts[i][j]` = examples of actual `labels[i]` predicted as `labels[j]`. */
export interface ConfusionMatrix {
  labels: string[]
  counts: number[][]
}

/** ROC curve points for one class against the rest (or the positive label in binary). */
export interface RocCurve {
  label: string
  fpr: number[]
  tpr: number[]
  thresholds: number[]
  auc: number
}

/** Precision-recall curve points; `averagePrecision` is scikit-learn's `average_precision_score`. */
export interface PrCurve {
  label: string
  precision: number[]
  recall: number[]
  thresholds: number[]
  averagePrecision: number
}

/** One bin of a reliability diagram (scikit-learn `calibration_curve`, uniform strategy). */
export interface CalibrationBin {
  lower: number
  upper: number
  meanPredicted: number
  fractionPositive: number
  count: number
}

export interface CalibrationCurve {
  label: string
  bins: CalibrationBin[]
}

/**
 * Everything the plots need. ROC and precision-recall curves are kept at plot resolution: exact
 * points of the full curve (scikit-learn's thresholds), at most 512 per curve, chosen so that no
 * point of the full curve lies farther than 0.003 of the plot's width or height from the line
 * drawn through the kept ones (straight segments for ROC, scikit-learn's `steps-post` for PR);
 * `notes` says when points were dropped. `auc` and `averagePrecision` are computed from the full
 * ranking, never from these points. Nothing that reads a stored run (compare, history) needs more.
 */
export interface Curves {
  roc?: RocCurve[]
  pr?: PrCurve[]
  calibration?: CalibrationCurve[]
  /** Regressors: a seeded sample of (actual, predicted) pairs, at most a few thousand. */
  predictedVsActual?: { actual: number[]; predicted: number[]; sampled: boolean }
  /** Regressors: histogram of residuals (`predicted - actual`). */
  residualHistogram?: { edges: number[]; counts: number[] }
}

/** Metrics of one slice of the data (one value of a slice column, or a cross of columns). */
export interface SliceResult {
  /** `category=technical_support`, or `category=billing&region=eu` for a cross. */
  key: string
  columns: string[]
  values: string[]
  exampleCount: number
  /** Empty when the slice is below `minSliceSize`; `notes` then says why. */
  metrics: Record<string, number>
  intervals: Record<string, MetricInterval>
  perClass?: PerClassMetrics[]
  confusionMatrix?: ConfusionMatrix
  notes: string[]
}

/**
 * A custom or built-in artifact, carried inside the run (so it survives sharding and
 * `--merge-reports`) and written to disk by the reporter.
 */
export type ArtifactContent =
  | { type: 'text'; text: string }
  | { type: 'bytes'; base64: string }
  | { type: 'rows'; columns: string[]; rows: Array<Record<string, unknown>> }
  | { type: 'json'; value: unknown }

export interface Artifact {
  name: string
  /** File name the reporter writes, e.g. `misclassified.csv`; always a safe base name. */
  fileName: string
  builtin: boolean
  content: ArtifactContent
  notes?: string[]
}

/** What the dataset was, so a baseline can tell whether the evaluation data changed. */
export interface DatasetInfo {
  /** sha256 (hex) over the target column and the input columns, names and values, in order. */
  fingerprint: string
  rowCount: number
  /** Columns the fingerprint covers, in order. */
  columns: string[]
  /**
   * Each covered column's own fingerprint (16 hex digits of its sha256), so a changed fingerprint
   * can say which columns changed; absent in runs written before it.
   */
  columnFingerprints?: Record<string, string>
  /** The targets column; absent for a model type that reads none (`text`). */
  targetColumn?: string
  source?: string
}

/** How the predictions were obtained. Never holds credentials. */
export interface ModelInfo {
  kind: 'function' | 'predictions' | 'adapter'
  name?: string
  /** Adapter description (endpoint, model id); secrets are never included. */
  description?: Record<string, unknown>
  cache?: { hits: number; misses: number }
  /** Rows whose prediction failed and were skipped (`onError: 'skip'`). */
  errorCount?: number
}

export interface EvalRun {
  version: typeof EVAL_RUN_VERSION
  /** Optional name, for tests that evaluate several runs. */
  name?: string
  modelType: ModelType
  createdAt: string
  exampleCount: number
  /** Classifier labels in order (as strings; numeric labels are written in canonical form). */
  labels?: string[]
  /** Binary classifiers: the positive label. */
  posLabel?: string
  /** Multiclass classifiers: how precision/recall/F1 are averaged. */
  average?: Average
  /** Whether probabilities (or scores) were available. */
  hasProbabilities?: boolean
  /**
   * Options that define what the metrics mean (summarization: `stemmer`; retriever: `k`), so
   * runs evaluated under other ones are not compared as the same metric.
   */
  metricOptions?: Record<string, boolean | number | string>
  /** Flat map, MLflow names (`accuracy_score`, `f1_score`, `roc_auc`, ...) and custom metrics. */
  metrics: Record<string, number>
  intervals: Record<string, MetricInterval>
  intervalSettings: IntervalSettings
  /** Direction of every metric in `metrics` (custom metrics carry theirs). */
  greaterIsBetter: Record<string, boolean>
  /** Names of custom metrics (`extraMetrics`). */
  customMetrics: string[]
  perClass?: PerClassMetrics[]
  confusionMatrix?: ConfusionMatrix
  curves: Curves
  /** Declared slice specs, e.g. `['category', ['category', 'region']]`. */
  sliceColumns: Array<string | string[]>
  /** Keyed by `SliceResult.key`. */
  slices: Record<string, SliceResult>
  minSliceSize: number
  artifacts: Artifact[]
  dataset: DatasetInfo
  model: ModelInfo
  /** Why a metric is absent or how it was computed (zero division, single class, ...). */
  notes: string[]
  durationMs: number
}

/**
 * The interval settings the engine computes with (`IntervalSettings` resolved: every field set);
 * `null` where intervals are off or not wanted (bootstrap resamples, paired recomputation).
 */
export interface IntervalConfig {
  level: number
  seed: number
  /** Resamples of the confusion-count bootstrap. */
  resamples: number
  /** Resamples of the row bootstraps (studentized and BCa). */
  rowResamples: number
}

/** The metrics of one scope (the run, a slice, a resample), as a model type computes them. */
export interface ScopeMetrics {
  metrics: Record<string, number>
  intervals: Record<string, MetricInterval>
  /** Classifiers: the per-class table and confusion matrix (when details were asked for). */
  perClass?: PerClassMetrics[]
  confusionMatrix?: ConfusionMatrix
  notes: string[]
}
