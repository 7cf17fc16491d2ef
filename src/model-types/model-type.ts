/**
 * The model-type interface: everything `evaluate()` and the code above it need to know about one
 * kind of model (classifier, regressor, question answering, retriever, ...). A model type is one
 * implementation of this interface in its own folder, `src/model-types/<type>/`, listed in
 * `registry.ts`; `evaluate()` names no model type and asks the registry instead.
 *
 * The data flow a type takes part in:
 * 1. `resolveOptions`: checks the type's own options of `evaluate()` and resolves their defaults
 *    into plain JSON settings;
 * 2. `encode`: the evaluation table (dataset, the model's predictions or stored-predictions
 *    columns, the settings) -> the type's part of the run table (`EncodedPart`: JSON settings
 *    plus per-row typed columns), plus the fields it fills on the EvalRun;
 * 3. `scopeMetrics` (one scope given as row indices) or `manyScopeMetrics` (every scope of the
 *    run and of its slices at once, when a shared pass is cheaper): the built-in metrics, and
 *    intervals when asked;
 * 4. `curves`, `artifacts`: what the reporter plots and writes;
 * 5. `tableFields`: the type's columns in the table a custom metric or artifact receives;
 * 6. `outputs` / `withOutputs`: the per-example outputs a baseline stores, and the same part with
 *    another model's outputs substituted (what paired tests recompute on).
 *
 * A text type (question answering, summarization) fits the same shape: its part is per-row score
 * columns (one Float64Array per metric, plus the strings), its scope metrics aggregates of them
 * (mean, variance, p90) with an interval for the mean (`IntervalMethods.meanIntervals`).
 *
 * Layer: model types sit with `src/evaluate` (layer 3) and import only layers 0-2 (`src/run`,
 * `src/metrics`, `src/stats`, `src/data`, `src/models`), never `src/evaluate`: the engine's
 * interval methods come in through `ScopeContext.methods`.
 */
import type { Dataset } from '../data/index.js'
import type { Prediction } from '../models/types.js'
import type { RunWarning } from '../run/observers.js'
import type { EncodedColumn, EncodedPart, JsonValue } from '../run/run-table.js'
import type { Artifact, Curves, EvalRun, IntervalConfig, IntervalMethod, MetricInterval, ScopeMetrics } from '../run/types.js'
import type { RowWeightSource } from '../stats/resample-weights.js'

export type { EncodedColumn, EncodedPart, IntervalConfig, JsonValue, ScopeMetrics }

/**
 * The targets column of a type that needs one (`evaluate()` has checked it is given: only a type
 * whose `needsTargets` is false runs without).
 */
export function requiredTargets(targets: string | undefined): string {
  if (targets === undefined) throw new Error('internal: this model type needs targets, and evaluate() let a run through without them')
  return targets
}

/** What a model type's targets column holds (`holds`: "the true labels"), and a usual name for it (`example`: "label"). */
export interface TargetsColumn {
  holds: string
  example: string
}

/** Rows of a scope: indices into the run table (a row may repeat, as in a resample); null = every row. */
export type ScopeRows = Int32Array | null

/** A metric that is the mean of per-example `values`; `nonNegative` clamps its lower bound at 0. */
export interface MeanValues {
  name: string
  values: Float64Array
  nonNegative: boolean
  /** Clamps the upper bound at 1 (scores in [0, 1]). */
  atMostOne?: boolean
  /**
   * The terms cannot exceed a fixed bound (log losses: probabilities are clipped at machine
   * epsilon, so no term exceeds about 36), so every moment exists and the heavy-tail check, made
   * for unbounded terms, is not made: on a confident classifier's log losses (two clusters, the
   * wrong rows far above the right ones) it read the gap as a tail of infinite variance.
   */
  bounded?: boolean
  /**
   * Where the heavy-tail check fires, Peng's tail-extrapolated interval (`peng-tail`) instead of
   * none, from `PENG_TAIL_MIN_ROWS` rows (`src/evaluate/interval-methods.ts`). Only for
   * non-negative terms that are a power of an error (absolute, squared errors), never for ratios
   * such as percentage errors, whose population mean can be infinite.
   */
  tailExtrapolation?: boolean
  /**
   * From `PENG_TAIL_MIN_ROWS` rows up to the row cap, `studentized-tail-upper` on every sample:
   * the bootstrap-t's lower end, the larger of its upper end and Peng's tail-extrapolated bound
   * (`src/evaluate/interval-methods.ts`). For squared errors.
   */
  tailUpperBound?: boolean
}

/**
 * The engine's interval methods (`src/evaluate/interval-methods.ts`, where their choice and
 * coverage are documented), handed to a model type so it computes intervals the way every other
 * type does without importing `src/evaluate`.
 */
export interface IntervalMethods {
  /** Above this many rows, means and row-bootstrapped metrics use analytic intervals. */
  readonly rowBootstrapMaxRows: number
  /** Fewest rows at which heavy-tailed errors get Peng's tail extrapolation (`peng-tail`, and r2_score's `peng-tail-ratio`). */
  readonly pengTailMinRows: number
  /** Why max_error has no interval (for the run's notes). */
  readonly maxErrorNote: string
  /** Intervals of metrics that are means of per-example values, from one set of row weights. */
  meanIntervals(
    means: readonly MeanValues[],
    config: IntervalConfig,
    /** Where a note goes when a mean's terms look heavy-tailed and its interval is withheld. */
    notes?: string[],
    /** Metrics derived from a mean that lose their interval with it (MSE -> RMSE, r2). */
    followers?: Readonly<Record<string, readonly string[]>>,
    /** Receives the names of the means whose terms look heavy-tailed (the heavy-tail check fired). */
    heavyTails?: Set<string>,
  ): Record<string, MetricInterval>
  /** `poisson-bootstrap-bca` intervals of any statistic of row weights. */
  bcaBootstrapIntervals(
    n: number,
    estimates: Readonly<Record<string, number>>,
    statistic: (weights: Float64Array) => Record<string, number>,
    config: IntervalConfig,
  ): Record<string, MetricInterval>
  /**
   * Where a row bootstrap of the scope takes its Poisson weights (the stream of a seed and a row
   * count): the engine's replays one stream for every bootstrap of a scope (the means', the
   * custom metrics', a binary classifier's average precision), so it is drawn once.
   */
  rowWeights: RowWeightSource
  /** Percentile intervals of bootstrap samples, for the metrics named. */
  percentileIntervals(samples: Record<string, Float64Array>, names: Iterable<string>, level: number, method: IntervalMethod): Record<string, MetricInterval>
  /** An interval, or undefined when its bounds are not finite. */
  finiteInterval(bounds: { lower: number; upper: number }, level: number, method: IntervalMethod): MetricInterval | undefined
  /** The interval of a square root (RMSE from MSE). */
  sqrtInterval(interval: MetricInterval): MetricInterval | undefined
}

/** How one scope's metrics are wanted. */
export interface ScopeContext {
  /** Interval settings; null: no intervals (resamples, paired recomputation). */
  intervals: IntervalConfig | null
  /** Also the scope's detail tables (a classifier's per-class table and confusion matrix). */
  details: boolean
  methods: IntervalMethods
}

/** Which options of `evaluate()` were given, and the type's own options as the user gave them. */
export interface OptionsRequest {
  hasModel: boolean
  /** The stored predictions column, when given. */
  predictions: string | undefined
  /** Every option of `evaluate()` (the type reads its own: `labels`, `posLabel`, `average`, ...). */
  options: Readonly<Record<string, unknown>>
}

/** A type's resolved options. */
export interface ResolvedOptions {
  /** Plain JSON settings `encode` reads (resolved defaults included). */
  settings: { [key: string]: JsonValue }
  /**
   * Without `model` or a predictions column: where the type derives its predictions from, named
   * for `run.model.name` (`argmax(p_neg, p_pos)`, `score >= 0.5`). Undefined otherwise.
   */
  derivedPredictionsName?: string
}

/** What `encode` reads. */
export interface EncodeRequest {
  /** The rows evaluated (rows a served model failed on are left out). */
  dataset: Dataset
  /** The targets column; undefined only for a type whose `needsTargets` is false. */
  targets: string | undefined
  /** A stored predictions column, or the model's predictions (one per dataset row); neither: derived. */
  predictionsColumn?: string
  modelPredictions?: readonly Prediction[]
  /** `resolveOptions(...).settings`. */
  settings: { readonly [key: string]: JsonValue }
  /** 1-based row number in the user's data, for messages. */
  rowNumber(row: number): number
  /** Every option of `evaluate()`, for what settings cannot hold (a text type's toxicity scorer function or adapter). */
  options?: Readonly<Record<string, unknown>>
}

/** What `encode` returns. */
export interface Encoded<P extends EncodedPart> {
  part: P
  /** Fields of the EvalRun the type fills (a classifier's labels, posLabel, average, hasProbabilities; a summarizer's metricOptions). */
  runFields: Partial<Pick<EvalRun, 'labels' | 'posLabel' | 'average' | 'hasProbabilities' | 'metricOptions'>>
  /** For `run.notes`. */
  notes: string[]
  /** Also in `notes`; sent to the warning observers (`src/run/observers.ts`). */
  warnings: RunWarning[]
}

/** What `artifacts` reads. */
export interface ArtifactRequest {
  dataset: Dataset
  inputColumns: readonly string[]
  /** 1-based row number in the user's data. */
  rowNumber(row: number): number
  /** Most rows a built-in artifact lists. */
  maxRows: number
}

/** Scope results of many groupings computed at once, and what the shared pass yields besides. */
export interface ManyScopes {
  /** `scopes[g][s]`: the metrics of scope `s` of grouping `g`, in the order given. */
  scopes: ScopeMetrics[][]
  /**
   * The run's curves and their notes, when the first grouping is the whole run and the shared
   * pass made them (the classifier's one-vs-rest rankings); otherwise the engine calls `curves`.
   */
  curves?: { curves: Curves; notes: string[] }
}

/**
 * One model type. `P` is the shape of its part of the run table. Every function is pure over
 * plain data: given the same part and rows it returns the same numbers, fresh or read from disk.
 */
export interface ModelType<P extends EncodedPart = EncodedPart> {
  /** `run.modelType`. */
  readonly name: string
  /** Other names `evaluate({ modelType })` accepts (e.g. `'classification'`). */
  readonly aliases: readonly string[]
  /** The options of `evaluate()` only this type reads (refused for other types). */
  readonly optionNames: readonly string[]
  /**
   * Those of its options that name columns (a name or a list of names: a classifier's `scores`,
   * `probabilities`): checked to exist, and left out of the default input columns.
   */
  readonly columnOptions: readonly string[]
  /** Built-in metric names (custom metrics may not take them). */
  readonly metricNames: readonly string[]
  /** Direction of every built-in metric: true when greater is better. */
  readonly metricDirections: Readonly<Record<string, boolean>>
  /** Names of its built-in artifacts (custom artifacts may not take them), with file names. */
  readonly artifactNames: readonly string[]
  /** False for a type that reads no targets column (MLflow's `text`); default true. */
  readonly needsTargets?: boolean
  /**
   * What its targets column holds, and a usual name for it, for the message when `targets` is
   * missing (`the reference summaries`, `reference`); default the true labels or values.
   */
  readonly targetsColumn?: TargetsColumn
  /**
   * What a served model answers for one row where it is not a label, number, text or a
   * classifier's probabilities: `'id-list'`, a retriever's list of document ids (a served
   * adapter otherwise reads a list as probabilities). Passed to the adapter as `PredictContext.answers`.
   */
  readonly servedAnswers?: 'id-list'

  /** Checks the type's options (ConfigError naming the option and the fix) and resolves defaults. */
  resolveOptions(request: OptionsRequest): ResolvedOptions
  /**
   * Encodes targets and predictions once: the type's part of the run table. May be async (a
   * text type awaits the user's toxicity scorer, a function or a served model); `evaluate()` awaits it.
   */
  encode(request: EncodeRequest): Encoded<P> | Promise<Encoded<P>>
  /** Built-in metrics (and intervals when `context.intervals` is set) of the rows `rows`. */
  scopeMetrics(part: P, rows: ScopeRows, context: ScopeContext): ScopeMetrics
  /**
   * Optional: the metrics of many scopes at once (`groupings[g][s]` the rows of scope `s` of
   * grouping `g`, ascending, the scopes of one grouping disjoint; `[[null]]` is the whole run),
   * where a shared pass is cheaper than one call per scope (the classifier's one-vs-rest AUC
   * sorts each class once for the run and every slice). Must give the numbers `scopeMetrics`
   * gives for each scope.
   */
  manyScopeMetrics?(part: P, groupings: readonly (readonly ScopeRows[])[], context: ScopeContext): ManyScopes
  /** The run's curves (ROC, PR, calibration; predicted vs actual); notes go to `notes`. */
  curves(part: P, seed: number, notes: string[]): Curves
  /** The type's built-in artifacts (`misclassified.csv`, `largest_errors.csv`). */
  artifacts(part: P, request: ArtifactRequest): Artifact[]
  /**
   * The type's fields in the table custom metrics and artifacts receive, for the rows `rows`:
   * name -> a function computing the value (called once, on first read). Every array it returns
   * is new (`ownedFloat64`, `ownedInt32`, `ownedValues` in `gather-rows.ts`), never the part's own
   * column: a user's function may sort or write it without changing the run.
   */
  tableFields(part: P, rows: ScopeRows): Record<string, () => unknown>
  /** The model's per-example outputs (what a baseline stores; what differs between two models on the same rows). */
  outputs(part: P): Record<string, EncodedColumn>
  /**
   * The same part with another model's `outputs` substituted (names as `outputs` gives them; a
   * missing one keeps the run's own): what a paired test recomputes metrics on. `without` names
   * optional outputs to leave out (a classifier's `probabilities`: a baseline above the cap stores
   * none, so both models are recomputed without them); a type ignores the names it cannot drop.
   */
  withOutputs(part: P, outputs: Readonly<Record<string, EncodedColumn>>, without?: readonly string[]): P
}
