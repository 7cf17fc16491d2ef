/**
 * What the built-in artifacts of every model type share: the input columns of a row, and column
 * names that do not collide with the input columns.
 */
import type { Dataset } from '../data/index.js'
import { setOwn } from '../run/own-keys.js'

/** `base`, or `base` with leading underscores until no input column has the name. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  let name = base
  while (taken.has(name)) name = `_${name}`
  return name
}

/** The input columns of one row, as the user sees them (undefined as null). */
export function inputCells(dataset: Dataset, inputColumns: readonly string[], row: number): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  for (const column of inputColumns) {
    const value = dataset.value(column, row)
    setOwn(record, column, value === undefined ? null : value)
  }
  return record
}
