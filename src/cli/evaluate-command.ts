import { loadDataset } from '../data/index.js'
import { evaluate } from '../evaluate/index.js'
import type { EvaluateOptions } from '../evaluate/index.js'
import { observeWarnings } from '../run/observers.js'
import type { Average, EvalRun, ModelType } from '../run/types.js'
import { assertClassifierTargets } from './classifier-target-check.js'
import { inCliWords } from './cli-words.js'
import { checkModelTypeOptions, type CliModelType } from './model-type-options.js'
import { formatRunAsText } from './text-report.js'
import { UsageError } from './usage-error.js'
import { ConfigError } from '../errors.js'

/** Options of `evalgate evaluate`, as commander parses them. */
export interface EvaluateCommandOptions {
  /** Not needed for `--model-type text`; checked by `checkModelTypeOptions`. */
  targets?: string
  predictions?: string
  scores?: string
  probabilities?: string[]
  threshold?: number
  labels?: string[]
  posLabel?: string
  average?: Average
  modelType?: CliModelType
  /** Retriever: documents scored per row (precision_at_k, recall_at_k, ndcg_at_k). */
  k?: number
  slice?: Array<string | string[]>
  minSliceSize?: number
  level?: number
  seed?: number
  json?: boolean
}

/** Where the command writes; the process streams in `main.ts`, buffers in tests. */
export interface CommandOutput {
  stdout(text: string): void
  stderr(text: string): void
}

/**
 * `evalgate evaluate <file>`: loads the file, evaluates the stored predictions (or, for a
 * classifier without `--predictions`, the predictions derived from `--probabilities` (argmax) or
 * `--scores` (>= `--threshold`)) and prints the run, as one EvalRun JSON document (`--json`) or
 * as readable tables. Warnings are `evalgate: warning: …` lines on stderr. `--model-type` may
 * also be a text type (question-answering, text-summarization, text, retriever with `--k`); list
 * columns are read by the data layer (JSON arrays, or CSV cells holding one).
 */
export async function runEvaluateCommand(file: string, options: EvaluateCommandOptions, output: CommandOutput): Promise<EvalRun> {
  const modelType = checkModelTypeOptions(options)
  if (options.predictions === undefined && options.probabilities === undefined && options.scores === undefined) {
    throw new UsageError(
      "option '--predictions <column>' is needed, or (classifiers) '--probabilities <columns>' / '--scores <column>' to predict the most probable label / the positive label where score >= --threshold: the CLI evaluates stored predictions (use evaluate() in a test to call a model)",
    )
  }
  const data = await loadDataset(file)
  if (modelType === 'classifier') {
    const { predictions, probabilities, labels } = options
    assertClassifierTargets(data, { targets: options.targets as string, predictions, probabilities, labels }, options.modelType !== undefined)
  }
  const evaluateOptions: EvaluateOptions = {
    data,
    // The text type reads no targets: without --targets, none is passed.
    ...(options.targets !== undefined ? { targets: options.targets } : {}),
    modelType: modelType as ModelType,
    ...(options.k !== undefined ? { k: options.k } : {}),
    ...(options.predictions !== undefined ? { predictions: options.predictions } : {}),
    ...(options.scores !== undefined ? { scores: options.scores } : {}),
    ...(options.probabilities !== undefined ? { probabilities: options.probabilities } : {}),
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(options.labels !== undefined ? { labels: options.labels } : {}),
    ...(options.posLabel !== undefined ? { posLabel: options.posLabel } : {}),
    ...(options.average !== undefined ? { average: options.average } : {}),
    ...(options.slice !== undefined ? { slices: options.slice } : {}),
    ...(options.minSliceSize !== undefined ? { minSliceSize: options.minSliceSize } : {}),
    intervals: {
      ...(options.level !== undefined ? { level: options.level } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    },
  }
  // Warnings (a predicted label no target holds) go to stderr as they happen, also with --json,
  // naming the flags where the engine names evaluate()'s options.
  // Predicted labels no target holds are held back until the run is complete: a wrong
  // --predictions column (free text) gave one line per value, 300 of them (adversarial pass 35).
  const unseenLabels: string[] = []
  const stopWarnings = observeWarnings((warning) => {
    if (warning.code === 'PREDICTED_LABEL_NOT_IN_TARGETS') unseenLabels.push(warning.message)
    else output.stderr(`evalgate: warning: ${inCliWords(warning.message)}\n`)
  })
  let run: EvalRun
  try {
    run = await evaluate(evaluateOptions)
  } finally {
    stopWarnings()
  }
  for (const line of unseenLabelWarnings(unseenLabels, run, options)) output.stderr(`evalgate: warning: ${line}\n`)
  warnIgnoredPosLabel(options, run, output)
  output.stdout(options.json ? `${JSON.stringify(run)}\n` : formatRunAsText(run))
  return run
}

/**
 * `--pos-label` on a multiclass file: evaluate() ignores `posLabel` there with a note in the run
 * (not an error: the same options serve binary and multiclass files), which `--json` output
 * would carry unseen; the CLI also says it on stderr, in its own option's name.
 */
function warnIgnoredPosLabel(options: EvaluateCommandOptions, run: EvalRun, output: CommandOutput): void {
  if (options.posLabel === undefined || run.posLabel !== undefined) return
  const labels = run.labels?.length ?? 0
  output.stderr(`evalgate: warning: --pos-label ${options.posLabel} ignored: it applies to binary classifiers only and there are ${labels} labels (precision, recall and F1 use --average ${run.average ?? 'weighted'}); drop --pos-label\n`)
}

/** Predicted labels no target holds that are warned of one line each; more are summed up in one line. */
export const MAX_UNSEEN_LABEL_WARNINGS = 3

/**
 * The warnings on predicted labels no target holds: each on its line when there are at most
 * {@link MAX_UNSEEN_LABEL_WARNINGS}, else one line counting them with a few examples and asking
 * whether `--predictions` names the right column. When no row's prediction is a target label
 * (free text passed as `--predictions`), the command stops instead: every row would count as
 * wrong and the table would list a class per value. `--labels` declares the classes and accepts
 * them (evaluate() then warns of none).
 */
function unseenLabelWarnings(messages: readonly string[], run: EvalRun, options: EvaluateCommandOptions): string[] {
  if (messages.length === 0) return []
  const unseen = (run.perClass ?? []).filter((c) => c.support === 0 && c.predicted > 0)
  const examples = unseen.slice(0, 3).map((c) => JSON.stringify(c.label.length > 40 ? `${c.label.slice(0, 39)}…` : c.label))
  const targetLabels = (run.perClass ?? []).filter((c) => c.support > 0).map((c) => JSON.stringify(c.label))
  const shownTargets = `${targetLabels.slice(0, 5).join(', ')}${targetLabels.length > 5 ? `, … ${targetLabels.length - 5} more` : ''}`
  const count = `${messages.length} predicted label${messages.length === 1 ? '' : 's'}`
  const eg = examples.length > 0 ? ` (e.g. ${examples.join(', ')})` : ''
  const predictedOutside = unseen.reduce((sum, c) => sum + c.predicted, 0)
  if (run.perClass !== undefined && predictedOutside === run.exampleCount && options.labels === undefined) {
    throw new ConfigError(
      'CLI_NO_PREDICTION_IS_A_TARGET',
      `no prediction in predictions column "${options.predictions ?? ''}" is a label of targets column "${options.targets ?? ''}" (${shownTargets}): its ${count}${eg} never occur in the targets, so every row would count as wrong; is --predictions the right column? (pass --labels <l1>,<l2>,... naming every class to evaluate them all the same)`,
    )
  }
  if (messages.length <= MAX_UNSEEN_LABEL_WARNINGS) return messages.map(inCliWords)
  return [
    `${count}${eg} never occur in targets column "${options.targets ?? ''}" (${shownTargets}), so each became a class of its own and its rows count as wrong: is --predictions the right column? (pass --labels <l1>,<l2>,... naming every class to accept them; --json's notes name each label)`,
  ]
}
