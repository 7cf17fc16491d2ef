/**
 * Groups the rows of the run table (or any columns) by the values of one column or a cross of columns:
 * each column's values are coded once (one Map lookup per row), the codes combined, and the row
 * indices of each group collected by a counting sort. Keys (`src/run/slice-key.ts`):
 * `category=billing`, and for a cross `category=billing&region=eu`.
 */
import type { CodedStrings } from '../data/index.js'
import { ConfigError, DatasetError, listNames } from '../errors.js'
import { MISSING_MARKERS, compareCodePoints, isNaNLabel, isNumericLabel, numericLabel } from '../run/labels.js'
import { buildSliceKey, sliceValueText } from '../run/slice-key.js'

export interface SliceGroup {
  key: string
  columns: string[]
  values: string[]
  /** Row indices (ascending) of the evaluation set. */
  rows: Int32Array
}

/** The columns of a slice spec, checked to be among `columnNames`. */
export function sliceSpecColumns(columnNames: readonly string[], spec: string | readonly string[]): string[] {
  const columns = typeof spec === 'string' ? [spec] : [...spec]
  if (columns.length === 0 || columns.some((c) => typeof c !== 'string')) {
    throw new ConfigError('INVALID_SLICE', `slices: ${JSON.stringify(spec)} is not a slice; give a column name ('category') or a list of column names to cross (['category', 'region'])`)
  }
  if (new Set(columns).size !== columns.length) {
    throw new ConfigError('INVALID_SLICE', `slices: ${JSON.stringify(spec)} names a column twice; cross distinct columns`)
  }
  for (const column of columns) {
    if (!columnNames.includes(column)) {
      throw new DatasetError('DATASET_COLUMN_NOT_FOUND', `slice column "${column}" not found; columns are: ${listNames(columnNames)}`)
    }
  }
  return columns
}

/** What grouping reads of a column: its values, or its codes when it is dictionary-coded. */
export interface GroupedColumn {
  readonly values: ArrayLike<unknown>
  readonly coded?: CodedStrings
  /** The cells came as text (a CSV string column): numbers in it are read as pandas reads them. */
  readonly untyped?: true
}

/**
 * Groups the `rowCount` rows by the values of `columns` (`columnOf(name)`: a column); groups
 * ordered by value (numeric when all numeric). A dictionary-coded column is grouped by its own
 * codes (its strings are distinct slice values already): no pass to code it.
 *
 * Values of a CSV text column whose every value reads as a decimal number or a missing value
 * (empty, `NA`, `NaN`, `null`: pandas' missing markers) that spell one number (`2` and `2.0`, as a
 * CSV export writes a float column with a missing cell) are one group, named as JavaScript writes
 * the number (`g=2`), as pandas reads the column; `notes` (when given) gets a note naming them.
 * They were two slices, each with part of the rows (adversarial pass 68). Typed strings (JSON,
 * records) are grouped as written, as labels are (`'007'` and `'7'` are two: adversarial pass 69).
 *
 * Each loop over the rows is a function of its own (V8 compiles a hot loop while it runs, and
 * in one large function the code after a loop has no type feedback yet: measured several times
 * slower on a cold 1,000,000-row run); one column, the common case, groups by its codes directly.
 */
export function groupRows(columnOf: (name: string) => GroupedColumn, rowCount: number, columns: readonly string[], notes?: string[]): SliceGroup[] {
  const n = rowCount
  const distinctPerColumn: string[][] = []
  let groupOf: Int32Array
  let codes: number[]
  const codeOf = (name: string) => mergeNumberSpellings(codeColumn(columnOf(name), n), name, notes)
  if (columns.length === 1) {
    const coded = codeOf(columns[0])
    distinctPerColumn.push(coded.distinct)
    groupOf = coded.codes
    codes = coded.distinct.map((_, code) => code)
  } else {
    const combined = new Float64Array(n)
    let radix = 1
    for (const name of columns) {
      const coded = codeOf(name)
      addCodes(combined, coded.codes, radix)
      distinctPerColumn.push(coded.distinct)
      radix *= coded.distinct.length
    }
    groupOf = new Int32Array(n)
    codes = groupCombined(combined, groupOf)
  }
  const rowsOf = rowsOfGroups(groupOf, codes.length)

  const numeric = distinctPerColumn.map((distinct) => distinct.every(isNumericLabel))
  const groups: SliceGroup[] = codes.map((code, g) => {
    let rest = code
    const values = distinctPerColumn.map((distinct) => {
      const value = distinct[rest % distinct.length]
      rest = Math.floor(rest / distinct.length)
      return value
    })
    const key = buildSliceKey(columns, values)
    return { key, columns: [...columns], values, rows: rowsOf[g] }
  })
  groups.sort((a, b) => {
    for (let c = 0; c < columns.length; c++) {
      const x = a.values[c]
      const y = b.values[c]
      if (x === y) continue
      if (numeric[c]) return Number(x) - Number(y) || compareCodePoints(x, y)
      return compareCodePoints(x, y)
    }
    return 0
  })
  return groups
}

/**
 * Each row's value coded, with the distinct values' texts in first-seen order. A coded column's
 * codes are returned as they are (read, never written): its dictionary holds distinct strings in
 * first-seen order, and a string's slice text is itself.
 */
function codeColumn(column: GroupedColumn, n: number): { codes: Int32Array; distinct: string[]; untyped: boolean } {
  return { ...codeCells(column, n), untyped: column.untyped === true }
}

function codeCells(column: GroupedColumn, n: number): { codes: Int32Array; distinct: string[] } {
  if (column.coded !== undefined) return { codes: column.coded.codes, distinct: [...column.coded.dictionary] }
  return codeValues(column.values, n)
}

/**
 * `coded` with the values that spell one number merged (see {@link groupRows}), where the column
 * is CSV text whose every value reads as a decimal number or is missing; `coded` itself otherwise,
 * or when no two values spell one number (its codes are never written: a dictionary-coded
 * column's are the dataset's).
 */
function mergeNumberSpellings(coded: { codes: Int32Array; distinct: string[]; untyped: boolean }, column: string, notes: string[] | undefined): { codes: Int32Array; distinct: string[] } {
  if (!coded.untyped) return coded
  const missing = (value: string): boolean => value === '' || MISSING_MARKERS.has(value.trim()) || isNaNLabel(value.trim())
  const numbers = coded.distinct.map((value) => (missing(value) ? undefined : numericLabel(value)))
  if (numbers.some((number, code) => number === undefined && !missing(coded.distinct[code]))) return coded
  const spellings = new Map<string, string[]>()
  coded.distinct.forEach((value, code) => {
    const number = numbers[code]
    if (number !== undefined) spellings.set(number, [...(spellings.get(number) ?? []), value])
  })
  const merged = [...spellings].filter(([, written]) => written.length > 1)
  if (merged.length === 0) return coded
  const distinct: string[] = []
  const codeOfValue = new Map<string, number>()
  const table = coded.distinct.map((value, code) => {
    const name = numbers[code] !== undefined && spellings.get(numbers[code])!.length > 1 ? numbers[code] : value
    let next = codeOfValue.get(name)
    if (next === undefined) {
      next = distinct.length
      distinct.push(name)
      codeOfValue.set(name, next)
    }
    return next
  })
  const codes = new Int32Array(coded.codes.length)
  for (let i = 0; i < codes.length; i++) codes[i] = table[coded.codes[i]]
  if (notes !== undefined) {
    const named = merged.slice(0, 3).map(([number, written]) => `${written.join(', ')} (${column}=${number})`)
    const more = merged.length > 3 ? ` and ${merged.length - 3} more numbers` : ''
    notes.push(`slice column "${column}": values that spell one number are one slice, as pandas reads the column: ${named.join('; ')}${more}`)
  }
  return { codes, distinct }
}

/** Each row's value coded (one Map lookup per row), with the distinct values' texts in first-seen order. */
function codeValues(values: ArrayLike<unknown>, n: number): { codes: Int32Array; distinct: string[] } {
  const codes = new Int32Array(n)
  const byRaw = new Map<unknown, number>()
  const byText = new Map<string, number>()
  const distinct: string[] = []
  for (let i = 0; i < n; i++) {
    const raw = values[i]
    let code = byRaw.get(raw)
    if (code === undefined) {
      const text = sliceValueText(raw)
      code = byText.get(text)
      if (code === undefined) {
        code = distinct.length
        distinct.push(text)
        byText.set(text, code)
      }
      byRaw.set(raw, code)
    }
    codes[i] = code
  }
  return { codes, distinct }
}

/** `combined[i] += codes[i] * radix` (a cross: mixed-radix codes of all its columns). */
function addCodes(combined: Float64Array, codes: Int32Array, radix: number): void {
  for (let i = 0; i < combined.length; i++) combined[i] += codes[i] * radix
}

/** Group index per row from combined codes (first-seen order); returns each group's combined code. */
function groupCombined(combined: Float64Array, groupOf: Int32Array): number[] {
  const groupByCode = new Map<number, number>()
  const codes: number[] = []
  for (let i = 0; i < combined.length; i++) {
    const code = combined[i]
    let g = groupByCode.get(code)
    if (g === undefined) {
      g = codes.length
      groupByCode.set(code, g)
      codes.push(code)
    }
    groupOf[i] = g
  }
  return codes
}

/** The rows of each group, ascending (a counting sort by group). */
function rowsOfGroups(groupOf: Int32Array, groupCount: number): Int32Array[] {
  const sizes = new Int32Array(groupCount)
  for (let i = 0; i < groupOf.length; i++) sizes[groupOf[i]]++
  const rowsOf = Array.from(sizes, (size) => new Int32Array(size))
  const fill = new Int32Array(groupCount)
  for (let i = 0; i < groupOf.length; i++) {
    const g = groupOf[i]
    rowsOf[g][fill[g]++] = i
  }
  return rowsOf
}
