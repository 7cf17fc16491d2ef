/**
 * Document ids of a retriever row, as MLflow's retriever metrics take them: a list of strings or
 * integers per row. Ids keep their type: `1` and `"1"` are different documents (Python's
 * `1 == "1"` is false too), so ids are compared with `Map` / `Set` identity, never as strings.
 */
export type DocId = string | number

/** Which column a list of ids came from, for error messages. */
export type DocIdColumn = 'retrieved' | 'relevant'

const WHAT: Record<DocIdColumn, string> = {
  retrieved: 'retrieved document ids (the predictions)',
  relevant: 'relevant document ids (the targets)',
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value)
  try {
    const text = JSON.stringify(value)
    return text.length > 80 ? `${text.slice(0, 77)}...` : text
  } catch {
    return Object.prototype.toString.call(value)
  }
}

/**
 * Check one row's ids: an array of strings or integers. Throws an error that names the row
 * (numbered from 1), the column and the value, and says what to pass instead.
 *
 * @param value the row's cell
 * @param row 0-based row index (shown from 1)
 * @param column which column the cell is from
 * @example
 * checkDocIdRow(['a', 3], 0, 'retrieved') // => ['a', 3]
 * checkDocIdRow('a,b', 1, 'retrieved')     // throws: row 2: retrieved document ids ... must be a list
 */
export function checkDocIdRow(value: unknown, row: number, column: DocIdColumn): readonly DocId[] {
  if (!Array.isArray(value)) {
    throw new TypeError(
      `row ${row + 1}: ${WHAT[column]} must be a list of strings or integers, got ${describe(value)}; ` +
      'pass an array per row (a CSV cell can hold a JSON array such as ["doc1","doc2"])',
    )
  }
  for (let i = 0; i < value.length; i++) {
    const id: unknown = value[i]
    if (typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id))) continue
    throw new TypeError(
      `row ${row + 1}: ${WHAT[column]} hold ${describe(id)} at position ${i + 1}; ` +
      'document ids must be strings or integers (as MLflow requires)',
    )
  }
  return value as DocId[]
}

/**
 * Check the `k` of a `*_at_k` metric: a positive integer (MLflow skips the metric otherwise; here
 * it is an error that says so).
 *
 * @example
 * checkK(3) // => 3
 */
export function checkK(k: number): number {
  if (!Number.isInteger(k) || k <= 0) throw new RangeError(`k must be a positive integer, got ${String(k)}`)
  return k
}

/**
 * Check that the two columns have one row each per example.
 *
 * @example
 * checkSameLength([[1]], [[1]]) // passes
 */
export function checkSameLength(retrieved: readonly unknown[], relevant: readonly unknown[]): void {
  if (retrieved.length !== relevant.length) {
    throw new RangeError(
      `retrieved ids have ${retrieved.length} rows but relevant ids have ${relevant.length}; give one list of each per example`,
    )
  }
}
