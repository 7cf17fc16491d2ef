import type { Dataset } from '../data/index.js'
import { ConfigError } from '../errors.js'
import { numericLabel } from '../run/labels.js'

/**
 * Distinct numeric targets above which `evalgate evaluate` will not guess that the targets are
 * class labels: 700 distinct prices scored as a 700-class classifier (exit 0) was the failure.
 */
export const MAX_NUMERIC_CLASSES_WITHOUT_MODEL_TYPE = 20

/** The columns `evalgate evaluate` was given for a classifier, as far as this check reads them. */
export interface ClassifierColumns {
  targets: string
  predictions?: string
  /** One column per class: with them the classes are declared, however many there are. */
  probabilities?: readonly string[]
  /** The classes, declared: as with `probabilities`, their number is no sign of a regressor. */
  labels?: readonly string[]
}

/**
 * A classifier's targets and predictions are labels. A numeric targets column (numbers, or CSV
 * text that reads as numbers) holding non-integer values is almost always a regression target
 * evaluated with the default model type; one with more than 20 distinct whole numbers may be
 * either. Without `--model-type`, the predictions are read too: non-integer predictions, or so
 * many numbers the targets never hold that targets and predictions together make more than 20
 * classes, are a regressor's. Each is an error that says which flag to pass, before the engine
 * builds hundreds of one-example classes. `--probabilities` or `--labels` declare the classes, so
 * with them the count is no sign of a regressor.
 *
 * @example
 * assertClassifierTargets(dataset, { targets: 'rating', predictions: 'pred' }, false)
 * // ConfigError: predictions column "pred" holds non-integer numbers (row 1 has 3.27), ... pass --model-type regressor
 */
export function assertClassifierTargets(dataset: Dataset, columns: ClassifierColumns, modelTypeGiven: boolean): void {
  const { targets } = columns
  if (!dataset.hasColumn(targets)) return // evaluate() reports the missing column with the list.
  const numeric = numericColumn(dataset, targets)
  if (numeric === undefined) return
  const { values, rowOf } = numeric
  const distinct = new Set<number>()
  for (let i = 0; i < values.length; i++) {
    const value = values[i]
    if (!Number.isInteger(value)) {
      throw new ConfigError(
        'CLI_CONTINUOUS_TARGETS',
        `targets column "${targets}" holds non-integer numbers (row ${rowOf(i) + 1} has ${value}), which cannot be classifier labels; ${
          modelTypeGiven ? 'did you mean' : 'the model type defaults to classifier: pass'
        } --model-type regressor`,
      )
    }
    distinct.add(value)
  }
  if (modelTypeGiven) return
  const classesDeclared = columns.probabilities !== undefined || columns.labels !== undefined
  if (!classesDeclared && distinct.size > MAX_NUMERIC_CLASSES_WITHOUT_MODEL_TYPE) {
    throw new ConfigError(
      'CLI_MODEL_TYPE_NEEDED',
      `targets column "${targets}" holds ${distinct.size} distinct numbers: as a classifier that is ${distinct.size} classes, which is more likely a regression target; pass --model-type regressor, or --model-type classifier if they are class labels`,
    )
  }
  if (columns.predictions !== undefined) assertClassifierPredictions(dataset, columns.predictions, targets, distinct, classesDeclared)
}

/**
 * The predictions of numeric targets, without `--model-type`: a non-integer number cannot be a
 * label (a regressor's output read as one becomes a class of its own, one warning per value), and
 * more than 20 classes with the targets' (unless declared) are as likely a regressor's rounded
 * outputs. Missing values (NaN) are left to evaluate(), which names them.
 */
function assertClassifierPredictions(dataset: Dataset, predictions: string, targets: string, targetValues: ReadonlySet<number>, classesDeclared: boolean): void {
  if (!dataset.hasColumn(predictions)) return
  const numeric = numericColumn(dataset, predictions)
  if (numeric === undefined) return
  const { values, rowOf } = numeric
  const unseen = new Set<number>()
  for (let i = 0; i < values.length; i++) {
    const value = values[i]
    if (Number.isNaN(value)) continue
    if (!Number.isInteger(value)) {
      // Scores in [0, 1] over two classes are as likely a binary classifier's probabilities.
      const scores = targetValues.size <= 2 && inUnitInterval(values)
      const fix = scores
        ? `if they are the positive class's probabilities, pass the column as --scores ${predictions} (predicted positive at --threshold, 0.5 by default); if they are a regressor's outputs, pass --model-type regressor`
        : `it looks like a regressor's output; the model type defaults to classifier: pass --model-type regressor`
      throw new ConfigError(
        'CLI_CONTINUOUS_PREDICTIONS',
        `predictions column "${predictions}" holds non-integer numbers (row ${rowOf(i) + 1} has ${value}), which cannot be classifier labels: ${fix}`,
      )
    }
    if (!targetValues.has(value)) unseen.add(value)
  }
  const classes = targetValues.size + unseen.size
  if (!classesDeclared && classes > MAX_NUMERIC_CLASSES_WITHOUT_MODEL_TYPE) {
    throw new ConfigError(
      'CLI_MODEL_TYPE_NEEDED',
      `predictions column "${predictions}" holds ${unseen.size} distinct numbers that targets column "${targets}" never holds: with the targets' ${targetValues.size} that is ${classes} classes, which is more likely a regressor's output; pass --model-type regressor, or --model-type classifier (or --labels) if they are class labels`,
    )
  }
}

/**
 * A column's values as numbers when the column is numeric (numbers, or text that reads as
 * numbers), with the row of each. A dictionary-coded column gives its distinct strings' numbers, in the
 * order they first occur (so the first non-integer among them is also the first in the rows).
 */
function numericColumn(dataset: Dataset, name: string): { values: ArrayLike<number>; rowOf: (index: number) => number } | undefined {
  const column = dataset.column(name)
  const same = (index: number): number => index
  if (column.kind === 'number') return { values: column.values, rowOf: same }
  if (column.kind !== 'string' || column.untyped !== true) return undefined
  if (column.coded !== undefined) {
    const { codes, dictionary } = column.coded
    const values = numbersOf(dictionary)
    return values === undefined ? undefined : { values, rowOf: (code) => codes.indexOf(code) }
  }
  const values = numbersOf(column.values)
  return values === undefined ? undefined : { values, rowOf: same }
}

/** Each text as its number, or undefined when one does not read as a number. */
function numbersOf(texts: readonly string[]): Float64Array | undefined {
  const out = new Float64Array(texts.length)
  for (let i = 0; i < out.length; i++) {
    const label = numericLabel(texts[i])
    if (label === undefined) return undefined
    out[i] = Number(label)
  }
  return out
}

/** Whether every number (NaN aside) lies in [0, 1]. */
function inUnitInterval(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] < 0 || values[i] > 1) return false
  return true
}
