import type { CodedStrings, Column } from './types.js'

/**
 * A string column held as codes into a dictionary of its distinct strings (what the CSV loader
 * builds for label and slice columns: a 4-byte code per cell instead of a pointer, and no string
 * per cell). `values`, the plain array of the public `Column` type, is built on first use and
 * kept; the engine reads `coded` instead (class indices and slice groups straight from the
 * codes). `values` is an enumerable getter in the place it has in every other column, so JSON,
 * spreads and `Object.keys` see the same column as before; `coded` is not enumerable.
 *
 * @example
 * const column = codedStringColumn(Int32Array.of(0, 1, 0), ['cat', 'dog'], true)
 * column.values // ['cat', 'dog', 'cat']
 */
export function codedStringColumn(codes: Int32Array, dictionary: readonly string[], untyped: boolean): Column {
  let values: string[] | undefined
  const column = { kind: 'string' } as Extract<Column, { kind: 'string' }>
  Object.defineProperty(column, 'values', {
    enumerable: true,
    get: (): string[] => (values ??= decodeStrings(codes, dictionary)),
  })
  if (untyped) column.untyped = true
  const coded: CodedStrings = { codes, dictionary }
  Object.defineProperty(column, 'coded', { value: coded, enumerable: false })
  return column
}

/** `dictionary[codes[i]]` for every row (a loop of its own, for V8). */
export function decodeStrings(codes: Int32Array, dictionary: readonly string[]): string[] {
  const n = codes.length
  const values = new Array<string>(n)
  for (let i = 0; i < n; i++) values[i] = dictionary[codes[i]]
  return values
}

/** The number of cells of a column, without building a coded column's `values`. */
export function columnLength(column: Column): number {
  return column.kind === 'string' && column.coded !== undefined ? column.coded.codes.length : column.values.length
}

/** Cell `row` of a column, without building a coded column's `values`. */
export function columnCell(column: Column, row: number): unknown {
  if (column.kind === 'string' && column.coded !== undefined) return column.coded.dictionary[column.coded.codes[row]]
  return column.values[row]
}
