/**
 * A classifier's probabilities are kept as one column per class (`columns[c][i]`: the
 * probability of class c at row i, in label order), the shape the CSV loader and a scores column
 * already have: the engine's kernels read those columns in place. The row-major `n x k` matrix
 * that the run table's contract shows (`columns.probabilities`, what baselines store and paired
 * tests read) is built from them only when something reads it.
 *
 * Why: at 1,000,000 rows and 5 classes the matrix is 40 MB written once, and on the benchmark
 * machine the first write to a page of fresh memory costs about 100 times the write itself
 * (bench/engine/first-touch.mjs): building it took about 0.17 s of a 2.4 s run.
 */

/** The row-major `n x k` matrix of `columns` (`matrix[i * k + c] = columns[c][i]`). */
export function matrixOfColumns(columns: readonly Float64Array[]): Float64Array {
  return gatherColumnsAsMatrix(columns, null)
}

/**
 * The rows `rows` (null: every row) of `columns` as a row-major `rows x k` matrix: the same
 * values as gathering those rows of {@link matrixOfColumns}.
 */
export function gatherColumnsAsMatrix(columns: readonly Float64Array[], rows: Int32Array | null): Float64Array {
  const k = columns.length
  const n = rows === null ? (k > 0 ? columns[0].length : 0) : rows.length
  const out = new Float64Array(n * k)
  for (let c = 0; c < k; c++) {
    if (rows === null) putColumn(out, k, c, columns[c])
    else putColumnOfRows(out, k, c, columns[c], rows)
  }
  return out
}

/** `matrix[i * k + c] = values[i]` (a loop of its own, for V8). */
function putColumn(matrix: Float64Array, k: number, c: number, values: Float64Array): void {
  for (let i = 0, j = c; i < values.length; i++, j += k) matrix[j] = values[i]
}

/** `matrix[i * k + c] = values[rows[i]]`. */
function putColumnOfRows(matrix: Float64Array, k: number, c: number, values: Float64Array, rows: Int32Array): void {
  for (let i = 0, j = c; i < rows.length; i++, j += k) matrix[j] = values[rows[i]]
}

/** The k columns of a row-major `n x k` matrix (`columns[c][i] = matrix[i * k + c]`). */
export function columnsOfMatrix(matrix: Float64Array, k: number): Float64Array[] {
  const n = k > 0 ? matrix.length / k : 0
  const columns: Float64Array[] = []
  for (let c = 0; c < k; c++) {
    const column = new Float64Array(n)
    for (let i = 0, j = c; i < n; i++, j += k) column[i] = matrix[j]
    columns.push(column)
  }
  return columns
}

/** Columns already split from a matrix (a substituted or deserialised part's), so each is split once. */
const splitColumns = new WeakMap<Float64Array, Float64Array[]>()

/**
 * {@link columnsOfMatrix}, split once per matrix and then kept as long as the matrix lives (for
 * parts and stored outputs whose scopes are recomputed many times, e.g. per resample). The
 * columns are shared: read them, never write.
 */
export function matrixColumns(matrix: Float64Array, k: number): readonly Float64Array[] {
  let split = splitColumns.get(matrix)
  if (split === undefined || split.length !== k) {
    split = columnsOfMatrix(matrix, k)
    splitColumns.set(matrix, split)
  }
  return split
}

/**
 * Writes row `row` of a row-major `n x k` matrix from the same row of `source` (the same shape),
 * and into the matrix's columns where {@link matrixColumns} keeps them split, so that they stay
 * its columns. For matrices a caller owns and rewrites between reads (the outputs a paired
 * randomization test keeps between its exchanges), never a run's own.
 * @example writeMatrixRow(kept, other, 3, 17) // row 17 of `kept` (and of its split columns) is now `other`'s
 */
export function writeMatrixRow(matrix: Float64Array, source: Float64Array, k: number, row: number): void {
  const split = splitColumns.get(matrix)
  const kept = split !== undefined && split.length === k ? split : undefined
  for (let c = 0; c < k; c++) {
    const value = source[row * k + c]
    matrix[row * k + c] = value
    if (kept !== undefined) kept[c][row] = value
  }
}

/** Where a part's columns object keeps its probability columns (not enumerable: not part of the table's JSON). */
const COLUMNS_KEY = 'probabilityColumns'

/**
 * The per-class columns of a classifier part's `columns`: the ones it was encoded with, or those
 * of its row-major `probabilities` matrix (a part read back from JSON, or with substituted model
 * outputs), split once per matrix. Undefined without probabilities.
 */
export function probabilityColumnsOf(columns: object, k: number): readonly Float64Array[] | undefined {
  const own = Object.getOwnPropertyDescriptor(columns, COLUMNS_KEY)
  if (own !== undefined) return own.value as readonly Float64Array[]
  const matrix = (columns as { probabilities?: unknown }).probabilities
  return matrix instanceof Float64Array ? matrixColumns(matrix, k) : undefined
}

/**
 * Gives a part's `columns` object its probabilities: `probabilityColumns` (not enumerable), and
 * `probabilities`, an enumerable property whose value is the row-major matrix, built from the
 * columns on first read and kept (so JSON, spreads and `serializeRunTable` see the same plain
 * `Float64Array` as before). Returns `columns`.
 */
export function defineProbabilities<T extends object>(columns: T, probabilityColumns: readonly Float64Array[]): T {
  let matrix: Float64Array | undefined
  Object.defineProperty(columns, COLUMNS_KEY, { value: probabilityColumns, enumerable: false })
  Object.defineProperty(columns, 'probabilities', {
    enumerable: true,
    configurable: false,
    get: () => (matrix ??= matrixOfColumns(probabilityColumns)),
  })
  return columns
}

/**
 * Gives `to` (a part's columns object) the probabilities of `from`: the same columns and the same
 * matrix (a lazily built one is built once, for both), or `from`'s plain matrix. Returns `to`.
 */
export function shareProbabilities<T extends object>(from: object, to: T): T {
  const own = Object.getOwnPropertyDescriptor(from, COLUMNS_KEY)
  const read = (): unknown => (from as { probabilities?: unknown }).probabilities
  if (own !== undefined) {
    Object.defineProperty(to, COLUMNS_KEY, { value: own.value, enumerable: false })
    Object.defineProperty(to, 'probabilities', { enumerable: true, configurable: false, get: read })
  } else if (read() !== undefined) {
    ;(to as { probabilities?: unknown }).probabilities = read()
  }
  return to
}
