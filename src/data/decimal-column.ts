import { isDecimalText } from './numeric-column.js'
import type { Column } from './types.js'

/**
 * A CSV text column as a number column when every cell is a finite decimal number as people
 * write it (`loadDataset(path, { numbers: 'decimal' })`); otherwise the column unchanged. A coded
 * column is read through its dictionary, so each distinct text is parsed once. A column with
 * an empty cell, `NaN` or `inf` stays text: pandas would read those as NaN, and a NaN target or
 * feature is better met as the text it was than as a number that poisons a mean.
 *
 * @example
 * decimalColumn({ kind: 'string', values: ['1.0', '2.50'], untyped: true }) // { kind: 'number', values: Float64Array [1, 2.5] }
 */
export function decimalColumn(column: Column): Column {
  if (column.kind !== 'string' || column.untyped !== true) return column
  if (column.coded !== undefined) {
    const { codes, dictionary } = column.coded
    const numbers = decimalValues(dictionary)
    if (numbers === undefined) return column
    const values = new Float64Array(codes.length)
    for (let i = 0; i < codes.length; i++) values[i] = numbers[codes[i]]
    return { kind: 'number', values }
  }
  const values = decimalValues(column.values)
  return values === undefined ? column : { kind: 'number', values }
}

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/

/** Each text's number, or undefined when one is not a finite decimal number. */
function decimalValues(texts: readonly string[]): Float64Array | undefined {
  const values = new Float64Array(texts.length)
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]
    if (!isDecimalText(text)) return undefined
    const value = Number(text)
    if (!Number.isFinite(value)) return undefined
    // An integer beyond 2^53 (a 64-bit id) would be rounded: 9007199254740993 read as ...992 made
    // two ids one (adversarial pass 37). The column stays text, exact.
    if (!Number.isSafeInteger(value) && INTEGER_TEXT.test(text)) return undefined
    values[i] = value
  }
  return values
}
