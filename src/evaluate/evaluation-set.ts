/**
 * The evaluation set of a run: the dataset (records are wrapped), the columns the options name
 * (checked to exist), the input columns and the declared slice specs.
 */
import { datasetFromRecords, isDataset } from '../data/index.js'
import type { Dataset, Row } from '../data/index.js'
import { ConfigError, DatasetError, listNames } from '../errors.js'
import type { ModelType } from '../model-types/model-type.js'
import type { EvaluateOptions } from './options.js'
import { isThenable } from '../run/thenable.js'

/** The columns a type-specific option names (`scores: 'p'`, `probabilities: ['p0', 'p1']`). */
function columnsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string') : []
}

/** The dataset of `options.data`. */
export function toDataset(data: unknown): Dataset {
  if (isDataset(data)) return data
  if (Array.isArray(data)) return datasetFromRecords(data as Row[])
  throw new ConfigError(
    'INVALID_DATA',
    isThenable(data)
      ? 'evaluate: `data` is a Promise: loadDataset() is async, so write data: await loadDataset(path)'
      : `evaluate: \`data\` must be a dataset (loadDataset / datasetFromRecords) or an array of records, not ${data === null ? 'null' : typeof data}`,
  )
}

/** Throws naming the first missing column the options refer to, listing those that exist. */
export function checkColumns(dataset: Dataset, options: EvaluateOptions, type: ModelType): void {
  const need = (name: string, role: string): void => {
    if (!dataset.hasColumn(name)) {
      throw new DatasetError('DATASET_COLUMN_NOT_FOUND', `${role} column "${name}" not found; columns are: ${listNames(dataset.columnNames)}`)
    }
  }
  if (options.targets !== undefined) need(options.targets, 'targets')
  if (options.predictions !== undefined) need(options.predictions, 'predictions')
  const given = options as unknown as Record<string, unknown>
  for (const option of type.columnOptions) for (const name of columnsOf(given[option])) need(name, option)
  for (const name of options.inputColumns ?? []) need(name, 'input')
}

/** Every column but the targets, predictions and the columns the type's options name (scores, probabilities). */
export function defaultInputColumns(dataset: Dataset, options: EvaluateOptions, type: ModelType): string[] {
  const excluded = new Set<string>(options.targets !== undefined ? [options.targets] : [])
  if (options.predictions !== undefined) excluded.add(options.predictions)
  const given = options as unknown as Record<string, unknown>
  for (const option of type.columnOptions) for (const name of columnsOf(given[option])) excluded.add(name)
  return dataset.columnNames.filter((name) => !excluded.has(name))
}

/** Slice specs without repeats; a one-column cross is the column itself. */
export function dedupeSlices(specs: ReadonlyArray<string | readonly string[]>): Array<string | string[]> {
  const seen = new Set<string>()
  const out: Array<string | string[]> = []
  for (const spec of specs) {
    // a copy: the run keeps its own list (a frozen `as const` list given by the user stays theirs)
    const normalised = typeof spec === 'string' ? spec : spec.length === 1 ? spec[0]! : [...spec]
    const key = JSON.stringify(typeof normalised === 'string' ? [normalised] : normalised)
    if (seen.has(key)) continue
    seen.add(key)
    out.push(normalised)
  }
  return out
}
