import { constants } from 'node:buffer'
import { open, stat } from 'node:fs/promises'
import { DatasetError } from '../errors.js'
import { ColumnBuilder } from './column-builder.js'
import { scanCsv, type CsvRecordSink } from './csv-scanner.js'
import { ColumnarDataset } from './dataset.js'
import { assertCommaSeparated, assertUniqueColumnNames } from './duplicate-columns.js'
import { noRowsError } from './source-file.js'
import { decimalColumn } from './decimal-column.js'
import type { Column, NumberTyping } from './types.js'
import { InvalidUtf8Cell, decodeUtf8, describeInvalidBytes } from './utf8-text.js'
import { notUtf8Error } from './invalid-utf8-field.js'

/** Bytes read from the file at a time. */
const CHUNK_BYTES = 1 << 20
/** Lines of the first chunk whose average length estimates the row count from the file size. */
const SAMPLE_LINES = 4096
/** Fewest whole lines in that sample for an estimate (else the columns grow by doubling). */
const MIN_SAMPLE_LINES = 64
const LF = 0x0a
/** Most rows reserved ahead (128 MB per number column); beyond, columns grow by doubling. */
const MAX_RESERVED_ROWS = 1 << 24

/** Limits of `loadCsv`; tests lower them to reach the errors without gigabyte files. */
export interface CsvLimits {
  /** Longest field, in bytes: a longer one cannot become a JavaScript string. */
  maxFieldBytes: number
}

const DEFAULT_LIMITS: CsvLimits = { maxFieldBytes: constants.MAX_STRING_LENGTH }

/**
 * Reads a CSV file (RFC 4180: quoted fields with embedded commas, newlines and doubled quotes; a
 * UTF-8 BOM; CRLF or LF; a header row), streaming: each record goes straight into typed columns,
 * so only the columns are held, never the file's text or its records. A column whose every cell
 * is a canonical number string becomes a number column; every other cell stays exactly as
 * written. Blank lines are skipped. See `csv-scanner.ts` for why the scanner is hand-written.
 * Loading is linear in the file size, however long a line or a field. Bytes that are not UTF-8,
 * and a field longer than a string can hold, are errors naming the line and the column.
 */
export async function loadCsv(path: string, limits: CsvLimits = DEFAULT_LIMITS, numbers: NumberTyping = 'canonical'): Promise<ColumnarDataset> {
  const sink = new CsvColumnsSink(path, limits, numbers)
  try {
    sink.fileBytes = (await stat(path)).size
    await scanCsv(fileChunks(path), sink, path)
  } catch (error) {
    if (error instanceof DatasetError) throw error
    throw new DatasetError('DATASET_FILE_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`, { cause: error })
  }
  return sink.finish()
}

/**
 * The file's bytes, chunk after chunk, read into two buffers in turn: while the caller scans one
 * chunk, the next is already being read into the other buffer (the read waits on Node's thread
 * pool: reading the 1,000,000-row benchmark file chunk after chunk left the main thread idle for
 * about 40 ms). Each chunk is valid until the next is asked for (the scanner copies what it
 * keeps, and the columns copy what they keep). A read stream allocates a new buffer per chunk
 * instead, 59 fresh megabytes for that file, and first writes to fresh memory (page faults) are
 * a large part of loading it.
 */
async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r')
  const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)]
  let position = 0
  let pending = handle.read(buffers[0], 0, CHUNK_BYTES, position)
  try {
    for (let turn = 0; ; turn ^= 1) {
      const { bytesRead } = await pending
      if (bytesRead === 0) return
      position += bytesRead
      pending = handle.read(buffers[turn ^ 1], 0, CHUNK_BYTES, position)
      yield buffers[turn].subarray(0, bytesRead)
    }
  } finally {
    // A read still in flight (the caller stopped early) ends before the handle closes; its error, if any, is moot.
    await pending.catch(() => undefined)
    await handle.close()
  }
}

/** Takes the header from the first record and every later record into one builder per column. */
class CsvColumnsSink implements CsvRecordSink {
  private header: string[] | undefined
  private builders: ColumnBuilder[] = []
  /**
   * The line of each row, made only once a row does not start on the line after the row before
   * (a quoted line break, a blank line): until then row r is on `firstLine + r`, and a file of one
   * line per row needs no array (4 MB fewer fresh bytes at 1,000,000 rows).
   */
  private lines: Uint32Array | undefined
  private firstLine = 0
  /** Rows reserved by the estimate (the size of `lines` when it is made). */
  private reservedRows = 1024
  private rowCount = 0
  /** The file's size, for the estimate of its row count (0: unknown). */
  fileBytes = 0
  /** The file's first record was seen (a `sep=,` line is skipped only there). */
  private sawFirstLine = false

  constructor(
    private readonly path: string,
    private readonly limits: CsvLimits,
    private readonly numbers: NumberTyping,
  ) {}

  record(buffer: Buffer, starts: Int32Array, ends: Int32Array, escaped: Uint8Array, count: number, line: number): void {
    const header = this.header
    if (header === undefined) {
      const names: string[] = []
      for (let c = 0; c < count; c++) {
        this.checkSize(starts[c], ends[c], line, `header field ${c + 1}`)
        let name: string
        try {
          name = decodeUtf8(buffer, starts[c], ends[c])
        } catch (error) {
          throw error instanceof InvalidUtf8Cell ? this.invalidUtf8(error, line, `the header, field ${c + 1}`) : error
        }
        names.push(escaped[c] === 1 ? name.replaceAll('""', '"') : name)
      }
      // Excel's separator line for a comma-separated file, `sep=,` (two fields, "sep=" and ""):
      // the file is what this loader reads, so the line is skipped and the next is the header
      // (adversarial pass 37: it was taken for the header, and every row was "ragged").
      if (!this.sawFirstLine && names.length === 2 && names[0].toLowerCase() === 'sep=' && names[1] === '') {
        this.sawFirstLine = true
        return
      }
      this.sawFirstLine = true
      assertCommaSeparated(names, this.path)
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
    const maxFieldBytes = this.limits.maxFieldBytes
    let c = 0
    try {
      for (; c < count; c++) {
        if (ends[c] - starts[c] > maxFieldBytes) this.checkSize(starts[c], ends[c], line, `column "${header[c]}"`)
        builders[c].addCsvField(buffer, starts[c], ends[c], escaped[c] === 1)
      }
    } catch (error) {
      throw error instanceof InvalidUtf8Cell ? this.invalidUtf8(error, line, `row ${this.rowCount + 1}, column "${header[c]}"`) : error
    }
    if (this.rowCount === 0) {
      this.firstLine = line
      this.reserveEstimatedRows(buffer, starts[0])
    }
    if (this.lines === undefined && line !== this.firstLine + this.rowCount) this.lines = this.linesSoFar()
    if (this.lines !== undefined) {
      if (this.rowCount === this.lines.length) {
        const grown = new Uint32Array(this.lines.length * 2)
        grown.set(this.lines)
        this.lines = grown
      }
      this.lines[this.rowCount] = line
    }
    this.rowCount++
  }

  /** The lines of the rows so far (each on the line after the one before), with room for the reserved rows. */
  private linesSoFar(): Uint32Array {
    const lines = new Uint32Array(Math.max(this.reservedRows, this.rowCount + 1))
    for (let r = 0; r < this.rowCount; r++) lines[r] = this.firstLine + r
    return lines
  }

  /**
   * Sizes the number and coded columns (and the line numbers) for the rows the file will hold,
   * plus 3%, once the first row is in (so each column has its kind): filling arrays of the final
   * size instead of doubling them saves the copies and the garbage (a tenth of loading 1,000,000
   * rows). The average row length is that of the first 4,096 whole lines of `buffer` from the first
   * row's `start` (a quoted line break makes it low, so the estimate high). Done here, on the first
   * row, rather than after thousands of rows: code that first runs after the loader's loop was
   * optimized throws that code away (a deoptimization, then a slow stretch until it is optimized
   * again). A column that ends much shorter than reserved is trimmed by `finish`.
   */
  private reserveEstimatedRows(buffer: Buffer, start: number): void {
    if (this.fileBytes === 0) return
    let lines = 0
    let end = start
    for (let at = buffer.indexOf(LF, start); at !== -1 && lines < SAMPLE_LINES; at = buffer.indexOf(LF, at + 1)) {
      lines++
      end = at + 1
    }
    if (lines < MIN_SAMPLE_LINES) return
    const average = (end - start) / lines
    const rows = Math.min(MAX_RESERVED_ROWS, Math.ceil((this.fileBytes / average) * 1.03))
    if (rows <= this.reservedRows) return
    for (const builder of this.builders) builder.reserve(rows)
    this.reservedRows = rows
    if (this.lines !== undefined && rows > this.lines.length) {
      const grown = new Uint32Array(rows)
      grown.set(this.lines)
      this.lines = grown
    }
  }

  private checkSize(start: number, end: number, line: number, where: string): void {
    if (end - start <= this.limits.maxFieldBytes) return
    throw new DatasetError(
      'DATASET_FIELD_TOO_LARGE',
      `${this.path}: line ${line}, ${where}: a field of ${end - start} bytes, longer than the ${this.limits.maxFieldBytes} a JavaScript string can hold; a quoted field may be missing its closing quote, or store such values outside the evaluation set`,
    )
  }

  private invalidUtf8(error: InvalidUtf8Cell, line: number, where: string): DatasetError {
    return notUtf8Error(this.path, `: line ${line}, ${where}: the bytes ${describeInvalidBytes(error.bytes)} are not UTF-8`)
  }

  finish(): ColumnarDataset {
    const header = this.header
    if (header === undefined || this.rowCount === 0) {
      throw noRowsError(this.path, header === undefined ? 'no header' : 'only a header')
    }
    const columns = new Map<string, Column>()
    header.forEach((name, index) => {
      const column = this.builders[index].finish()
      columns.set(name, this.numbers === 'decimal' ? decimalColumn(column) : column)
    })
    // As a number column: a view when at most an eighth of the reserved lines is unused.
    const lines = this.lines
    const unused = lines === undefined ? 0 : lines.length - this.rowCount
    const fileLines = lines === undefined ? this.firstLine : unused <= this.rowCount >> 3 ? lines.subarray(0, this.rowCount) : lines.slice(0, this.rowCount)
    return new ColumnarDataset(columns, this.rowCount, { source: this.path, fileLines })
  }
}
