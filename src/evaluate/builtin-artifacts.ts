/**
 * Built-in artifacts: `misclassified.csv` (classifiers: the rows predicted wrong, with the input
 * columns, the true and predicted label and the probability of the predicted label) and
 * `largest_errors.csv` (regressors: the rows with the largest |predicted - actual|). Both capped
 * at `maxRows` rows, with a note giving the total.
 */
import type { Dataset } from '../data/index.js'
import type { Artifact } from '../run/types.js'

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  let name = base
  while (taken.has(name)) name = `_${name}`
  return name
}

function inputCells(dataset: Dataset, inputColumns: readonly string[], row: number): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  for (const column of inputColumns) {
    const value = dataset.value(column, row)
    record[column] = value === undefined ? null : value
  }
  return record
}

/** The misclassified rows, first `maxRows` in row order. */
export function misclassifiedArtifact(options: {
  dataset: Dataset
  inputColumns: readonly string[]
  labels: readonly string[]
  targetIndex: Int32Array
  predictedIndex: Int32Array
  probabilities: Float64Array | undefined
  rowNumber: (row: number) => number
  maxRows: number
}): Artifact {
  const { dataset, inputColumns, labels, targetIndex, predictedIndex, probabilities, maxRows } = options
  const k = labels.length
  const taken = new Set(inputColumns)
  const rowColumn = uniqueName('row', taken)
  const actualColumn = uniqueName('actual', taken)
  const predictedColumn = uniqueName('predicted', taken)
  const probabilityColumn = uniqueName('predicted_probability', taken)
  const columns = [rowColumn, ...inputColumns, actualColumn, predictedColumn]
  if (probabilities !== undefined) columns.push(probabilityColumn)
  const rows: Array<Record<string, unknown>> = []
  let total = 0
  for (let i = 0; i < targetIndex.length; i++) {
    if (targetIndex[i] === predictedIndex[i]) continue
    total++
    if (rows.length >= maxRows) continue
    const record: Record<string, unknown> = { [rowColumn]: options.rowNumber(i), ...inputCells(dataset, inputColumns, i) }
    record[actualColumn] = labels[targetIndex[i]]
    record[predictedColumn] = labels[predictedIndex[i]]
    if (probabilities !== undefined) record[probabilityColumn] = probabilities[i * k + predictedIndex[i]]
    rows.push(record)
  }
  const notes = [
    total > maxRows
      ? `${total} misclassified rows; the first ${maxRows} (in data order) are listed`
      : `${total} misclassified rows`,
  ]
  return { name: 'misclassified', fileName: 'misclassified.csv', builtin: true, content: { type: 'rows', columns, rows }, notes }
}

/** The `maxRows` rows with the largest absolute error, largest first (ties: data order). */
export function largestErrorsArtifact(options: {
  dataset: Dataset
  inputColumns: readonly string[]
  targetValues: Float64Array
  predictedValues: Float64Array
  rowNumber: (row: number) => number
  maxRows: number
}): Artifact {
  const { dataset, inputColumns, targetValues, predictedValues, maxRows } = options
  const n = targetValues.length
  const absolute = new Float64Array(n)
  for (let i = 0; i < n; i++) absolute[i] = Math.abs(predictedValues[i] - targetValues[i])
  // The maxRows-th largest |error| via one typed sort, then only rows at or above it.
  let cutoff = -Infinity
  if (n > maxRows && maxRows > 0) cutoff = Float64Array.from(absolute).sort()[n - maxRows]
  const candidates: number[] = []
  for (let i = 0; i < n; i++) if (absolute[i] >= cutoff) candidates.push(i)
  candidates.sort((a, b) => absolute[b] - absolute[a] || a - b)
  const top = candidates.slice(0, Math.max(0, maxRows))

  const taken = new Set(inputColumns)
  const rowColumn = uniqueName('row', taken)
  const actualColumn = uniqueName('actual', taken)
  const predictedColumn = uniqueName('predicted', taken)
  const errorColumn = uniqueName('error', taken)
  const columns = [rowColumn, ...inputColumns, actualColumn, predictedColumn, errorColumn]
  const rows = top.map((i) => ({
    [rowColumn]: options.rowNumber(i),
    ...inputCells(dataset, inputColumns, i),
    [actualColumn]: targetValues[i],
    [predictedColumn]: predictedValues[i],
    [errorColumn]: predictedValues[i] - targetValues[i],
  }))
  const notes = [
    n > maxRows ? `the ${maxRows} largest of ${n} absolute errors (error = predicted - actual)` : `all ${n} rows by absolute error (error = predicted - actual)`,
  ]
  return { name: 'largest_errors', fileName: 'largest_errors.csv', builtin: true, content: { type: 'rows', columns, rows }, notes }
}
