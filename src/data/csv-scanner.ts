import { constants } from 'node:buffer'
import { DatasetError } from '../errors.js'
import { otherSeparator } from './duplicate-columns.js'

const MAX_LENGTH = constants.MAX_LENGTH

/**
 * Hand-written RFC 4180 scanner over Buffers, used by `loadCsv` instead of `csv-parse`.
 *
 * Why by hand (measured on the 1,000,000-row, 8-column benchmark file, 58 MB, bench/engine):
 * `csv-parse` 6.2.1 takes 4.6 s just to produce the records as string arrays, and 15-21 s once
 * each record's line number is tracked (its `on_record` context object per record) and the cells
 * are typed: more than the whole budget of `evalgate evaluate` (10x faster than pandas +
 * scikit-learn, which take ~90 s). This scanner finds field boundaries in the bytes, so number
 * cells are parsed without ever becoming strings and text cells are decoded once; it loads the
 * same file in about a tenth of that time. It passes the same RFC 4180 tests as `csv-parse` (and a
 * differential test against it): quoted fields with embedded commas, newlines and doubled
 * quotes, a UTF-8 BOM, CRLF and LF line ends, a last line without a line end.
 *
 * Deliberately lenient where pandas and Python's csv module are: a quote inside an unquoted
 * field is kept literally (`5" screen`). Strict where data would be lost: a quoted field that is
 * never closed, or text after a closing quote, is an error naming the line.
 */

/** Receives one record: fields `i` is `buffer[starts[i], ends[i])`; `escaped[i]` = holds `""`. */
export interface CsvRecordSink {
  record(buffer: Buffer, starts: Int32Array, ends: Int32Array, escaped: Uint8Array, count: number, line: number): void
}

const COMMA = 0x2c
const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d

/** Streams `chunks` of a CSV file into `sink`, record by record. `path` is for messages. */
export async function scanCsv(chunks: AsyncIterable<Buffer>, sink: CsvRecordSink, path: string): Promise<void> {
  const scanner = new CsvScanner(sink, path)
  for await (const chunk of chunks) scanner.push(chunk)
  scanner.end()
}

const BOM = [0xef, 0xbb, 0xbf]

/** Whether the buffer starts with the UTF-8 BOM (or, when shorter, with its first bytes). */
function isBomPrefix(buffer: Buffer): boolean {
  for (let i = 0; i < Math.min(3, buffer.length); i++) if (buffer[i] !== BOM[i]) return false
  return true
}

/** Capacity of the carry buffer when it is first needed. */
const MIN_CARRY_BYTES = 1 << 16

class CsvScanner {
  /**
   * The bytes of the record that is not complete yet (`carry[0, carryLength)`), in a buffer that
   * grows by doubling, so a record spanning many chunks is copied a constant number of times.
   */
  private carry: Buffer | undefined
  private carryLength = 0
  /**
   * How many of the carried bytes were already scanned without completing a record. A long
   * record is scanned again only once the carry has doubled, so the scanning work stays linear
   * in the file size however long a line or field is (rescanning on every chunk was quadratic).
   */
  private scannedLength = 0
  /** 1-based line on which the next record starts. */
  private line = 1
  private first = true
  private starts = new Int32Array(64)
  private ends = new Int32Array(64)
  private escaped = new Uint8Array(64)

  constructor(
    private readonly sink: CsvRecordSink,
    private readonly path: string,
  ) {}

  push(chunk: Buffer): void {
    if (this.first) {
      const head = this.carryLength === 0 ? chunk : Buffer.concat([this.carried(), chunk])
      this.carryLength = 0
      if (head.length < 3 && isBomPrefix(head)) {
        this.append(head) // too short to tell: wait for more bytes
        return
      }
      this.first = false
      chunk = head.length >= 3 && isBomPrefix(head) ? head.subarray(3) : head
    }
    let buffer = chunk
    if (this.carryLength > 0) {
      this.append(chunk)
      if (this.carryLength < 2 * this.scannedLength) return
      buffer = this.carried()
    }
    const consumed = this.scan(buffer, false)
    this.keepRest(buffer, consumed)
  }

  end(): void {
    let buffer = this.carried()
    this.carryLength = 0
    if (this.first && isBomPrefix(buffer)) buffer = buffer.subarray(Math.min(3, buffer.length))
    if (buffer.length > 0) this.scan(buffer, true)
  }

  private carried(): Buffer {
    return this.carry === undefined ? Buffer.alloc(0) : this.carry.subarray(0, this.carryLength)
  }

  /** Keeps `buffer[consumed, length)`, the start of a record still incomplete, for the next chunk. */
  private keepRest(buffer: Buffer, consumed: number): void {
    const rest = buffer.length - consumed
    if (this.carry !== undefined && buffer.buffer === this.carry.buffer && buffer.byteOffset === this.carry.byteOffset) {
      if (consumed > 0) this.carry.copyWithin(0, consumed, buffer.length)
      this.carryLength = rest
    } else {
      this.carryLength = 0
      if (rest > 0) this.append(buffer.subarray(consumed))
    }
    this.scannedLength = rest
  }

  private append(bytes: Buffer): void {
    const needed = this.carryLength + bytes.length
    if (this.carry === undefined || this.carry.length < needed) {
      if (needed > MAX_LENGTH) {
        throw new DatasetError(
          'DATASET_RECORD_TOO_LARGE',
          `${this.path}: the record starting on line ${this.line} is longer than ${MAX_LENGTH} bytes, more than a buffer can hold; a quoted field may be missing its closing quote, or split the data`,
        )
      }
      const grown = Buffer.allocUnsafe(Math.min(MAX_LENGTH, Math.max(needed, 2 * (this.carry?.length ?? 0), MIN_CARRY_BYTES)))
      if (this.carry !== undefined) this.carry.copy(grown, 0, 0, this.carryLength)
      this.carry = grown
    }
    bytes.copy(this.carry, this.carryLength)
    this.carryLength = needed
  }

  /**
   * Scans whole records from `buffer`; returns the offset after the last complete one. With
   * `final`, the end of the buffer ends the last record.
   */
  private scan(buffer: Buffer, final: boolean): number {
    const length = buffer.length
    let recordStart = 0
    let position = 0
    // The field arrays in locals (read again after growing): fewer loads per field.
    let { starts, ends, escaped } = this
    while (position < length) {
      // One record from `position`.
      let count = 0
      let newlines = 0
      let complete = false
      let i = position
      for (;;) {
        if (count === starts.length) ({ starts, ends, escaped } = this.growFields())
        if (i < length && buffer[i] === QUOTE) {
          // Quoted field: up to the closing quote not followed by another quote.
          const start = i + 1
          let j = start
          let hasEscapes = 0
          let closed = -1
          while (j < length) {
            const c = buffer[j]
            if (c === QUOTE) {
              if (j + 1 < length && buffer[j + 1] === QUOTE) {
                hasEscapes = 1
                j += 2
                continue
              }
              if (j + 1 === length && !final) break // the next byte decides
              closed = j
              break
            }
            if (c === LF) newlines++
            j++
          }
          if (closed === -1) {
            if (final) throw this.unterminated(this.line + newlines)
            return recordStart // incomplete record: wait for more bytes
          }
          starts[count] = start
          ends[count] = closed
          escaped[count] = hasEscapes
          count++
          i = closed + 1
          if (i === length) {
            if (!final) return recordStart
            complete = true
            break
          }
          const next = buffer[i]
          if (next === COMMA) {
            i++
            continue
          }
          if (next === LF) {
            i++
            newlines++
            complete = true
            break
          }
          if (next === CR && i + 1 < length && buffer[i + 1] === LF) {
            i += 2
            newlines++
            complete = true
            break
          }
          if (next === CR && i + 1 === length && !final) return recordStart
          throw new DatasetError(
            'DATASET_CSV_SYNTAX',
            `${this.path}: line ${this.line + newlines}: text follows the closing quote of field ${count} ("...${buffer.toString('utf8', Math.max(start, closed - 20), closed)}"${buffer.toString('utf8', i, Math.min(length, i + 10))}); ${next === 0x3b || next === 0x09 || next === 0x7c ? `the file may be separated by ${otherSeparator(String.fromCharCode(next))}` : 'write a quote inside a quoted field as "" (RFC 4180)'}`,
          )
        }
        // Unquoted field: up to a comma or a line end.
        const start = i
        while (i < length) {
          const c = buffer[i]
          // Comma and line feed are the only bytes <= COMMA that end a field: most bytes take one test.
          if (c <= COMMA && (c === COMMA || c === LF)) break
          i++
        }
        if (i === length && !final) return recordStart
        let end = i
        if (end > start && buffer[end - 1] === CR && (i === length || buffer[i] === LF)) end--
        starts[count] = start
        ends[count] = end
        escaped[count] = 0
        count++
        if (i === length) {
          complete = true
          break
        }
        if (buffer[i] === COMMA) {
          i++
          if (i === length && final) {
            // A trailing comma at the very end: one more empty field.
            if (count === starts.length) ({ starts, ends, escaped } = this.growFields())
            starts[count] = i
            ends[count] = i
            escaped[count] = 0
            count++
            complete = true
            break
          }
          continue
        }
        i++ // LF
        newlines++
        complete = true
        break
      }
      if (complete) {
        const isBlank = count === 1 && ends[0] === starts[0] && buffer[position] !== QUOTE
        if (!isBlank) this.sink.record(buffer, starts, ends, escaped, count, this.line)
        this.line += newlines
        position = i
        recordStart = i
      }
    }
    return recordStart
  }

  /** Doubles the field arrays; returns the scanner (the caller reads its arrays again). */
  private growFields(): this {
    const size = this.starts.length * 2
    const starts = new Int32Array(size)
    starts.set(this.starts)
    const ends = new Int32Array(size)
    ends.set(this.ends)
    const escaped = new Uint8Array(size)
    escaped.set(this.escaped)
    this.starts = starts
    this.ends = ends
    this.escaped = escaped
    return this
  }

  private unterminated(lastLine: number): DatasetError {
    return new DatasetError(
      'DATASET_UNTERMINATED_QUOTE',
      `${this.path}: the record starting on line ${this.line} has a quoted field that is never closed (it runs to the end of the file, line ${lastLine}); close the quote, and write a quote inside a quoted field as ""`,
    )
  }
}
