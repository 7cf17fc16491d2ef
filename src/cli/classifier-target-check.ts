import type { Dataset } from '../data/index.js'
import { ConfigError } from '../errors.js'
import { numericLabel } from '../run/labels.js'

/**
 * Distinct numeric targets above which `evalgate evaluate` will not guess that the targets are
 * class labels: 700 distinct prices scored as a 700-class classifier (exit 0) was the failure.
 */
export const MAX_NUMERIC_CLASSES_WITHOUT_MODEL_TYPE = 20

/**
 * A classifier's targets are labels. A numeric targets column (numbers, or CSV text that reads
 * as numbers) holding non-integer values is almost always a regression target evaluated with the
 * default model type; one with more than 20 distinct whole numbers may be either. Without
 * `--model-type`, both are errors that say which flag to pass, before the engine builds
 * hundreds of one-example classes.
 */
export function assertClassifierTargets(dataset: Dataset, targets: string, modelTypeGiven: boolean): void {
  if (!dataset.hasColumn(targets)) return // evaluate() reports the missing column with the list.
  const numeric = numericTargets(dataset, targets)
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
  if (!modelTypeGiven && distinct.size > MAX_NUMERIC_CLASSES_WITHOUT_MODEL_TYPE) {
    throw new ConfigError(
      'CLI_MODEL_TYPE_NEEDED',
      `targets column "${targets}" holds ${distinct.size} distinct numbers: as a classifier that is ${distinct.size} classes, which is more likely a regression target; pass --model-type regressor, or --model-type classifier if they are class labels`,
    )
  }
}

/**
 * The targets as numbers when the column is numeric (numbers, or text that reads as numbers),
 * with the row of each. A dictionary-coded column gives its distinct strings' numbers, in the
 * order they first occur (so the first non-integer among them is also the first in the rows).
 */
function numericTargets(dataset: Dataset, targets: string): { values: ArrayLike<number>; rowOf: (index: number) => number } | undefined {
  const column = dataset.column(targets)
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
