/**
 * The column of a JSON record (one line of JSON Lines, or an element of a JSON array) that held
 * bytes that are not UTF-8: `text` is the record decoded with U+FFFD in their place, and the
 * first key or string value holding U+FFFD names the column. Undefined when the text is not
 * JSON or no such column is found. Runs only on the error path.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { basename } from 'node:path'
import { DatasetError } from '../errors.js'

/** The column of a JSON record holding U+FFFD (see the file's comment). */
export function fieldWithReplacement(text: string): string | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  return recordFieldWithReplacement(value)
}

/** The key of `record` whose name or (string) value holds U+FFFD, if any. */
export function recordFieldWithReplacement(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined
  for (const [key, cell] of Object.entries(record)) {
    if (key.includes('\uFFFD') || (typeof cell === 'string' && cell.includes('\uFFFD'))) return key
  }
  return undefined
}

/**
 * The error for a data file holding bytes that are not UTF-8. `detail` says where and what
 * (`: line 3, column "text": the bytes 0xE9 are not UTF-8`), and the fix is re-encoding the file
 * from Latin-1 (the usual cause). A file that starts with a UTF-16 byte order mark (FF FE or
 * FE FF) is named as UTF-16 instead, with the iconv line that converts it: re-encoding it from
 * Latin-1 would give garbage. Runs only on the error path (reads the file's first two bytes).
 *
 * @example
 * notUtf8Error('data.csv', ': line 1, the header, field 1: the bytes 0xFF 0xFE are not UTF-8').message
 * // 'data.csv is UTF-16 LE text (it starts with the bytes FF FE), not UTF-8; convert it: iconv -f utf-16 -t utf-8 data.csv > data-utf8.csv'
 */
export function notUtf8Error(path: string, detail: string): DatasetError {
  const order = utf16ByteOrder(path)
  if (order !== undefined) {
    const name = basename(path)
    const dot = name.lastIndexOf('.')
    const converted = dot > 0 ? `${name.slice(0, dot)}-utf8${name.slice(dot)}` : `${name}-utf8`
    return new DatasetError(
      'DATASET_INVALID_UTF8',
      `${path} is UTF-16 ${order} text (it starts with the bytes ${order === 'LE' ? 'FF FE' : 'FE FF'}), not UTF-8; convert it: iconv -f utf-16 -t utf-8 ${name} > ${converted} (or save it as UTF-8)`,
    )
  }
  return new DatasetError('DATASET_INVALID_UTF8', `${path}${detail}; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)`)
}

/** 'LE' or 'BE' when the file at `path` starts with a UTF-16 byte order mark; undefined otherwise (or unreadable). */
function utf16ByteOrder(path: string): 'LE' | 'BE' | undefined {
  const head = Buffer.alloc(2)
  let read = 0
  try {
    const fd = openSync(path, 'r')
    try {
      read = readSync(fd, head, 0, 2, 0)
    } finally {
      closeSync(fd)
    }
  } catch {
    return undefined
  }
  return utf16ByteOrderOf(head.subarray(0, read))
}

/**
 * 'LE' or 'BE' when `bytes` start with a UTF-16 byte order mark (FF FE or FE FF); undefined otherwise.
 * @example utf16ByteOrderOf(Buffer.from([0xff, 0xfe, 0x61, 0x00])) // 'LE'
 */
export function utf16ByteOrderOf(bytes: Uint8Array): 'LE' | 'BE' | undefined {
  if (bytes.length < 2) return undefined
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'LE'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'BE'
  return undefined
}
