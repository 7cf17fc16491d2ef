import { createReadStream } from 'node:fs'
import { DatasetError } from '../errors.js'
import { ColumnBuilder } from './columnBuilder.js'
import { scanCsv, type CsvRecordSink } from './csvScanner.js'
import { ColumnarDataset } from './dataset.js'
import { assertUniqueColumnNames } from './duplicateColumns.js'
import { noRowsError } from './sourceFile.js'
import type { Column } from './types.js'

/** Bytes read from the file at a time. */
const CHUNK_BYTES = 1 << 20

/**
 * Reads a CSV file (RFC 4180: quoted fields with embedded commas, newlines and doubled quotes; a
 * UTF-8 BOM; CRLF or LF; a header row), streaming: each record goes straight into typed columns,
 * so only the columns are held, never the file's text or its records. A column whose every cell
 * is a canonical number string becomes a number column; every other cell stays exactly as
 * written. Blank lines are skipped. See `csvScanner.ts` for why the scanner is hand-written.
 */
export async function loadCsv(path: string): Promise<ColumnarDataset> {
  const sink = new CsvColumnsSink(path)
  try {
    await scanCsv(createReadStream(path, { highWaterMark: CHUNK_BYTES }), sink, path)
  } catch (error) {
    if (error instanceof DatasetError) throw error
    throw new DatasetError('DATASET_FILE_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`, { cause: error })
  }
  return sink.finish()
}

/** Takes the header from the first record and every later record into one builder per column. */
class CsvColumnsSink implements CsvRecordSink {
  private header: string[] | undefined
  private builders: ColumnBuilder[] = []
  private lines = new Uint32Array(1024)
  private rowCount = 0

  constructor(private readonly path: string) {}

  record(buffer: Buffer, starts: Int32Array, ends: Int32Array, escaped: Uint8Array, count: number, line: number): void {
    const header = this.header
    if (header === undefined) {
      const names: string[] = []
      for (let c = 0; c < count; c++) {
        const name = buffer.toString('utf8', starts[c], ends[c])
        names.push(escaped[c] === 1 ? name.replaceAll('""', '"') : name)
      }
      assertUniqueColumnNames(names, this.path)
      this.header = names
      this.builders = names.map(() => new ColumnBuilder())
      return
    }
    if (count !== header.length) {
      throw new DatasetError(
        'DATASET_RAGGED_ROW',
        `${this.path}: line ${line} has ${count} field${count === 1 ? '' : 's'} but the header has ${header.length}; quote fields that contain commas ("a, b") and give every row ${header.length} fields`,
      )
    }
    const builders = this.builders
    for (let c = 0; c < count; c++) builders[c].addCsvField(buffer, starts[c], ends[c], escaped[c] === 1)
    if (this.rowCount === this.lines.length) {
      const grown = new Uint32Array(this.lines.length * 2)
      grown.set(this.lines)
      this.lines = grown
    }
    this.lines[this.rowCount++] = line
  }

  finish(): ColumnarDataset {
    const header = this.header
    if (header === undefined || this.rowCount === 0) {
      throw noRowsError(this.path, header === undefined ? 'no header' : 'only a header')
    }
    const columns = new Map<string, Column>()
    header.forEach((name, index) => columns.set(name, this.builders[index].finish()))
    return new ColumnarDataset(columns, this.rowCount, { source: this.path, fileLines: this.lines.slice(0, this.rowCount) })
  }
}
