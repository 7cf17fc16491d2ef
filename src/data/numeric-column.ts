import { DatasetError } from '../errors.js'
import { ColumnarDataset, describeValue } from './dataset.js'
import type { Dataset } from './types.js'

/** A decimal number as people write it: `1`, `-0.5`, `1.0`, `.5`, `3e-4`, with optional spaces around. */
const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/

/** Whether `text` is a decimal number as people write it (`1.0`, `2.50`, `+1`, `.5`, `007`, `3e-4`, spaces around). */
export function isDecimalText(text: string): boolean {
  return DECIMAL.test(text)
}

/**
 * Numeric view of a column for targets, scores or probabilities. A number column is returned as
 * is (do not modify it); text such as `"1.0"` or `"007"` is read as the number it spells.
 * A cell that is not a number (text, empty, null, a boolean) throws a DatasetError naming the
 * column, the row (1-based data row, and the file line for CSV), the value and the fix.
 *
 * @example
 * numericColumn(data, 'price', 'targets') // Float64Array [12.5, 3, ...]
 */
export function numericColumn(dataset: Dataset, name: string, role: string): Float64Array {
  const column = dataset.column(name)
  if (column.kind === 'number') return column.values
  const out = new Float64Array(dataset.rowCount)
  const values: ArrayLike<unknown> = column.values
  for (let i = 0; i < values.length; i++) {
    const cell = values[i]
    if (typeof cell === 'number') {
      out[i] = cell
    } else if (typeof cell === 'string' && isDecimalText(cell)) {
      out[i] = Number(cell)
    } else {
      throw notANumber(dataset, name, role, i, cell)
    }
  }
  return out
}

function notANumber(dataset: Dataset, name: string, role: string, row: number, cell: unknown): DatasetError {
  const line = dataset instanceof ColumnarDataset ? dataset.fileLine(row) : undefined
  const where = `row ${row + 1}${line !== undefined ? ` (file line ${line})` : ''}`
  const empty = cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')
  const what = empty ? 'is empty' : `has ${describeValue(cell)}, which is not a number`
  return new DatasetError(
    empty ? 'DATASET_EMPTY_CELL' : 'DATASET_NOT_A_NUMBER',
    `${role} column "${name}": ${where} ${what}; the ${role} column must hold a number in every row — fix or drop that row${dataset.source ? ` in ${dataset.source}` : ''}, or choose another column`,
  )
}
