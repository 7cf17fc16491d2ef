/**
 * A key per row of the evaluation data, from the row's own cells, so that the rows of two
 * versions of the data can be matched after rows were added, removed or reordered (a baseline's
 * paired test on the rows both versions hold). A key is the first 32 bits of the sha256 of the
 * row's cells in the named columns, each with a type tag as the fingerprint writes them (the
 * number `1` and the string `"1"` differ, one NaN, -0 as 0), so equal rows get equal keys in
 * every file format that gives the same values of the same types.
 *
 * 32 bits, not more: the keys are stored in the baseline file (about 5.3 base64 characters a
 * row). Two different rows share a key with probability about n^2 / 2^33 for the whole file
 * (3% at 20,000 rows); {@link matchRows} pairs rows of one key in their order, so such a pair
 * can only be crossed where both rows are in both versions and their order changed, which puts
 * one row's baseline output beside another row: noise in a paired test, never a lost row.
 * Node's sha256 is the hash (a well-kept implementation; no key library does more than that).
 */
import { createHash } from 'node:crypto'

/** A column as the loader and the run table hold it (only `kind` and `values` are read). */
export type KeyedColumn =
  | { kind: 'number'; values: ArrayLike<number> }
  | { kind: 'string'; values: readonly string[] }
  | { kind: 'mixed'; values: readonly unknown[] }

const TAG_NUMBER = 0x6e
const TAG_STRING = 0x73
const TAG_TRUE = 0x74
const TAG_FALSE = 0x66
const TAG_NULL = 0x7a
const TAG_OTHER = 0x6a

/** Grows as a row needs. */
class RowBytes {
  buffer = Buffer.allocUnsafe(256)
  length = 0

  reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes))
    this.buffer.copy(grown, 0, 0, this.length)
    this.buffer = grown
  }

  number(value: number): void {
    this.reserve(9)
    this.buffer[this.length] = TAG_NUMBER
    this.buffer.writeDoubleLE(Number.isNaN(value) ? Number.NaN : value === 0 ? 0 : value, this.length + 1)
    this.length += 9
  }

  string(value: string, tag = TAG_STRING): void {
    this.reserve(5 + value.length * 3)
    this.buffer[this.length] = tag
    const written = this.buffer.write(value, this.length + 5, 'utf8')
    this.buffer.writeUInt32LE(written, this.length + 1)
    this.length += 5 + written
  }

  tag(value: number): void {
    this.reserve(1)
    this.buffer[this.length++] = value
  }

  value(value: unknown): void {
    if (typeof value === 'number') this.number(value)
    else if (typeof value === 'string') this.string(value)
    else if (value === true) this.tag(TAG_TRUE)
    else if (value === false) this.tag(TAG_FALSE)
    else if (value === null || value === undefined) this.tag(TAG_NULL)
    else this.string(typeof value === 'bigint' ? value.toString() : (JSON.stringify(value) ?? 'undefined'), TAG_OTHER)
  }
}

/**
 * The key of every row over `columns` (in that order; each `rowCount` long).
 * @example rowKeys([{ kind: 'string', values: ['a', 'b', 'a'] }], 3) // Uint32Array [k1, k2, k1]
 */
export function rowKeys(columns: readonly KeyedColumn[], rowCount: number): Uint32Array {
  const keys = new Uint32Array(rowCount)
  const bytes = new RowBytes()
  for (let row = 0; row < rowCount; row++) {
    bytes.length = 0
    for (const column of columns) {
      if (column.kind === 'number') bytes.number(column.values[row])
      else bytes.value(column.values[row])
    }
    keys[row] = createHash('sha256').update(bytes.buffer.subarray(0, bytes.length)).digest().readUInt32LE(0)
  }
  return keys
}

/**
 * For every current row, the stored row with the same key (`-1` when none): rows of one key are
 * paired in their order (the first current row with the first stored one), so repeated rows
 * pair one to one and the rows left over on either side are the ones added or removed.
 * @example matchRows(Uint32Array.of(7, 8), Uint32Array.of(8, 9, 7)) // Int32Array [1, -1, 0]
 */
export function matchRows(stored: ArrayLike<number>, current: ArrayLike<number>): Int32Array {
  const queues = new Map<number, number[]>()
  for (let j = 0; j < stored.length; j++) {
    const queue = queues.get(stored[j])
    if (queue) queue.push(j)
    else queues.set(stored[j], [j])
  }
  const next = new Map<number, number>()
  const out = new Int32Array(current.length).fill(-1)
  for (let i = 0; i < current.length; i++) {
    const queue = queues.get(current[i])
    if (!queue) continue
    const at = next.get(current[i]) ?? 0
    if (at < queue.length) {
      out[i] = queue[at]
      next.set(current[i], at + 1)
    }
  }
  return out
}
