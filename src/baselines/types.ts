/**
 * The shape of a baseline file: one per test file, one entry per `toMatchBaseline()` call, keyed
 * like Vitest's snapshots (`<full test name> <n>`, or `<full test name> > <run name>`; see
 * `entry-keys.ts`). Plain JSON, written with sorted keys and one value per line (see
 * `stable-json.ts`) so a pull request diff shows exactly which metric moved. What a valid file
 * is: `validate-baseline-file.ts`.
 */
import type { Average, ModelType } from '../run/types.js'

/**
 * Version of the baseline file layout this evalgate writes. 2: entries may hold fields that
 * earlier versions (which wrote 1) do not know and would drop when they rewrite the file
 * (`metricOptions`, `posLabel`, per-column fingerprints, `non_empty_output_rate`), after which a
 * summarization run with another `stemmer` passed; those versions refuse a file of version 2
 * instead. The layout is otherwise the same, so version 1 files are read as they are, and
 * rewritten as 2 only when an entry changes.
 */
export const BASELINE_FILE_VERSION = 2 as const

/**
 * The layout of a file holding a metric without a better direction (`greaterIsBetter: null`,
 * stored when `metrics` names one such as `token_count/v1/mean`, which is then tested
 * two-sided): versions that write 2 take such a metric for a corrupt entry, and their `-u`
 * "repair" would store it as greater-is-better, which gated it so; they refuse a file of this
 * version instead. A file without such a metric is still written as 2.
 */
export const UNDIRECTED_BASELINE_FILE_VERSION = 3 as const

/** The layout versions this evalgate reads (a newer one is refused, never rewritten). */
export const READABLE_BASELINE_FILE_VERSIONS: readonly number[] = [1, 2, 3]

/**
 * The readable versions as a message words them.
 * @example readableVersionsText('or') // '1, 2 or 3'
 */
export function readableVersionsText(conjunction: 'and' | 'or'): string {
  const versions = READABLE_BASELINE_FILE_VERSIONS.map(String)
  return versions.length === 1 ? versions[0]! : `${versions.slice(0, -1).join(', ')} ${conjunction} ${versions[versions.length - 1]}`
}

/**
 * The layout version to write `entries` in: the oldest that holds them (2, or 3 when a metric has
 * no better direction), so earlier releases keep reading every file they can.
 *
 * @example baselineFileVersionFor({}) // 2
 */
export function baselineFileVersionFor(entries: Readonly<Record<string, BaselineEntry>>): typeof BASELINE_FILE_VERSION | typeof UNDIRECTED_BASELINE_FILE_VERSION {
  const undirected = (metrics: Readonly<Record<string, StoredMetric>>): boolean => Object.values(metrics).some((metric) => metric.greaterIsBetter === null)
  for (const entry of Object.values(entries)) {
    if (undirected(entry.metrics) || Object.values(entry.slices).some((slice) => undirected(slice.metrics))) return UNDIRECTED_BASELINE_FILE_VERSION
  }
  return BASELINE_FILE_VERSION
}

/** One tracked metric as stored: value, direction and (when the run had one) its interval. */
export interface StoredMetric {
  value: number
  /** null: the metric has no better direction (`token_count`), so its changes are tested two-sided. */
  greaterIsBetter: boolean | null
  lower?: number
  upper?: number
  level?: number
  method?: string
}

/** One slice as stored: its size and its tracked metrics. */
export interface StoredSlice {
  exampleCount: number
  metrics: Record<string, StoredMetric>
}

/** Per-example correctness, one bit per example (bit `i` = byte `i >> 3`, bit `i & 7`). */
export interface StoredCorrectness {
  encoding: 'bitset-base64'
  length: number
  bits: string
}

/**
 * Per-example predictions of the baseline model (see `stored-predictions.ts`): label indices
 * into `labels` for classifiers (`uint8` up to 256 labels, little-endian `uint16` beyond),
 * little-endian float64 predictions for regressors, base64-encoded.
 */
export interface StoredPredictions {
  encoding: 'uint8-base64' | 'uint16le-base64' | 'float64le-base64'
  length: number
  /** Classifiers: the run's label list, which the indices point into. */
  labels?: string[]
  values: string
}

/**
 * Per-example probabilities of the baseline classifier (see `stored-predictions.ts`): row-major
 * `length x classes` little-endian float64, base64-encoded (exact, so recomputed metrics equal
 * the stored ones).
 */
export interface StoredProbabilities {
  /**
   * float64, or above 50,000 examples or 250,000 values (up to 200,000 and 500,000): indices into
   * `table` (uint8 or uint16) where the probabilities take at most 65,536 distinct values (exact:
   * a model that rounds its probabilities, a forest's vote shares), else their natural logarithms
   * as float32 (`log-float32le-base64`: as precise near 1 as near 0, so confident scores keep
   * their order), with the values that repeat (up to 255: clipped bounds, 0, 1) kept exactly
   * (`table-log-float32le-base64`: an index byte each, 255 for a logarithm, then the logarithms),
   * or, where every value is a decimal of at most 9 places, exactly as integers of 10^-d
   * (`decimal-uint32le-base64`, checked before the logarithms);
   * `float32le-base64`, the probabilities themselves as float32, is still read.
   */
  encoding: 'float64le-base64' | 'float32le-base64' | 'log-float32le-base64' | 'table-log-float32le-base64' | 'decimal-uint32le-base64' | 'table-uint8-base64' | 'table-uint16le-base64'
  length: number
  classes: number
  values: string
  /** `decimal-uint32le-base64`: each value is an integer k, the probability k / 10^decimals (exact for probabilities written with that many decimals). */
  decimals?: number
  /** Two labels, stored as the second's probabilities p alone; the first's are 1 - p (a binary run given one score column). */
  complement?: true
  /** The distinct (or, beside logarithms, the repeated) probabilities, ascending, that a table encoding's indices point into. */
  table?: number[]
}

/** One baseline entry: everything a later run is compared against. */
export interface BaselineEntry {
  modelType: ModelType
  /** Binary classifiers: the positive label the stored precision, recall and F1 are of (absent in older entries). */
  posLabel?: string
  /** Multiclass classifiers: how the stored precision, recall and F1 were averaged (absent in older entries). */
  average?: Average
  /** Options that define a metric without naming it (summarization's `stemmer`; `metric-options.ts`), absent in older entries. */
  metricOptions?: Record<string, boolean | number | string>
  exampleCount: number
  /**
   * The evaluation data: its fingerprint and row count, and (entries written since) each
   * covered column's fingerprint and the targets column, so an added column is not a change.
   */
  dataset: { fingerprint: string; rowCount: number; columnFingerprints?: Record<string, string>; targetColumn?: string }
  metrics: Record<string, StoredMetric>
  slices: Record<string, StoredSlice>
  /** Classifiers: per-example correctness, for McNemar's paired test. */
  correct?: StoredCorrectness
  /**
   * Per-example predictions, for a paired bootstrap of every metric recomputable from them
   * (absent above 200,000 classifier or 250,000 regressor examples, and in entries written
   * before it existed).
   */
  predictions?: StoredPredictions
  /**
   * Classifiers with probabilities: per-example probabilities, for the paired tests of
   * log_loss, brier_score_loss, roc_auc, precision_recall_auc and custom metrics that read
   * them (float32 above 50,000 examples or 250,000 values; absent above 200,000 or 500,000).
   */
  probabilities?: StoredProbabilities
  /**
   * Text, question-answering, summarization and retriever types: the per-row scores of each
   * tracked mean (`rouge1/v1/score`), float64, for the paired mean difference of per-row scores
   * (absent above 20,000 examples).
   */
  rowScores?: Record<string, StoredPredictions>
  /**
   * Text, question-answering, summarization and retriever types whose run tracks a custom metric:
   * the model's output per row (a retriever's id list as its JSON text), with `rowScores` then
   * holding every per-row score column, so a custom metric (which reads the outputs and scores)
   * is recomputed on the baseline model's rows for its paired test. Absent without custom metrics,
   * above 20,000 examples or 2,000,000 bytes (UTF-8) of outputs.
   */
  outputTexts?: string[]
  /**
   * A key per example (see {@link StoredRowKeys}), stored with the per-example outputs (absent
   * above 50,000 examples, in entries written before it existed, and when rows failed in the
   * model), so a paired test still runs on the rows kept when the data changed.
   */
  rowKeys?: StoredRowKeys
  /**
   * The Vitest project whose run wrote the entry, when it has a name: a run of another project
   * that checks this entry is an error (two projects of one test file and one baseline folder,
   * run one at a time with `--project`, would check one entry with two models).
   */
  project?: string
  /**
   * The full name of the test that wrote the entry (absent in entries written before it was
   * recorded). A check of another test that meets this key is an error in every mode: the keys of
   * `describe('ranker') > test('candidate')` and of `test('ranker')` checking a run named
   * "candidate 1" are one, and under a `-t` filter one read, and `-u` overwrote, the other's entry.
   */
  test?: string
}

/**
 * A key per example, from the example's own cells (`src/data/row-keys.ts`: the first 32 bits of
 * the sha256 of its cells in `columns`), little-endian `uint32`, base64-encoded: when the
 * evaluation data changed (rows added, removed, reordered) and `allowDataChange` is set, the rows
 * the baseline also holds are matched by key and compared with the paired tests.
 */
export interface StoredRowKeys {
  encoding: 'uint32le-base64'
  length: number
  /** The columns the keys are of (the run's targets and inputs when the entry was written). */
  columns: string[]
  values: string
  /**
   * 16 bits of the sha256 of each cell in `columns` (little-endian `uint16`, base64, column by
   * column: `columns.length` × `length` values; absent above 100,000 cells or with fewer than three columns), so
   * that rows still match on their other columns when a column was dropped or rewritten in most
   * rows (a notes or export-date column no model reads).
   */
  cells?: string
  /** Set when `columns` are the targets and the columns `rowKeyColumns` named (an id), not every column of the data. */
  named?: true
}

export interface BaselineFile {
  /** The layout version: {@link BASELINE_FILE_VERSION} when written, 1 in files of earlier versions. */
  evalgateBaseline: 1 | typeof BASELINE_FILE_VERSION | typeof UNDIRECTED_BASELINE_FILE_VERSION
  entries: Record<string, BaselineEntry>
}

/** The update mode, as Vitest's `snapshotUpdateState`: `new` locally, `all` under `-u`, `none` in CI. */
export type BaselineUpdateState = 'new' | 'all' | 'none'

/**
 * How a current run is compared to its baseline. The words follow MLflow's `MetricThreshold`
 * (`threshold`, `minAbsoluteChange`, `minRelativeChange`, `greaterIsBetter`), plus
 * `tolerance` (the absolute drop allowed), `significance` (alpha of the test that decides
 * whether a drop beyond the tolerance is real) and `allowDataChange`.
 */
export interface MetricGateOptions {
  /** Absolute bound the current value must meet (at least, or at most when lower is better). */
  threshold?: number | undefined
  /** The current value must beat the baseline by at least this much (MLflow; negative = allowed drop). */
  minAbsoluteChange?: number | undefined
  /** The current value must beat the baseline by at least this fraction of it (MLflow). */
  minRelativeChange?: number | undefined
  /** The direction of a metric that has none (token counts); one that turns a metric's own direction round is an error. */
  greaterIsBetter?: boolean | undefined
  /** Absolute drop allowed before the drop is tested for significance. Default 0. */
  tolerance?: number | undefined
  /** Alpha of the significance test, default 0.05; `false` gates on point estimates alone. */
  significance?: number | false | undefined
}

export interface BaselineOptions extends MetricGateOptions {
  /** Run name: the entry key is `<full test name> > <name>` instead of a counted `<full test name> <n>`; defaults to `run.name`. */
  name?: string | undefined
  /** Metrics to track; default: the model type's headline metrics and custom metrics. */
  metrics?: readonly string[] | undefined
  /** Whether slice metrics are tracked (default true). */
  slices?: boolean | undefined
  /** Per-metric overrides of the gate options. */
  perMetric?: Record<string, MetricGateOptions> | undefined
  /**
   * The columns that tell one row from another (an id), for the entry's row keys: the keys are
   * then of these columns and the targets, so a column no model reads can be dropped, renamed or
   * rewritten with the data without unmatching the rows. Default: the targets and every input
   * column (`inputColumns`, by default every column of the file); a key column gone or changed in
   * most rows is then left out of the match where the entry keeps its cell hashes (up to 100,000
   * cells), and the note names it.
   */
  rowKeyColumns?: readonly string[] | undefined
  /**
   * Compare anyway when the evaluation data changed: on the rows the baseline also holds
   * (matched by their content with the entry's row keys) with the paired tests, else (an entry
   * without row keys) on all rows with unpaired tests from the intervals.
   */
  allowDataChange?: boolean | undefined
  /**
   * Multiple-comparison correction over the metrics of one entry: `holm` (default) makes
   * `significance` the chance that an unchanged model fails the entry at all; `none` applies it
   * to every metric separately.
   */
  correction?: 'holm' | 'none' | undefined
}
