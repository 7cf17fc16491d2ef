/**
 * The options of `evaluate()`.
 */
import type { Dataset, Row } from '../data/index.js'
import type { ModelAdapter, ModelFunction, RowLike } from '../models/types.js'
import type { Average, ModelTypeName } from '../run/types.js'
import type { ArtifactDefinition } from './define-artifact.js'
import type { MetricDefinition } from './define-metric.js'
import { CLASSIFIER_DEFAULTS } from '../model-types/classifier/classifier-options.js'
import type { ToxicityScorer } from '../model-types/text/toxicity-scorer.js'
import type { EveryKeyListed } from '../run/option-keys.js'

/** How intervals are computed. `false` turns them off. */
export interface IntervalOptions {
  /** Nominal coverage; default 0.95. */
  level?: number | undefined
  /** Seed of every random draw; default 0. */
  seed?: number | undefined
  /** Resamples of the confusion-count bootstrap; default 4000 (cheap: each is a draw over the k x k cells, not the rows). */
  resamples?: number | undefined
  /**
   * Resamples of the row bootstraps (`studentized-bootstrap`: means such as MAE, MSE, log_loss;
   * `poisson-bootstrap-bca`: precision_recall_auc, custom metrics, r2_score below 100 rows); default 2000.
   */
  rowResamples?: number | undefined
}

export interface EvaluateOptions<R extends RowLike = Row> {
  /** The evaluation set: a dataset from `loadDataset` / `datasetFromRecords`, or records. */
  data: Dataset | readonly R[]
  /**
   * Column holding the true label (classifier), value (regressor), gold answer(s)
   * (question-answering), reference summary (text-summarization) or relevant ids (retriever).
   * Required by every model type but `text`, which reads none.
   */
  targets?: string | undefined
  /** A model type, or an alias in MLflow's spelling (`text_classification` is the classifier). */
  modelType: ModelTypeName
  /** Retrievers: documents scored per row (`precision_at_k`, `recall_at_k`, `ndcg_at_k`); MLflow's default 3. */
  k?: number | undefined
  /** Question answering: also SQuAD v1.1's normalised `squad_exact_match/v1` and token `squad_f1/v1`. */
  squad?: boolean | undefined
  /** Summarization: stem words with NLTK's Porter stemmer before ROUGE (`use_stemmer=True`); default false. */
  stemmer?: boolean | undefined
  /**
   * Text, question answering and summarization: scores each output's toxicity for `toxicity/v1/*`
   * (`(texts) => scores` in [0, 1], a served classifier adapter, or `{ adapter, label?, inputColumn? }`).
   * Without it the run has no toxicity metric and a note says so.
   */
  toxicity?: ToxicityScorer | undefined
  /** A model function called with batches of rows, or a served-model adapter. */
  model?: ModelFunction<R> | ModelAdapter<R> | undefined
  /**
   * Column holding stored predictions (instead of `model`). Classifiers may leave both out and
   * give `probabilities` (predicted: the most probable label, ties to the first in label order,
   * as NumPy's argmax) or `scores` (predicted: `posLabel` when the score is >= `threshold`).
   */
  predictions?: string | undefined
  /** Binary classifiers: column holding the probability of `posLabel`. */
  scores?: string | undefined
  /** Columns holding the probability of each label, in `labels` order. */
  probabilities?: readonly string[] | undefined
  /**
   * Binary classifiers with `scores` and no `model` / `predictions`: a row is predicted
   * `posLabel` when its score is >= `threshold`, else the other label; default 0.5.
   */
  threshold?: number | undefined
  /** Label order; default: sorted union of targets and predictions. */
  labels?: ReadonlyArray<string | number | boolean> | undefined
  /** Binary classifiers: the positive label; default the last label in sorted order (as MLflow), whatever the order of `labels`. */
  posLabel?: string | number | boolean | undefined
  /**
   * Classifiers, without `labels`: what a predicted label that no target holds (a misspelt
   * `'mixed'`) does. `'warn'` (default): it becomes a class of its own, and a warning reaches the
   * test (a Vitest warning annotation), the CLI (stderr) and `run.notes`. `'error'`: evaluate()
   * throws a PredictionError naming the label and its first row.
   */
  unseenPredictedLabels?: 'warn' | 'error' | undefined
  /** Multiclass averaging of precision, recall and F1; default `weighted` (as MLflow). */
  average?: Average | undefined
  /** Rows per model-function call; default 256. */
  batchSize?: number | undefined
  /** Slice columns (`'category'`) and crosses (`['category', 'region']`). */
  slices?: ReadonlyArray<string | readonly string[]> | undefined
  /** Slices with fewer examples report only their size and a note; default 30. */
  minSliceSize?: number | undefined
  extraMetrics?: readonly MetricDefinition[] | undefined
  extraArtifacts?: readonly ArtifactDefinition[] | undefined
  intervals?: IntervalOptions | false | undefined
  /** Name of the run (for tests that evaluate several). */
  name?: string | undefined
  /**
   * Columns covered by the dataset fingerprint and shown in artifacts; default every column
   * except the targets, predictions, scores and probabilities columns.
   */
  inputColumns?: readonly string[] | undefined
  /** Most misclassified rows / largest errors kept in the built-in artifacts; default 1000. */
  maxArtifactRows?: number | undefined
}

/**
 * Every option `evaluate()` takes, for the unknown-option check; the type below fails to compile
 * when an option of `EvaluateOptions` is missing here.
 */
export const EVALUATE_OPTION_NAMES = [
  'data', 'targets', 'modelType', 'k', 'squad', 'stemmer', 'toxicity', 'model', 'predictions', 'scores', 'probabilities',
  'threshold', 'labels', 'posLabel', 'unseenPredictedLabels', 'average', 'batchSize', 'slices', 'minSliceSize',
  'extraMetrics', 'extraArtifacts', 'intervals', 'name', 'inputColumns', 'maxArtifactRows',
] as const satisfies ReadonlyArray<keyof EvaluateOptions>

const everyOptionListed: EveryKeyListed<EvaluateOptions, typeof EVALUATE_OPTION_NAMES> = true
void everyOptionListed

/** The options of `intervals`, for the same check. */
export const INTERVAL_OPTION_NAMES = ['level', 'seed', 'resamples', 'rowResamples'] as const satisfies ReadonlyArray<keyof IntervalOptions>
const everyIntervalOptionListed: EveryKeyListed<IntervalOptions, typeof INTERVAL_OPTION_NAMES> = true
void everyIntervalOptionListed

/** Defaults, in one place so the documentation and the code agree. */
export const EVALUATE_DEFAULTS = {
  average: CLASSIFIER_DEFAULTS.average,
  batchSize: 256,
  minSliceSize: 30,
  level: 0.95,
  seed: 0,
  resamples: 4000,
  rowResamples: 2000,
  maxArtifactRows: 1000,
  /** Score at or above which a row is predicted `posLabel` (predictions derived from `scores`). */
  threshold: CLASSIFIER_DEFAULTS.threshold,
  /** Custom metrics get a row-bootstrap interval only up to this many examples per scope. */
  customIntervalMaxRows: 20_000,
} as const satisfies Record<string, unknown> & { average: Average }
