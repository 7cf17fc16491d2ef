import type { Dataset } from '../data/index.js'
import { ConfigError } from '../errors.js'

/**
 * A classifier's targets are labels. A numeric targets column holding non-integer values is
 * almost always a regression target evaluated with the default model type; say so before the
 * engine builds thousands of one-example classes.
 */
export function assertClassifierTargets(dataset: Dataset, targets: string, modelTypeGiven: boolean): void {
  if (!dataset.hasColumn(targets)) return // evaluate() reports the missing column with the list.
  const column = dataset.column(targets)
  if (column.kind !== 'number') return
  const values = column.values
  for (let i = 0; i < values.length; i++) {
    const value = values[i]
    if (!Number.isInteger(value)) {
      throw new ConfigError(
        'CLI_CONTINUOUS_TARGETS',
        `targets column "${targets}" holds non-integer numbers (row ${i + 1} has ${value}), which cannot be classifier labels; ${
          modelTypeGiven ? 'did you mean' : 'the model type defaults to classifier: pass'
        } --model-type regressor`,
      )
    }
  }
}
