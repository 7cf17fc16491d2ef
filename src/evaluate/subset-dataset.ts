/**
 * A dataset restricted to some rows (the rows a served model did not fail on). Columns are
 * gathered once; the rest of the evaluation sees an ordinary dataset.
 */
import type { Column, Dataset, Row } from '../data/index.js'
import { DatasetError, listNames } from '../errors.js'

/** The rows `kept` (0-based, ascending) of `dataset`, as a dataset of their own. */
export function subsetDataset(dataset: Dataset, kept: Int32Array): Dataset {
  const cache = new Map<string, Column>()
  const column = (name: string): Column => {
    let result = cache.get(name)
    if (result !== undefined) return result
    if (!dataset.hasColumn(name)) {
      throw new DatasetError('DATASET_COLUMN_NOT_FOUND', `column "${name}" not found; columns are: ${listNames(dataset.columnNames)}`)
    }
    const source = dataset.column(name)
    if (source.kind === 'number') {
      const values = new Float64Array(kept.length)
      for (let i = 0; i < kept.length; i++) values[i] = source.values[kept[i]]
      result = { kind: 'number', values }
    } else if (source.kind === 'string') {
      result = { kind: 'string', values: Array.from(kept, (r) => source.values[r]), ...(source.untyped ? { untyped: true as const } : {}) }
    } else {
      result = { kind: 'mixed', values: Array.from(kept, (r) => source.values[r]) }
    }
    cache.set(name, result)
    return result
  }
  return {
    rowCount: kept.length,
    columnNames: dataset.columnNames,
    ...(dataset.source !== undefined ? { source: dataset.source } : {}),
    hasColumn: (name) => dataset.hasColumn(name),
    column,
    value: (name, row) => dataset.value(name, kept[row]),
    rows(start = 0, end = kept.length): Row[] {
      const out: Row[] = []
      for (let i = start; i < end; i++) out.push(dataset.rows(kept[i], kept[i] + 1)[0])
      return out
    },
  }
}
