import { constants } from 'node:buffer'
import { createReadStream } from 'node:fs'
import { DatasetError } from '../errors.js'
import { RecordColumns } from './record-columns.js'
import { noRowsError } from './source-file.js'
import { InvalidUtf8Cell, decodeUtf8 } from './utf8-text.js'
import { fieldWithReplacement, notUtf8Error } from './invalid-utf8-field.js'
import type { ColumnarDataset } from './dataset.js'

/** Limits of `loadJsonLines`; tests lower them to reach the errors without gigabyte files. */
export interface JsonLinesLimits {
  /** Longest line, in bytes: a longer one cannot become a JavaScript string. */
  maxLineBytes: number
}

const DEFAULT_LIMITS: JsonLinesLimits = { maxLineBytes: constants.MAX_STRING_LENGTH }

const LF = 0x0a
const CR = 0x0d

/**
 * Reads a JSON Lines file (one JSON object per line; blank lines skipped; a UTF-8 BOM allowed),
 * streaming: lines are cut from the file's bytes (a line spanning many read chunks is joined
 * once, so loading is linear in the file size however long a line), each line is checked to be
 * UTF-8, parsed, and its values go straight into typed columns. Values keep their JSON types.
 * Bytes that are not UTF-8 and a line too long to hold are errors naming the line.
 */
export async function loadJsonLines(path: string, limits: JsonLinesLimits = DEFAULT_LIMITS): Promise<ColumnarDataset> {
  const columns = new RecordColumns()
  let line = 0
  let first = true

  const takeLine = (bytes: Buffer): void => {
    line++
    let end = bytes.length
    let start = 0
    if (first) {
      first = false
      if (end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3
    }
    if (end > start && bytes[end - 1] === CR) end--
    let text: string
    try {
      text = decodeUtf8(bytes, start, end)
    } catch (error) {
      if (!(error instanceof InvalidUtf8Cell)) throw error
      const field = fieldWithReplacement(bytes.toString('utf8', start, end))
      throw notUtf8Error(path, `: line ${line}${field !== undefined ? `, column "${field}"` : ''}: bytes that are not UTF-8 (read as U+FFFD they would merge different values)`)
    }
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

  // The start of the line not ended yet, as the read chunks that hold it.
  const pieces: Buffer[] = []
  let pieceBytes = 0
  try {
    for await (const read of createReadStream(path)) {
      const chunk = read as Buffer
      let start = 0
      let newline = chunk.indexOf(LF, start)
      while (newline !== -1) {
        if (pieces.length === 0) {
          takeLine(chunk.subarray(start, newline))
        } else {
          pieces.push(chunk.subarray(start, newline))
          const whole = Buffer.concat(pieces)
          pieces.length = 0
          pieceBytes = 0
          takeLine(whole)
        }
        start = newline + 1
        newline = chunk.indexOf(LF, start)
      }
      if (start < chunk.length) {
        pieces.push(chunk.subarray(start))
        pieceBytes += chunk.length - start
        if (pieceBytes > limits.maxLineBytes) {
          throw new DatasetError(
            'DATASET_LINE_TOO_LARGE',
            `${path}: line ${line + 1} is longer than ${limits.maxLineBytes} bytes, more than a JavaScript string can hold; split the record or store such values outside the evaluation set`,
          )
        }
      }
    }
    if (pieces.length > 0) takeLine(Buffer.concat(pieces))
  } catch (error) {
    if (error instanceof DatasetError) throw error
    throw new DatasetError('DATASET_FILE_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`, { cause: error })
  }
  if (columns.rowCount === 0) throw noRowsError(path, 'no JSON objects')
  return columns.finish(path)
}
