import { DatasetError, listNames } from '../errors.js'
import { columnCell, columnLength } from './coded-strings.js'
import { ColumnBuilder } from './column-builder.js'
import type { Column, Dataset, Row, RowLike } from './types.js'
import { inheritedName, setOwn } from '../run/own-keys.js'

const DATASET_BRAND = Symbol.for('evalgate.dataset')

/**
 * A dataset held as one typed column per name. Records are only built when a model function
 * asks for them (`rows()`), and then cached.
 */
export class ColumnarDataset implements Dataset {
  readonly [DATASET_BRAND] = true
  readonly rowCount: number
  readonly columnNames: readonly string[]
  readonly source?: string
  private readonly columns: Map<string, Column>
  /**
   * CSV: the file line on which each data row starts (1-based), for error messages: an array,
   * or, when every row is one line and none are blank, the first row's line (row r is on that
   * line + r).
   */
  private readonly fileLines?: Uint32Array | number
  private records?: Array<Row | undefined>

  constructor(
    columns: ReadonlyMap<string, Column>,
    rowCount: number,
    options: { source?: string; fileLines?: Uint32Array | number } = {},
  ) {
    this.columns = new Map(columns)
    this.columnNames = Object.freeze([...columns.keys()])
    this.rowCount = rowCount
    if (options.source !== undefined) this.source = options.source
    if (options.fileLines !== undefined) this.fileLines = options.fileLines
    for (const [name, column] of this.columns) {
      const length = columnLength(column)
      if (length !== rowCount) {
        throw new DatasetError(
          'DATASET_COLUMN_LENGTH',
          `column "${name}" has ${length} values but the dataset has ${rowCount} rows; every column must have one value per row`,
        )
      }
    }
  }

  hasColumn(name: string): boolean {
    return this.columns.has(name)
  }

  column(name: string): Column {
    const column = this.columns.get(name)
    if (column === undefined) {
      throw new DatasetError(
        'DATASET_COLUMN_NOT_FOUND',
        `column "${name}" not found${this.source ? ` in ${this.source}` : ''}; columns are: ${listNames(this.columnNames)}`,
      )
    }
    return column
  }

  value(name: string, row: number): unknown {
    const column = this.column(name)
    if (!Number.isInteger(row) || row < 0 || row >= this.rowCount) {
      throw new DatasetError(
        'DATASET_ROW_OUT_OF_RANGE',
        `row ${row} is out of range; the dataset has ${this.rowCount} rows (0 to ${this.rowCount - 1})`,
      )
    }
    return columnCell(column, row)
  }

  rows(start = 0, end = this.rowCount): Row[] {
    const from = Math.max(0, Math.min(start, this.rowCount))
    const to = Math.max(from, Math.min(end, this.rowCount))
    this.records ??= new Array<Row | undefined>(this.rowCount)
    const out = new Array<Row>(to - from)
    for (let i = from; i < to; i++) {
      let record = this.records[i]
      if (record === undefined) {
        record = {}
        // A column named __proto__ is an own property holding the cell, not the prototype.
        for (const [name, column] of this.columns) setOwn(record, name, column.values[i])
        this.records[i] = record
      }
      out[i - from] = record
    }
    return out
  }

  /** The 1-based file line where data row `row` (0-based) starts, when the loader knew it. */
  fileLine(row: number): number | undefined {
    const lines = this.fileLines
    if (typeof lines !== 'number') return lines?.[row]
    return Number.isInteger(row) && row >= 0 && row < this.rowCount ? lines + row : undefined
  }
}

/**
 * Builds a columnar dataset from in-memory records. Column names are the union of the records'
 * keys, in order of first appearance; a key missing from a record reads as `null`.
 *
 * @example
 * const data = datasetFromRecords([{ text: 'great', label: 'positive' }])
 * data.column('label') // { kind: 'string', values: ['positive'] }
 */
export function datasetFromRecords(records: readonly RowLike[], source?: string): Dataset {
  if (!Array.isArray(records)) {
    throw new DatasetError(
      'DATASET_NOT_RECORDS',
      `expected an array of records (objects), got ${describeValue(records)}; pass e.g. [{ text: 'hi', label: 'greeting' }]`,
    )
  }
  const names: string[] = []
  const seen = new Set<string>()
  for (let i = 0; i < records.length; i++) {
    const record = records[i]
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new DatasetError(
        'DATASET_NOT_RECORDS',
        `record ${i + 1} is ${describeValue(record)}, not an object; every record must be an object of column values`,
      )
    }
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) {
        seen.add(key)
        names.push(key)
      }
    }
  }
  const columns = new Map<string, Column>()
  for (const name of names) {
    const builder = new ColumnBuilder()
    // A record without a key named like an Object.prototype property (constructor) lacks it.
    const inherited = inheritedName(name)
    for (const record of records) builder.addValue(inherited && !Object.hasOwn(record, name) ? undefined : record[name])
    columns.set(name, builder.finish())
  }
  return new ColumnarDataset(columns, records.length, source === undefined ? {} : { source })
}

/**
 * Whether `value` is a dataset: one built by evalgate (from a file or from records), or any
 * object implementing the `Dataset` interface (row count, column names and the four methods).
 */
export function isDataset(value: unknown): value is Dataset {
  if (typeof value !== 'object' || value === null) return false
  if ((value as Record<symbol, unknown>)[DATASET_BRAND] === true) return true
  const candidate = value as Partial<Record<keyof Dataset, unknown>>
  return (
    typeof candidate.rowCount === 'number' &&
    Array.isArray(candidate.columnNames) &&
    typeof candidate.hasColumn === 'function' &&
    typeof candidate.column === 'function' &&
    typeof candidate.value === 'function' &&
    typeof candidate.rows === 'function'
  )
}

/** Short description of a value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (Array.isArray(value)) return `an array of ${value.length}`
  // (an object names its first keys: a model returning { answer, score } is the usual case; "a object" before)
  if (typeof value === 'object') {
    const keys = Object.keys(value)
    return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', ...' : ''}`
  }
  return `a ${typeof value}`
}
