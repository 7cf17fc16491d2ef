import { createReadStream } from 'node:fs'
import { parse, CsvError } from 'csv-parse'
import { DatasetError } from '../errors.js'
import { ColumnBuilder } from './columnBuilder.js'
import { ColumnarDataset } from './dataset.js'
import { assertUniqueColumnNames } from './duplicateColumns.js'
import { noRowsError } from './sourceFile.js'
import type { Column } from './types.js'

/**
 * Reads a CSV file (RFC 4180: quoted fields with embedded commas, newlines and doubled quotes; a
 * UTF-8 BOM; CRLF or LF; a header row) with `csv-parse`, streaming: each record goes straight
 * into typed columns and is dropped, so only the columns are held, never the text and records.
 * A column whose every cell is a canonical number string becomes a number column; every other
 * cell stays exactly as written.
 */
export async function loadCsv(path: string): Promise<ColumnarDataset> {
  let header: string[] | undefined
  let builders: ColumnBuilder[] = []
  let lines = new Uint32Array(1024)
  let rowCount = 0
  let previousEndLine = 0
  let previousEmptyLines = 0

  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    on_record: (record: string[], context) => {
      const startLine = previousEndLine + 1 + (context.empty_lines - previousEmptyLines)
      previousEndLine = context.lines
      previousEmptyLines = context.empty_lines
      if (header === undefined) {
        assertUniqueColumnNames(record, path)
        header = record
        builders = record.map(() => new ColumnBuilder())
        return null
      }
      if (record.length !== header.length) throw raggedRowError(path, startLine, header.length, record.length)
      for (let c = 0; c < record.length; c++) builders[c].addText(record[c])
      if (rowCount === lines.length) {
        const grown = new Uint32Array(lines.length * 2)
        grown.set(lines)
        lines = grown
      }
      lines[rowCount++] = startLine
      return null
    },
  })

  try {
    const source = createReadStream(path)
    source.on('error', (error) => parser.destroy(error))
    source.pipe(parser)
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    for await (const _ of parser) {
      // Records are consumed in on_record.
    }
  } catch (error) {
    throw csvError(path, error)
  }

  if (header === undefined || rowCount === 0) throw noRowsError(path, header === undefined ? 'no header' : 'only a header')
  const columns = new Map<string, Column>()
  header.forEach((name, index) => columns.set(name, builders[index].finish()))
  return new ColumnarDataset(columns, rowCount, { source: path, fileLines: lines.slice(0, rowCount) })
}

function raggedRowError(path: string, line: number, expected: number, found: number): DatasetError {
  return new DatasetError(
    'DATASET_RAGGED_ROW',
    `${path}: line ${line} has ${found} field${found === 1 ? '' : 's'} but the header has ${expected}; quote fields that contain commas ("a, b") and give every row ${expected} fields`,
  )
}

function csvError(path: string, error: unknown): DatasetError {
  if (error instanceof DatasetError) return error
  if (error instanceof CsvError) {
    const line = (error as CsvError & { lines?: number }).lines
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      return new DatasetError(
        'DATASET_UNTERMINATED_QUOTE',
        `${path}: a quoted field is never closed (the quote opens on or before line ${line ?? '?'} and runs to the end of the file); close the quote, and write a quote inside a quoted field as ""`,
        { cause: error },
      )
    }
    return new DatasetError(
      'DATASET_CSV_SYNTAX',
      `${path}: line ${line ?? '?'}: ${error.message.replace(/^Invalid [^:]*: /, '')}; the file must be RFC 4180 CSV (quote fields holding commas, quotes or newlines; write a quote inside a quoted field as "")`,
      { cause: error },
    )
  }
  return new DatasetError('DATASET_FILE_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`, { cause: error })
}
