import { isUtf8 } from 'node:buffer'
import { readFile } from 'node:fs/promises'
import { DatasetError } from '../errors.js'
import { describeValue, type ColumnarDataset } from './dataset.js'
import { RecordColumns } from './record-columns.js'
import { notUtf8Error, recordFieldWithReplacement, utf16ByteOrderOf } from './invalid-utf8-field.js'
import { noRowsError } from './source-file.js'

/**
 * Reads a JSON file holding an array of records (`[{"text": "hi", "label": "greeting"}, ...]`).
 * A JSON array is one value, so the text is parsed whole (use JSON Lines for large sets); the
 * records are turned into typed columns and then released. Bytes that are not UTF-8 are an
 * error naming the record and the column.
 */
export async function loadJsonArray(path: string): Promise<ColumnarDataset> {
  const bytes = await readFile(path)
  const valid = isUtf8(bytes)
  // UTF-16 (a byte order mark FF FE or FE FF) is not JSON to JSON.parse: say what it is.
  if (!valid && utf16ByteOrderOf(bytes) !== undefined) throw notUtf8Error(path, '')
  let text = bytes.toString('utf8')
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new DatasetError(
      'DATASET_INVALID_JSON',
      `${path} is not valid JSON (${(error as Error).message}); it must hold an array of records such as [{"text": "hi", "label": "greeting"}]`,
      { cause: error },
    )
  }
  if (!Array.isArray(value)) {
    throw new DatasetError(
      'DATASET_NOT_RECORDS',
      `${path} holds ${describeValue(value)}, not an array of records; write [{"text": "hi", "label": "greeting"}, ...] or use JSON Lines (.jsonl)`,
    )
  }
  if (!valid) throw invalidUtf8(path, value)
  const columns = new RecordColumns()
  for (let i = 0; i < value.length; i++) {
    const record: unknown = value[i]
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new DatasetError(
        'DATASET_NOT_RECORDS',
        `${path}: record ${i + 1} is ${describeValue(record)}, not an object; every element of the array must be an object of column values`,
      )
    }
    columns.add(record as Record<string, unknown>)
  }
  if (columns.rowCount === 0) throw noRowsError(path, 'an empty array')
  return columns.finish(path)
}

/** The error for a JSON file holding bytes that are not UTF-8, naming the record and column. */
function invalidUtf8(path: string, records: unknown[]): DatasetError {
  let where = ''
  for (let i = 0; i < records.length; i++) {
    const field = recordFieldWithReplacement(records[i])
    if (field !== undefined) {
      where = `: record ${i + 1}, column "${field}"`
      break
    }
  }
  return notUtf8Error(path, `${where}: bytes that are not UTF-8 (read as U+FFFD they would merge different values)`)
}
