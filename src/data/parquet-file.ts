import type { ColumnData } from 'hyparquet'
import { DatasetError } from '../errors.js'
import { ColumnBuilder } from './column-builder.js'
import { ColumnarDataset } from './dataset.js'
import { noRowsError } from './source-file.js'
import { describeInvalidBytes } from './utf8-text.js'
import type { Column } from './types.js'

/**
 * Reads a Parquet file with `hyparquet` (pure JavaScript), one row group at a time, straight
 * into typed columns. INT64 values within the safe-integer range become numbers, dates become
 * ISO strings; nested values (lists, structs) are kept as they are decoded. A string that is
 * not UTF-8 is an error naming the row and the column (hyparquet would decode it with U+FFFD).
 * hyparquet (28 modules) is imported here, on the first Parquet file, so that loading a CSV or
 * JSON file (and the CLI's start) does not load it.
 */
export async function loadParquet(path: string): Promise<ColumnarDataset> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } = await import('hyparquet')
  let file
  let metadata
  try {
    file = await asyncBufferFromFile(path)
    metadata = await parquetMetadataAsync(file)
  } catch (error) {
    throw new DatasetError(
      'DATASET_INVALID_PARQUET',
      `${path} is not a readable Parquet file (${(error as Error).message}); check the file, or pass the right format`,
      { cause: error },
    )
  }
  const names = parquetSchema(metadata).children.map((child) => child.element.name)
  const builders = new Map(names.map((name) => [name, new ColumnBuilder()]))
  let rowStart = 0
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows)
    const chunks = new Map<string, ColumnData[]>()
    try {
      await parquetRead({
        file,
        metadata,
        rowStart,
        rowEnd,
        parsers: { stringFromBytes },
        onChunk: (chunk) => {
          const list = chunks.get(chunk.columnName) ?? []
          list.push(chunk)
          chunks.set(chunk.columnName, list)
        },
      })
    } catch (error) {
      throw new DatasetError(
        'DATASET_INVALID_PARQUET',
        `${path}: cannot decode rows ${rowStart + 1}-${rowEnd} (${(error as Error).message})`,
        { cause: error },
      )
    }
    for (const [name, builder] of builders) {
      const list = (chunks.get(name) ?? []).sort((a, b) => a.rowStart - b.rowStart)
      for (let row = rowStart; row < rowEnd; row++) {
        const value = cellAt(list, row)
        if (value instanceof InvalidUtf8Value) {
          throw new DatasetError(
            'DATASET_INVALID_UTF8',
            `${path}: row ${row + 1}, column "${name}": the bytes ${describeInvalidBytes(value.bytes)} are not UTF-8; write the strings as UTF-8`,
          )
        }
        builder.addValue(value)
      }
    }
    rowStart = rowEnd
  }
  if (rowStart === 0) throw noRowsError(path, 'no rows in any row group')
  const columns = new Map<string, Column>()
  for (const [name, builder] of builders) columns.set(name, builder.finish())
  return new ColumnarDataset(columns, rowStart, { source: path })
}

/** The decoded value of `row` from whichever chunk holds it; `null` when none does. */
function cellAt(chunks: ColumnData[], row: number): unknown {
  for (const chunk of chunks) {
    if (row >= chunk.rowStart && row < chunk.rowStart + chunk.columnData.length) {
      return plainValue(chunk.columnData[row - chunk.rowStart])
    }
  }
  return null
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * A decoded Parquet value as a model function and the engine take it: an int64 (a BigInt) as a
 * number where the number is exact (up to 2^53), else as its exact decimal string (an id such as
 * 9007199254740993, which a number would round); a timestamp as its ISO string; the same inside
 * lists and structs (adversarial pass 36: `list<int64>` doc ids arrived as BigInts, which the
 * retriever called objects and `a + b` refused to mix with numbers).
 */
function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value.toString()
  if (value instanceof Date) return value.toISOString()
  if (value === undefined) return null
  if (Array.isArray(value)) return value.map(plainValue)
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) out[key] = plainValue(inner)
    return out
  }
  return value
}

/** A Parquet string whose bytes are not UTF-8, kept until the loader knows its row. */
class InvalidUtf8Value {
  constructor(readonly bytes: Uint8Array) {}
}

const fatalDecoder = new TextDecoder('utf-8', { fatal: true })

function stringFromBytes(bytes: Uint8Array | undefined): string | InvalidUtf8Value | undefined {
  if (!bytes) return bytes
  try {
    return fatalDecoder.decode(bytes)
  } catch {
    return new InvalidUtf8Value(bytes)
  }
}
