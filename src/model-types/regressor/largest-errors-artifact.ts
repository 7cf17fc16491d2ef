/**
 * A regressor's built-in artifact `largest_errors.csv`: the rows with the largest
 * |predicted - actual|, capped at `maxRows` rows, with a note giving the total.
 */
import type { Dataset } from '../../data/index.js'
import type { Artifact } from '../../run/types.js'
import { inputCells, uniqueName } from '../artifact-cells.js'

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
