/**
 * The evaluation table a custom metric or artifact receives: targets, predictions,
 * probabilities and every input column, for the rows of one scope (the whole run or a slice).
 * Columns are gathered lazily, on first access, so an unused column costs nothing. Every array
 * in it is the table's own (a copy for the whole run, a gather for a slice or resample): a
 * function that sorts or writes one changes neither the run's data nor another function's table.
 */
import { DatasetError, listNames } from '../errors.js'
import { allRowIndices, ownedValues } from '../model-types/gather-rows.js'
import type { ScopeRows } from '../model-types/model-type.js'
import type { TableColumn } from '../run/run-table.js'
import { ownValue } from '../run/own-keys.js'

interface EvalTableBase {
  /** Rows in this scope. */
  readonly rowCount: number
  /** Names of the input columns (every column of the evaluation set but targets/predictions). */
  readonly columnNames: readonly string[]
  /** Every input column by name, values as the user sees them (numbers in a Float64Array). */
  readonly columns: Readonly<Record<string, ArrayLike<unknown>>>
  /** Any column of the evaluation set (inputs, targets, stored predictions), for these rows. */
  column(name: string): ArrayLike<unknown>
  /** Position of each row of this scope in the evaluation set (0-based). */
  readonly rowIndex: Int32Array
}

export interface ClassifierEvalTable extends EvalTableBase {
  readonly modelType: 'classifier'
  /** The run's labels, in order (canonical strings). */
  readonly labels: readonly string[]
  /** True label of each row (canonical string). */
  readonly targets: readonly string[]
  /** Predicted label of each row (canonical string). */
  readonly predictions: readonly string[]
  /** Index into `labels` of each target / prediction. */
  readonly targetIndex: Int32Array
  readonly predictedIndex: Int32Array
  /** Probability of each label per row, keyed by label; absent without probabilities. */
  readonly probabilities?: Readonly<Record<string, Float64Array>>
}

export interface RegressorEvalTable extends EvalTableBase {
  readonly modelType: 'regressor'
  readonly targets: Float64Array
  readonly predictions: Float64Array
}

/** The text, question-answering, summarization and retriever types: outputs, targets and per-row scores. */
export interface TextEvalTable extends EvalTableBase {
  readonly modelType: 'question-answering' | 'text-summarization' | 'text' | 'retriever'
  /** The model's output of each row: text; for retrievers, the list of retrieved ids (ids keep their type). */
  readonly predictions: readonly unknown[]
  /**
   * The target of each row (absent for `text`, which reads none): for retrievers, the list of
   * relevant ids; for question answering, the gold answer's text, or the list of gold answers
   * where a row gives several (a list, or a CSV cell holding a JSON array); a reference summary's text.
   */
  readonly targets?: readonly unknown[]
  /** Each per-row score of the type, by name (`rouge1/v1`, `exact_match/v1`, `precision_at_3`). */
  readonly scores: Readonly<Record<string, Float64Array>>
}

/** What `defineMetric` and `defineArtifact` functions receive. Narrow on `modelType`. */
export type EvalTable = ClassifierEvalTable | RegressorEvalTable | TextEvalTable

/**
 * Everything the tables of one run share: the run table's columns and the model type's fields
 * (`ModelType.tableFields`), so this file names no model type.
 */
export interface EvalTableSource {
  rowCount: number
  /** Every column of the evaluation set. */
  columns: Readonly<Record<string, TableColumn>>
  inputColumns: readonly string[]
  /** The model type's fields for the rows of a scope (computed on first read). */
  fields(rows: ScopeRows): Record<string, () => unknown>
}

/** Defines a property computed on first read and then cached. */
function lazy<T extends object, V>(target: T, name: string, compute: () => V): void {
  let cached: { value: V } | undefined
  Object.defineProperty(target, name, {
    enumerable: true,
    configurable: false,
    get: () => (cached ??= { value: compute() }).value,
  })
}

/**
 * Builds the table of one scope: `rows` are indices into the evaluation set (null = all rows).
 * Build one per function call: the arrays are shared by everyone who reads this table.
 *
 * @example
 * const table = createEvalTable(source, null)
 * table.rowIndex.sort() // sorts the table's own copy, not the slice's rows
 */
export function createEvalTable(source: EvalTableSource, rows: Int32Array | null): EvalTable {
  const rowCount = rows === null ? source.rowCount : rows.length
  const columnCache = new Map<string, ArrayLike<unknown>>()
  const column = (name: string): ArrayLike<unknown> => {
    let values = columnCache.get(name)
    if (values === undefined) {
      const stored = ownValue(source.columns, name)
      if (stored === undefined) {
        throw new DatasetError('DATASET_COLUMN_NOT_FOUND', `column "${name}" not found; columns are: ${listNames(Object.keys(source.columns))}`)
      }
      values = ownedValues(stored.values, rows)
      columnCache.set(name, values)
    }
    return values
  }
  const columns: Record<string, ArrayLike<unknown>> = {}
  for (const name of source.inputColumns) lazy(columns, name, () => column(name))
  Object.freeze(columns)

  const table: Record<string, unknown> = { rowCount, columns, column }
  lazy(table, 'columnNames', () => [...source.inputColumns])
  lazy(table, 'rowIndex', () => (rows === null ? allRowIndices(rowCount) : rows.slice()))
  for (const [name, compute] of Object.entries(source.fields(rows))) lazy(table, name, compute)
  return Object.freeze(table) as unknown as EvalTable
}
