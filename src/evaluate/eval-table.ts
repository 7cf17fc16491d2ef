/**
 * The evaluation table a custom metric or artifact receives: targets, predictions,
 * probabilities and every input column, for the rows of one scope (the whole run or a slice).
 * Columns are gathered lazily, on first access, so an unused column costs nothing.
 */
import type { Dataset } from '../data/index.js'
import { allRowIndices, gatherFloat64, gatherInt32, gatherValues } from './gather-rows.js'

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

/** What `defineMetric` and `defineArtifact` functions receive. Narrow on `modelType`. */
export type EvalTable = ClassifierEvalTable | RegressorEvalTable

/** Everything the tables of one run share. */
export interface EvalTableSource {
  dataset: Dataset
  inputColumns: readonly string[]
  labels?: readonly string[]
  targetIndex?: Int32Array
  predictedIndex?: Int32Array
  /** Row-major `n x k`. */
  probabilities?: Float64Array
  targetValues?: Float64Array
  predictedValues?: Float64Array
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
 */
export function createEvalTable(source: EvalTableSource, rows: Int32Array | null): EvalTable {
  const { dataset } = source
  const rowCount = rows === null ? dataset.rowCount : rows.length
  const columnCache = new Map<string, ArrayLike<unknown>>()
  const column = (name: string): ArrayLike<unknown> => {
    let values = columnCache.get(name)
    if (values === undefined) {
      values = gatherValues(dataset.column(name).values, rows)
      columnCache.set(name, values)
    }
    return values
  }
  const columns: Record<string, ArrayLike<unknown>> = {}
  for (const name of source.inputColumns) lazy(columns, name, () => column(name))
  Object.freeze(columns)

  const table: Record<string, unknown> = { rowCount, columnNames: source.inputColumns, columns, column }
  lazy(table, 'rowIndex', () => rows ?? allRowIndices(rowCount))

  if (source.labels !== undefined && source.targetIndex !== undefined && source.predictedIndex !== undefined) {
    const labels = source.labels
    const targetIndex = gatherInt32(source.targetIndex, rows)
    const predictedIndex = gatherInt32(source.predictedIndex, rows)
    table.modelType = 'classifier'
    table.labels = labels
    table.targetIndex = targetIndex
    table.predictedIndex = predictedIndex
    lazy(table, 'targets', () => labelsOf(targetIndex, labels))
    lazy(table, 'predictions', () => labelsOf(predictedIndex, labels))
    const proba = source.probabilities
    if (proba !== undefined) {
      const k = labels.length
      lazy(table, 'probabilities', () => {
        const out: Record<string, Float64Array> = {}
        for (let c = 0; c < k; c++) {
          const values = new Float64Array(rowCount)
          for (let i = 0; i < rowCount; i++) values[i] = proba[(rows === null ? i : rows[i]) * k + c]
          out[labels[c]] = values
        }
        return Object.freeze(out)
      })
    }
  } else {
    table.modelType = 'regressor'
    table.targets = gatherFloat64(source.targetValues ?? new Float64Array(0), rows)
    table.predictions = gatherFloat64(source.predictedValues ?? new Float64Array(0), rows)
  }
  return Object.freeze(table) as unknown as EvalTable
}

/** The label of each index; a plain loop (Array.from with a map function over a typed array is
 *  several times slower, and row bootstraps build these for every resample). */
function labelsOf(indices: Int32Array, labels: readonly string[]): string[] {
  const out = new Array<string>(indices.length)
  for (let i = 0; i < indices.length; i++) out[i] = labels[indices[i]]
  return out
}
