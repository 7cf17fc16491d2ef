import { UsageError } from './usage-error.js'

/** Model types `evalgate evaluate --model-type` accepts, in the order `--help` lists them. */
export const CLI_MODEL_TYPES = ['classifier', 'regressor', 'question-answering', 'text-summarization', 'text', 'retriever', 'text-classification', 'text_classification'] as const
export type CliModelType = (typeof CLI_MODEL_TYPES)[number]

/** The text types: they score text (or lists of ids) per row, not labels or numbers. */
const TEXT_TYPES: ReadonlySet<string> = new Set(['question-answering', 'text-summarization', 'text', 'retriever'])

/** Options that only mean something for a classifier. */
const CLASSIFIER_ONLY = [
  ['scores', '--scores'],
  ['probabilities', '--probabilities'],
  ['threshold', '--threshold'],
  ['labels', '--labels'],
  ['posLabel', '--pos-label'],
  ['average', '--average'],
] as const

/** The options the model-type checks read (a subset of `EvaluateCommandOptions`). */
export interface ModelTypeOptionInput {
  targets?: string
  predictions?: string
  modelType?: CliModelType
  k?: number
  scores?: string
  probabilities?: string[]
  threshold?: number
  labels?: string[]
  posLabel?: string
  average?: string
}

/**
 * The model type the CLI evaluates (`text-classification` / `text_classification`, MLflow's
 * name, are the classifier), after checking that the options fit it; a UsageError naming the
 * option and the fix otherwise:
 * - `--k` belongs to `retriever` (and must be at least 1);
 * - `--scores`, `--probabilities`, `--threshold`, `--labels`, `--pos-label`, `--average` belong to classifiers;
 * - `--scores` and `--probabilities` exclude each other; `--threshold` needs `--scores` and no `--predictions`;
 * - the text types need `--predictions` (the model's stored output column);
 * - every type but `text` needs `--targets`.
 */
export function checkModelTypeOptions(options: ModelTypeOptionInput): string {
  const given = options.modelType ?? 'classifier'
  const modelType = given === 'text-classification' || given === 'text_classification' ? 'classifier' : given
  if (options.k !== undefined && modelType !== 'retriever') {
    throw new UsageError(`option '--k <n>' is the retriever's cut-off (precision_at_k, recall_at_k, ndcg_at_k); add '--model-type retriever' or drop --k`)
  }
  if (options.k !== undefined && options.k < 1) {
    throw new UsageError(`option '--k <n>' must be at least 1 (the number of retrieved documents scored); got ${options.k}`)
  }
  if (modelType !== 'classifier') {
    for (const [key, flag] of CLASSIFIER_ONLY) {
      if (options[key] !== undefined) {
        throw new UsageError(`option '${flag}' is for classifiers, not --model-type ${modelType}; drop it${TEXT_TYPES.has(modelType) ? ` and pass the model's output column as --predictions` : ''}`)
      }
    }
  }
  if (modelType === 'classifier') checkPredictionSourceOptions(options)
  if (TEXT_TYPES.has(modelType) && options.predictions === undefined) {
    const what = modelType === 'retriever' ? 'the retrieved document ids of each row (a JSON array)' : modelType === 'text-summarization' ? 'the summary the model wrote' : modelType === 'question-answering' ? "the model's answer" : "the model's text"
    throw new UsageError(`option '--predictions <column>' is needed for --model-type ${modelType}: the column holding ${what}`)
  }
  if (modelType !== 'text' && options.targets === undefined) {
    const what =
      modelType === 'retriever'
        ? 'the relevant document ids of each row (a JSON array; in a CSV, a cell such as ["doc-1","doc-2"])'
        : modelType === 'question-answering'
          ? 'the gold answer (or a JSON array of gold answers)'
          : modelType === 'text-summarization'
            ? 'the reference summary'
            : modelType === 'regressor'
              ? 'the true value'
              : 'the true label'
    throw new UsageError(`required option '--targets <column>' not specified: for --model-type ${modelType}, the column holding ${what}`)
  }
  return modelType
}

/**
 * A classifier's prediction source, in the CLI's words (evaluate() would refuse the same with its
 * own option names, as bad input): `--scores` or `--probabilities`, not both; `--threshold` only
 * where the predictions are derived from `--scores`.
 */
function checkPredictionSourceOptions(options: ModelTypeOptionInput): void {
  if (options.scores !== undefined && options.probabilities !== undefined) {
    throw new UsageError(`options '--scores' and '--probabilities' exclude each other: give '--scores <column>' (binary: the probability of the positive label) or '--probabilities <columns>' (one column per label), not both`)
  }
  if (options.threshold === undefined) return
  if (options.scores === undefined) {
    throw new UsageError(`option '--threshold' applies only with --scores (a score >= --threshold predicts the positive label); drop --threshold, or give '--scores <column>'${options.probabilities !== undefined ? ' instead of --probabilities' : ''}`)
  }
  if (options.predictions !== undefined) {
    throw new UsageError(`option '--threshold' would be ignored: the predictions come from --predictions ${options.predictions}; drop --threshold, or drop --predictions to predict the positive label where --scores >= --threshold`)
  }
}
