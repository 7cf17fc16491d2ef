/**
 * The evaluation set of a run: the dataset (records are wrapped), the columns the options name
 * (checked to exist), the input columns and the declared slice specs.
 */
import { datasetFromRecords, isDataset } from '../data/index.js'
import type { Dataset, Row } from '../data/index.js'
import { ConfigError, DatasetError, listNames } from '../errors.js'
import type { EvaluateOptions } from './options.js'

/** The dataset of `options.data`. */
export function toDataset(data: unknown): Dataset {
  if (isDataset(data)) return data
  if (Array.isArray(data)) return datasetFromRecords(data as Row[])
  throw new ConfigError(
    'INVALID_DATA',
    'evaluate: `data` must be a dataset (loadDataset / datasetFromRecords) or an array of records',
  )
}

/** Throws naming the first missing column the options refer to, listing those that exist. */
export function checkColumns(dataset: Dataset, options: EvaluateOptions): void {
  const need = (name: string, role: string): void => {
    if (!dataset.hasColumn(name)) {
      throw new DatasetError('DATASET_COLUMN_NOT_FOUND', `${role} column "${name}" not found; columns are: ${listNames(dataset.columnNames)}`)
    }
  }
  need(options.targets, 'targets')
  if (options.predictions !== undefined) need(options.predictions, 'predictions')
  if (options.scores !== undefined) need(options.scores, 'scores')
  for (const name of options.probabilities ?? []) need(name, 'probabilities')
  for (const name of options.inputColumns ?? []) need(name, 'input')
}

/** Every column but the targets, predictions, scores and probabilities. */
export function defaultInputColumns(dataset: Dataset, options: EvaluateOptions): string[] {
  const excluded = new Set<string>([options.targets])
  if (options.predictions !== undefined) excluded.add(options.predictions)
  if (options.scores !== undefined) excluded.add(options.scores)
  for (const name of options.probabilities ?? []) excluded.add(name)
  return dataset.columnNames.filter((name) => !excluded.has(name))
}

/** Slice specs without repeats; a one-column cross is the column itself. */
export function dedupeSlices(specs: ReadonlyArray<string | string[]>): Array<string | string[]> {
  const seen = new Set<string>()
  const out: Array<string | string[]> = []
  for (const spec of specs) {
    const normalised = Array.isArray(spec) && spec.length === 1 ? spec[0] : spec
    const key = JSON.stringify(typeof normalised === 'string' ? [normalised] : normalised)
    if (seen.has(key)) continue
    seen.add(key)
    out.push(normalised)
  }
  return out
}
