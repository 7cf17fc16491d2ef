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

const UNREAD: unique symbol = Symbol('unread')

/**
 * A frozen record whose properties are computed on first read and then cached: a table, or its
 * `columns`. Every record's getter for its j-th computed property is one shared function that
 * reads slot j of the record, so records built alike share V8's hidden class and a read in a
 * custom metric's loop (`table.predictions[i]`) stays a fast, inlined property access: a getter
 * closure per record put each record in dictionary mode, and such a loop spent about 3 times as
 * long (its CPU profile in `bench/evaluate/slices-custom-metric.mjs`'s regressor case, branch cliff45).
 */
class LazyRecord {
  readonly #compute: ReadonlyArray<() => unknown>
  readonly #values: unknown[]

  constructor(compute: ReadonlyArray<() => unknown>) {
    this.#compute = compute
    this.#values = compute.map(() => UNREAD)
  }

  #read(slot: number): unknown {
    let value = this.#values[slot]
    if (value === UNREAD) {
      value = this.#compute[slot]()
      this.#values[slot] = value
    }
    return value
  }

  static readonly #getters: Array<(this: LazyRecord) => unknown> = []

  /** The getter of slot `slot`, the same function for every record. */
  static getter(slot: number): (this: LazyRecord) => unknown {
    const getters = LazyRecord.#getters
    while (getters.length <= slot) {
      const j = getters.length
      getters.push(function (this: LazyRecord) {
        return this.#read(j)
      })
    }
    return getters[slot]
  }
}

/**
 * A frozen record of the enumerable properties `values` (as they are) and `computed` (each
 * computed on first read, then cached), in that order.
 */
function lazyRecord(values: Readonly<Record<string, unknown>>, computed: ReadonlyArray<readonly [string, () => unknown]>): Record<string, unknown> {
  const record = new LazyRecord(computed.map(([, compute]) => compute)) as unknown as Record<string, unknown>
  for (const [name, value] of Object.entries(values)) record[name] = value
  computed.forEach(([name], slot) => Object.defineProperty(record, name, { enumerable: true, configurable: false, get: LazyRecord.getter(slot) }))
  return Object.freeze(record)
}

/**
 * Builds the table of one scope: `rows` are indices into the evaluation set (null = all rows).
 * Build one per function call: the arrays are shared by everyone who reads this table.
 * `onRead` hears the name of each of the model type's fields (`probabilities`, `targetIndex`) on
 * its first read: what the function read, which the baseline gate's exact tests charge it for.
 *
 * @example
 * const table = createEvalTable(source, null)
 * table.rowIndex.sort() // sorts the table's own copy, not the slice's rows
 */
export function createEvalTable(source: EvalTableSource, rows: Int32Array | null, onRead?: (field: string) => void): EvalTable {
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
  const columns = lazyRecord({}, source.inputColumns.map((name) => [name, () => column(name)] as const))
  const table = lazyRecord({ rowCount, columns, column }, [
    ['columnNames', () => [...source.inputColumns]],
    ['rowIndex', () => (rows === null ? allRowIndices(rowCount) : rows.slice())],
    ...Object.entries(source.fields(rows)).map(([name, compute]) =>
      onRead === undefined
        ? ([name, compute] as const)
        : ([
            name,
            () => {
              onRead(name)
              return compute()
            },
          ] as const),
    ),
  ])
  return table as unknown as EvalTable
}
