import { createHash } from 'node:crypto'
import type { Column, Dataset } from './types.js'
import { keyedRecord } from '../run/own-keys.js'

/** Where the writer's bytes go (a hash, or several). */
export interface ByteSink {
  update(data: Uint8Array): void
}

const CHUNK_BYTES = 1 << 16

const TAG_COLUMN = 0x43 // 'C'
const TAG_NUMBER = 0x6e // 'n'
const TAG_STRING = 0x73 // 's'
const TAG_TRUE = 0x74 // 't'
const TAG_FALSE = 0x66 // 'f'
const TAG_NULL = 0x7a // 'z'
const TAG_BIGINT = 0x69 // 'i'
const TAG_OTHER = 0x6a // 'j' (JSON text)
const TAG_REPEAT = 0x72 // 'r': the same string as the k-th distinct string of this column
/** Distinct strings per column remembered for TAG_REPEAT; later new strings are written out. */
const MAX_REMEMBERED = 1 << 16
/** The first distinct strings of a column, found by a scan before the map (label columns). */
const RECENT_STRINGS = 8

/**
 * sha256 (hex) over the named columns: each column's name and row count, then every cell with a
 * type tag (so the number `1` and the string `"1"` differ), in order. A string seen before in
 * the column is written as a back-reference to its first occurrence (same hash for the same
 * values, far less to hash for label columns). Two datasets with the same values in those
 * columns get the same fingerprint whatever file format they came from: the same values of the
 * same types (a CSV's input cells stay strings where JSON Lines gives numbers, so the same table
 * in the two formats fingerprints differently, column by column).
 *
 * @example
 * fingerprintDataset(data, ['label', 'text']) // '3f1c…' (64 hex digits)
 */
export function fingerprintDataset(dataset: Dataset, columns: readonly string[]): string {
  return fingerprintDatasetColumns(dataset, columns).fingerprint
}

/** Hex digits kept of each column's own sha256 (64 bits: enough to tell one column's edit from another's). */
const COLUMN_DIGITS = 16

/**
 * {@link fingerprintDataset} and, in the same pass, each column's own fingerprint (the first 16
 * hex digits of the sha256 of its cells, in order: a renamed column keeps it), so a changed fingerprint can say
 * which columns changed, were added or were removed; `alsoColumns` get their own fingerprint
 * without entering the whole one (slice columns outside the inputs: their rows define the slices).
 *
 * @example
 * fingerprintDatasetColumns(data, ['label', 'text']).columns // { label: '9a0c…', text: '41be…' }
 */
export function fingerprintDatasetColumns(dataset: Dataset, columns: readonly string[], alsoColumns: readonly string[] = []): { fingerprint: string; columns: Record<string, string> } {
  const hash = createHash('sha256')
  /** The current column's own hash (none while its header is written). */
  let own: ReturnType<typeof createHash> | undefined
  const writer = new CellWriter({
    update(data: Uint8Array): void {
      hash.update(data)
      own?.update(data)
    },
  })
  // Keyed by column name: a column may be called __proto__ or constructor.
  const perColumn = keyedRecord<string>()
  for (const name of columns) {
    const column = dataset.column(name)
    own = undefined
    writer.header(name, dataset.rowCount)
    writer.flush()
    // A column's own fingerprint is of its cells alone, so a renamed column keeps it.
    own = createHash('sha256')
    writer.startColumn()
    writeColumn(writer, column)
    writer.flush()
    perColumn[name] = own.digest('hex').slice(0, COLUMN_DIGITS)
  }
  // Columns fingerprinted on their own only (the slice columns outside the inputs).
  for (const name of alsoColumns) if (!Object.hasOwn(perColumn, name)) perColumn[name] = cellsFingerprint(dataset.column(name))
  return { fingerprint: hash.digest('hex'), columns: perColumn }
}

/** A column's own fingerprint alone: the first {@link COLUMN_DIGITS} hex digits of the sha256 of its cells. */
function cellsFingerprint(column: Column): string {
  const hash = createHash('sha256')
  const writer = new CellWriter(hash)
  writer.startColumn()
  writeColumn(writer, column)
  writer.flush()
  return hash.digest('hex').slice(0, COLUMN_DIGITS)
}

function writeColumn(writer: CellWriter, column: Column): void {
  if (column.kind === 'number') {
    writer.numbers(column.values)
  } else if (column.kind === 'string' && column.coded !== undefined) {
    writer.codedStrings(column.coded.codes, column.coded.dictionary)
  } else if (column.kind === 'string') {
    const values = column.values
    for (let i = 0; i < values.length; i++) writer.cellString(values[i])
  } else {
    for (const value of column.values) writer.value(value)
  }
}

/**
 * Writes tagged cells into a reusable buffer and feeds the hash a chunk at a time: the one
 * encoding of cells, shared by the fingerprints and the row keys (`row-keys.ts`).
 */
export class CellWriter {
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  private offset = 0
  private seen = new Map<string, number>()
  /** The column's first distinct strings (their index is their position), scanned before `seen`. */
  private recent: string[] = []
  private readonly view = new DataView(this.buffer.buffer, this.buffer.byteOffset, CHUNK_BYTES)

  constructor(private readonly hash: ByteSink) {}

  header(name: string, rowCount: number): void {
    this.byte(TAG_COLUMN)
    this.string(name)
    this.reserve(4)
    this.buffer.writeUInt32LE(rowCount >>> 0, this.offset)
    this.offset += 4
  }

  startColumn(): void {
    this.seen = new Map()
    this.recent = []
  }

  /** A string cell: a back-reference when the column had it before, else the string itself. */
  cellString(value: string): void {
    const recent = this.recent
    let index: number | undefined
    for (let j = 0; j < recent.length; j++) {
      if (recent[j] === value) {
        index = j
        break
      }
    }
    index ??= recent.length < RECENT_STRINGS ? undefined : this.seen.get(value)
    if (index !== undefined) {
      this.reserve(5)
      this.buffer[this.offset] = TAG_REPEAT
      this.buffer.writeUInt32LE(index, this.offset + 1)
      this.offset += 5
      return
    }
    if (this.seen.size < MAX_REMEMBERED) {
      if (this.seen.size < RECENT_STRINGS) this.recent.push(value)
      this.seen.set(value, this.seen.size)
    }
    this.string(value)
  }

  /**
   * Every cell of a dictionary-coded string column, as {@link cellString} writes each: the
   * dictionary holds the column's distinct strings in first-seen order, so a code below the
   * count of strings seen so far is that string's back-reference, and any other code is a new
   * string (remembered while fewer than MAX_REMEMBERED are).
   */
  codedStrings(codes: Int32Array, dictionary: readonly string[]): void {
    this.startColumn()
    const { buffer } = this
    let remembered = 0
    let offset = this.offset
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]
      if (code < remembered) {
        if (offset + 5 > CHUNK_BYTES) {
          this.offset = offset
          this.flush()
          offset = 0
        }
        buffer[offset] = TAG_REPEAT
        buffer[offset + 1] = code & 0xff
        buffer[offset + 2] = (code >>> 8) & 0xff
        buffer[offset + 3] = (code >>> 16) & 0xff
        buffer[offset + 4] = code >>> 24
        offset += 5
        continue
      }
      if (code === remembered && remembered < MAX_REMEMBERED) remembered++
      this.offset = offset
      this.string(dictionary[code])
      offset = this.offset
    }
    this.offset = offset
  }

  /**
   * Every value of a number column, as {@link number} writes each (tag, then the double
   * little-endian), in one loop.
   */
  numbers(values: Float64Array): void {
    const { buffer, view } = this
    const n = values.length
    let offset = this.offset
    for (let i = 0; i < n; i++) {
      if (offset + 9 > CHUNK_BYTES) {
        this.offset = offset
        this.flush()
        offset = 0
      }
      const value = values[i]
      buffer[offset] = TAG_NUMBER
      view.setFloat64(offset + 1, value !== value ? Number.NaN : value === 0 ? 0 : value, true)
      offset += 9
    }
    this.offset = offset
  }

  number(value: number): void {
    this.reserve(9)
    this.buffer[this.offset] = TAG_NUMBER
    // One NaN, and -0 hashed as 0, so equal-looking data hashes equally.
    this.buffer.writeDoubleLE(Number.isNaN(value) ? Number.NaN : value === 0 ? 0 : value, this.offset + 1)
    this.offset += 9
  }

  string(value: string): void {
    const maxBytes = value.length * 3
    if (maxBytes + 5 > CHUNK_BYTES) {
      const bytes = Buffer.from(value, 'utf8')
      this.reserve(5)
      this.buffer[this.offset] = TAG_STRING
      this.buffer.writeUInt32LE(bytes.length, this.offset + 1)
      this.offset += 5
      this.flush()
      this.hash.update(bytes)
      return
    }
    this.reserve(maxBytes + 5)
    this.buffer[this.offset] = TAG_STRING
    const written = this.buffer.write(value, this.offset + 5, 'utf8')
    this.buffer.writeUInt32LE(written, this.offset + 1)
    this.offset += 5 + written
  }

  value(value: unknown): void {
    if (typeof value === 'number') this.number(value)
    else if (typeof value === 'string') this.cellString(value)
    else if (value === true) this.byte(TAG_TRUE)
    else if (value === false) this.byte(TAG_FALSE)
    else if (value === null || value === undefined) this.byte(TAG_NULL)
    else if (typeof value === 'bigint') this.tagged(TAG_BIGINT, value.toString())
    else this.tagged(TAG_OTHER, stableJson(value))
  }

  flush(): void {
    if (this.offset > 0) {
      this.hash.update(this.buffer.subarray(0, this.offset))
      this.offset = 0
    }
  }

  private tagged(tag: number, text: string): void {
    this.byte(tag)
    this.string(text)
  }

  private byte(value: number): void {
    this.reserve(1)
    this.buffer[this.offset++] = value
  }

  private reserve(bytes: number): void {
    if (this.offset + bytes > CHUNK_BYTES) this.flush()
  }
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` hash the same. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const sorted = keyedRecord<unknown>()
      for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key]
      return sorted
    }
    if (typeof inner === 'bigint') return inner.toString()
    return inner
  }) ?? 'undefined'
}
