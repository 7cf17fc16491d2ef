/**
 * Groups the rows of the run table (or any columns) by the values of one column or a cross of columns:
 * each column's values are coded once (one Map lookup per row), the codes combined, and the row
 * indices of each group collected by a counting sort. Keys (`src/run/slice-key.ts`):
 * `category=billing`, and for a cross `category=billing&region=eu`.
 */
import { ConfigError, DatasetError, listNames } from '../errors.js'
import { compareCodePoints, isNumericLabel } from '../run/labels.js'
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

/**
 * Groups the `rowCount` rows by the values of `columns` (`valuesOf(name)`: a column's values);
 * groups ordered by value (numeric when all numeric).
 */
export function groupRows(valuesOf: (name: string) => ArrayLike<unknown>, rowCount: number, columns: readonly string[]): SliceGroup[] {
  const n = rowCount
  const combined = new Float64Array(n)
  const distinctPerColumn: string[][] = []
  let radix = 1
  for (const name of columns) {
    const values = valuesOf(name)
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
      combined[i] += code * radix
    }
    distinctPerColumn.push(distinct)
    radix *= distinct.length
  }

  // Group index per row, sizes, then a counting sort of the rows.
  const groupOf = new Int32Array(n)
  const groupByCode = new Map<number, number>()
  const codes: number[] = []
  const sizes: number[] = []
  for (let i = 0; i < n; i++) {
    const code = combined[i]
    let g = groupByCode.get(code)
    if (g === undefined) {
      g = codes.length
      groupByCode.set(code, g)
      codes.push(code)
      sizes.push(0)
    }
    groupOf[i] = g
    sizes[g]++
  }
  const rowsOf = sizes.map((size) => new Int32Array(size))
  const fill = new Int32Array(sizes.length)
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]
    rowsOf[g][fill[g]++] = i
  }

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
