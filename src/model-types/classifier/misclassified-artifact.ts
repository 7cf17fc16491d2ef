/**
 * A classifier's built-in artifact `misclassified.csv`: the rows predicted wrong, with the input
 * columns, the true and predicted label and the probability of the predicted label; capped at
 * `maxRows` rows, with a note giving the total.
 */
import type { Dataset } from '../../data/index.js'
import type { Artifact } from '../../run/types.js'
import { inputCells, uniqueName } from '../artifact-cells.js'

/** The misclassified rows, first `maxRows` in row order. */
export function misclassifiedArtifact(options: {
  dataset: Dataset
  inputColumns: readonly string[]
  labels: readonly string[]
  targetIndex: Int32Array
  predictedIndex: Int32Array
  /** One column per label, in label order. */
  probabilities: readonly Float64Array[] | undefined
  rowNumber: (row: number) => number
  maxRows: number
}): Artifact {
  const { dataset, inputColumns, labels, targetIndex, predictedIndex, probabilities, maxRows } = options
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
    if (probabilities !== undefined) record[probabilityColumn] = probabilities[predictedIndex[i]][i]
    rows.push(record)
  }
  const notes = [
    total > maxRows
      ? `${total} misclassified rows; the first ${maxRows} (in data order) are listed`
      : `${total} misclassified rows`,
  ]
  return { name: 'misclassified', fileName: 'misclassified.csv', builtin: true, content: { type: 'rows', columns, rows }, notes }
}

