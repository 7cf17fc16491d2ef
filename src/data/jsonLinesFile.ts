import { createReadStream } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { DatasetError } from '../errors.js'
import { RecordColumns } from './recordColumns.js'
import { noRowsError } from './sourceFile.js'
import type { ColumnarDataset } from './dataset.js'

/**
 * Reads a JSON Lines file (one JSON object per line; blank lines skipped; a UTF-8 BOM allowed),
 * streaming: each line is parsed and its values go straight into typed columns, so the file's
 * text is never held whole. Values keep their JSON types.
 */
export async function loadJsonLines(path: string): Promise<ColumnarDataset> {
  const columns = new RecordColumns()
  const decoder = new StringDecoder('utf8')
  let pending = ''
  let line = 0
  let first = true

  const takeLine = (text: string): void => {
    line++
    if (first) {
      first = false
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    if (text.length > 0 && text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1)
    if (text.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      throw new DatasetError(
        'DATASET_INVALID_JSON_LINE',
        `${path}: line ${line} is not valid JSON (${(error as Error).message}); each line must be one JSON object such as {"text": "hi", "label": "greeting"}`,
        { cause: error },
      )
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DatasetError(
        'DATASET_INVALID_JSON_LINE',
        `${path}: line ${line} is ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}, not a JSON object; each line must be one object such as {"text": "hi", "label": "greeting"}`,
      )
    }
    columns.add(value as Record<string, unknown>)
  }

  try {
    for await (const chunk of createReadStream(path)) {
      const text = pending + decoder.write(chunk as Buffer)
      let start = 0
      let newline = text.indexOf('\n', start)
      while (newline !== -1) {
        takeLine(text.slice(start, newline))
        start = newline + 1
        newline = text.indexOf('\n', start)
      }
      pending = text.slice(start)
    }
    pending += decoder.end()
    if (pending.length > 0) takeLine(pending)
  } catch (error) {
    if (error instanceof DatasetError) throw error
    throw new DatasetError('DATASET_FILE_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`, { cause: error })
  }
  if (columns.rowCount === 0) throw noRowsError(path, 'no JSON objects')
  return columns.finish(path)
}
