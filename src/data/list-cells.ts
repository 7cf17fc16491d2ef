/**
 * List columns: a cell that holds a list (a retriever's retrieved or relevant document ids, the
 * several gold answers of a question). JSON Lines, JSON and records carry real arrays; a CSV
 * cell carries the list as a JSON array (`["doc1", 2]`), parsed here with `JSON.parse`, so ids
 * keep their type (`1` and `"1"` stay different, as in MLflow).
 */
import { DatasetError } from '../errors.js'
import type { Dataset } from './types.js'

/** Where a list cell came from, for error messages. */
export interface ListCellPlace {
  /** Column name (or a description such as `the model's predictions`). */
  column: string
  /** 0-based row index; shown numbered from 1. */
  row: number
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)
  if (value === undefined) return 'undefined'
  try {
    const text = JSON.stringify(value)
    return text.length > 80 ? `${text.slice(0, 77)}...` : text
  } catch {
    return Object.prototype.toString.call(value)
  }
}

/**
 * The list a cell holds: an array as is, or a string holding a JSON array (a CSV cell), parsed.
 * Anything else throws a DatasetError naming the column, the row (from 1) and the value, and
 * saying how to write a list.
 *
 * @example
 * listCell('["a", 1]', { column: 'retrieved', row: 0 }) // => ['a', 1]
 * listCell(['a'], { column: 'retrieved', row: 0 })      // => ['a']
 * listCell('a,b', { column: 'retrieved', row: 4 })      // throws: column "retrieved", row 5 ...
 */
export function listCell(value: unknown, place: ListCellPlace): readonly unknown[] {
  if (Array.isArray(value)) return value
  if (typeof value === 'string') {
    const text = value.trim()
    if (text.startsWith('[')) {
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch (cause) {
        throw new DatasetError(
          'DATASET_LIST_CELL',
          `column "${place.column}", row ${place.row + 1}: ${shown(value)} is not a valid JSON array (${cause instanceof Error ? cause.message : String(cause)}); write the list as JSON, e.g. ["doc1", "doc2"] (strings in double quotes)`,
          { cause },
        )
      }
      if (Array.isArray(parsed)) return parsed
    }
  }
  throw new DatasetError(
    'DATASET_LIST_CELL',
    `column "${place.column}", row ${place.row + 1}: expected a list, got ${shown(value)}; give an array per row (JSON Lines / records), or in a CSV cell a JSON array such as ["doc1", "doc2"]`,
  )
}

/**
 * Every cell of a list column, parsed with {@link listCell}.
 *
 * @example
 * listColumn(await loadDataset('runs.csv'), 'relevant') // => [['d1', 'd2'], [3], []]
 */
export function listColumn(dataset: Dataset, name: string): Array<readonly unknown[]> {
  const values = dataset.column(name).values
  const out = new Array<readonly unknown[]>(values.length)
  for (let row = 0; row < values.length; row++) out[row] = listCell(values[row], { column: name, row })
  return out
}

/**
 * A cell that holds either one value or a list of them (a question's gold answers): an array, or
 * a string holding a JSON array of strings (a CSV cell), is a list; any other string is the one
 * answer. A string such as `"[1, 2]"` that is not a JSON array of strings stays one answer.
 *
 * @example
 * oneOrListCell('Paris')                 // => ['Paris']
 * oneOrListCell('["Paris", "paris"]')    // => ['Paris', 'paris']
 */
export function oneOrListCell(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value
  if (typeof value === 'string') {
    const text = value.trim()
    if (text.startsWith('[') && text.endsWith(']')) {
      try {
        const parsed: unknown = JSON.parse(text)
        if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed
      } catch {
        // not JSON: the text is the answer itself
      }
    }
  }
  return [value]
}
