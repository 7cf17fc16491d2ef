import { ConfigError, listNames } from '../errors.js'
import { toJsonValue, type JsonValue } from './json-value.js'
import type { PredictContext, Row } from './types.js'
import { setOwn } from '../run/own-keys.js'

/** The rows of one `predict` call encoded for a tabular adapter, and the columns they hold. */
export interface TabularInputs {
  /** Every row as the JSON values of `columns`, in that order. */
  inputs: Array<Record<string, JsonValue>>
  columns: string[]
}

/**
 * The row encoder shared by the tabular adapters (MLflow, KServe). Sends `inputColumns` when
 * given; else the run's input columns, which `evaluate()` computes as for a model function's
 * fingerprint: every column except the targets, the predictions and the model type's score or
 * probability columns, so a served model never receives the label it is judged on (adversarial
 * pass 36: `{"columns": ["x", "y"]}` with `y` the target); else (a direct `predict` call
 * without a run) every column of the first row. Cells become JSON values; a row lacking a column
 * is an error naming the column and the fix.
 *
 * @example
 * const encode = tabularInputEncoder('mlflowModel', undefined)
 * encode([{ text: 'great', label: 'positive' }], { inputColumns: ['text'] }).inputs // [{ text: 'great' }]
 */
export function tabularInputEncoder(
  adapter: string,
  inputColumns: readonly string[] | undefined,
): (rows: readonly Row[], context: PredictContext) => TabularInputs {
  return (rows, context) => {
    const columns = [...(inputColumns ?? context.inputColumns ?? Object.keys(rows[0] ?? {}))]
    const encode = inputColumnEncoder(adapter, columns)
    return { inputs: rows.map(encode), columns }
  }
}

/**
 * One row as the JSON values of `columns` (default: the first row's columns), naming the missing
 * column and the fix when a row lacks one.
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
