import { ConfigError, listNames } from '../errors.js'
import { toJsonValue, type JsonValue } from './json-value.js'
import type { Row } from './types.js'
import { setOwn } from '../run/own-keys.js'

/**
 * The row encoder shared by the tabular adapters (MLflow, KServe): keeps the `inputColumns`
 * (default: the first row's columns, so the target never needs listing when the data hold only
 * inputs) as JSON values, and names the missing column and the fix when a row lacks one.
 *
 * @example
 * const encode = inputColumnEncoder('mlflowModel', ['text'])
 * encode({ text: 'great', label: 'positive' }, 0) // { text: 'great' }
 */
export function inputColumnEncoder(adapter: string, inputColumns: readonly string[] | undefined): (row: Row, index: number) => Record<string, JsonValue> {
  let defaultColumns: string[] | undefined
  return (row, index) => {
    const columns = inputColumns ?? (defaultColumns ??= Object.keys(row))
    const encoded: Record<string, JsonValue> = {}
    for (const column of columns) {
      if (!Object.hasOwn(row, column)) {
        throw new ConfigError(
          'MODEL_INPUT_COLUMN_MISSING',
          `${adapter}: input column "${column}" is missing in row ${index + 1}; the row's columns are: ${listNames(Object.keys(row))}. Fix inputColumns or the data.`,
        )
      }
      setOwn(encoded, column, toJsonValue(row[column]))
    }
    return encoded
  }
}
