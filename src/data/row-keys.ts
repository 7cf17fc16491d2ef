/**
 * A key per row of the evaluation data, from the row's own cells, so that the rows of two
 * versions of the data can be matched after rows were added, removed or reordered (a baseline's
 * paired test on the rows both versions hold). A key is the first 32 bits of the sha256 of the
 * row's cells in the named columns, each written as the fingerprint writes a cell
 * (`CellWriter`: a type tag, so the number `1` and the string `"1"` differ; one NaN; -0 as 0;
 * objects with sorted keys), so equal rows get equal keys in every file format that gives the same
 * values of the same types.
 *
 * 32 bits, not more: the keys are stored in the baseline file (about 5.3 base64 characters a
 * row). Two different rows of one version share a key with probability about n^2 / 2^33 (3% at
 * 20,000 rows), and a row added since the baseline takes a removed row's key with probability
 * about added x removed / 2^32 (2 in 10,000 for 1,000 each). {@link matchRows} then pairs the
 * wrong two rows: one row's baseline output beside another row, noise in a paired test. A key is
 * no defence against data made to collide on purpose (finding a collision takes a second): it
 * matches rows of honest edits. Node's sha256 is the hash (a well-kept implementation; no key
 * library does more than that).
 */
import { createHash, type Hash } from 'node:crypto'
import { CellWriter } from './fingerprint.js'

/** A column as the loader and the run table hold it (only `kind` and `values` are read). */
export type KeyedColumn =
  | { kind: 'number'; values: ArrayLike<number> }
  | { kind: 'string'; values: readonly string[] }
  | { kind: 'mixed'; values: readonly unknown[] }

/**
 * The key of every row over `columns` (in that order; each `rowCount` long).
 * @example rowKeys([{ kind: 'string', values: ['a', 'b', 'a'] }], 3) // Uint32Array [k1, k2, k1]
 */
export function rowKeys(columns: readonly KeyedColumn[], rowCount: number): Uint32Array {
  const keys = new Uint32Array(rowCount)
  let hash: Hash = createHash('sha256')
  const writer = new CellWriter({ update: (data) => hash.update(data) })
  for (let row = 0; row < rowCount; row++) {
    hash = createHash('sha256')
    for (const column of columns) writeCell(writer, column, row)
    writer.flush()
    keys[row] = hash.digest().readUInt32LE(0)
  }
  return keys
}

/** Writes one cell on its own (no back-references to earlier rows' strings), as the fingerprint writes it. */
function writeCell(writer: CellWriter, column: KeyedColumn, row: number): void {
  writer.startColumn()
  if (column.kind === 'number') writer.number(column.values[row]!)
  else writer.value(column.values[row])
}

/**
 * 16 bits of each cell's sha256 (the cell written as in {@link rowKeys}), column by column: the
 * result holds `columns.length` runs of `rowCount` values. Stored beside the row keys, they let
 * the rows be matched on a subset of their columns when a column was dropped or rewritten in
 * most rows ({@link keysOfCells}).
 * @example cellHashes([{ kind: 'number', values: [1, 1] }], 2) // Uint16Array [h, h]
 */
export function cellHashes(columns: readonly KeyedColumn[], rowCount: number): Uint16Array {
  const out = new Uint16Array(columns.length * rowCount)
  let hash: Hash = createHash('sha256')
  const writer = new CellWriter({ update: (data) => hash.update(data) })
  columns.forEach((column, c) => {
    for (let row = 0; row < rowCount; row++) {
      hash = createHash('sha256')
      writeCell(writer, column, row)
      writer.flush()
      out[c * rowCount + row] = hash.digest().readUInt16LE(0)
    }
  })
  return out
}

/**
 * A column's share of a row's key from its cell hash ({@link keysOfCells}): MurmurHash3's
 * finalizer of the hash and the column's position, so equal cells of two columns differ.
 */
export function cellKeyPart(hash: number, column: number): number {
  let h = Math.imul(hash ^ Math.imul(column + 1, 0x9e3779b9), 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * A 32-bit key per row from the cell hashes ({@link cellHashes}: `rowCount` values per column) of
 * the columns at `picked`: the XOR of their {@link cellKeyPart}s, so rows equal in those cells get
 * equal keys, and a column is taken out of every key by XOR-ing its parts again. Two picked
 * columns give 32 bits of hash; one gives 16 (the caller keeps at least two).
 * @example keysOfCells(Uint16Array.of(1, 2, 3, 4), 2, [0, 1]) // Uint32Array [k(1, 3), k(2, 4)]
 */
export function keysOfCells(cells: Uint16Array, rowCount: number, picked: readonly number[]): Uint32Array {
  const keys = new Uint32Array(rowCount)
  for (const c of picked) for (let row = 0; row < rowCount; row++) keys[row] ^= cellKeyPart(cells[c * rowCount + row]!, c)
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
    const queue = queues.get(stored[j]!)
    if (queue) queue.push(j)
    else queues.set(stored[j]!, [j])
  }
  const next = new Map<number, number>()
  const out = new Int32Array(current.length).fill(-1)
  for (let i = 0; i < current.length; i++) {
    const queue = queues.get(current[i]!)
    if (!queue) continue
    const at = next.get(current[i]!) ?? 0
    if (at < queue.length) {
      out[i] = queue[at]!
      next.set(current[i]!, at + 1)
    }
  }
  return out
}

/** A key column left out of a match ({@link matchOnKeptCells}): gone from the data, or changed in most rows. */
export interface LeftOutColumn {
  column: string
  why: 'gone' | 'changed'
}

/** How many of `current`'s keys find a stored one (one to one). */
function matchCount(stored: Uint32Array, current: Uint32Array): number {
  let count = 0
  for (const j of matchRows(stored, current)) if (j >= 0) count++
  return count
}

/** How many of `current`'s cell hashes are among `stored`'s (each stored one used once). */
function sharedCells(stored: Uint16Array, current: Uint16Array): number {
  const counts = new Uint32Array(65_536)
  for (const h of stored) counts[h]++
  let shared = 0
  for (const h of current) {
    if (counts[h]! > 0) {
      counts[h]--
      shared++
    }
  }
  return shared
}

/**
 * The rows of two versions of the data matched on the key columns that are in both and did not
 * change in most rows, from their cell hashes ({@link cellHashes}): `stored` holds the stored
 * version's cells over `columns` and its whole-row keys, `current.cellsOf(name)` the current
 * version's cells of a column (undefined: gone). Undefined when no column is left out or the
 * targets (`target`, a name in `columns`) are gone; refused, with the reason, when fewer than
 * two columns are left (a key of the targets alone tells few rows apart) or the kept columns tell
 * the stored rows apart less well than all of them do (fewer than 90% as many distinct keys: a
 * class and a region alone would pair arbitrary rows of one class and region).
 *
 * A column is left out when it is gone; when fewer than half of the current cells in it are among
 * the stored ones (a rewritten notes or export-date column); or, one at a time, when it differs
 * in at least half of the rows that match on the other kept columns (a column reshuffled among few
 * values). The targets are always kept: a row whose target changed is another row. Nor is there a
 * match unless two kept columns besides the targets have mostly distinct values (half as many
 * distinct cells as rows): one such column alone, a row number or id that new rows may reuse,
 * would pair new examples with the rows they replaced.
 */
export function matchOnKeptCells(
  stored: { cells: Uint16Array; rowCount: number; keys: Uint32Array },
  current: { rowCount: number; cellsOf: (column: string) => Uint16Array | undefined },
  columns: readonly string[],
  target: string | undefined,
): { storedRowOf: Int32Array; leftOut: LeftOutColumn[] } | { refused: string; leftOut: LeftOutColumn[]; identifying?: string } | undefined {
  const storedRows = stored.rowCount
  const currentRows = current.rowCount
  const least = Math.min(storedRows, currentRows)
  if (least === 0 || stored.cells.length !== columns.length * storedRows) return undefined
  const storedCells = stored.cells
  const currentCells = new Uint16Array(columns.length * currentRows)
  const leftOut: LeftOutColumn[] = []
  const kept: number[] = []
  columns.forEach((name, c) => {
    const cells = current.cellsOf(name)
    if (!cells) {
      leftOut.push({ column: name, why: 'gone' })
      return
    }
    currentCells.set(cells, c * currentRows)
    if (name !== target && sharedCells(storedCells.subarray(c * storedRows, (c + 1) * storedRows), cells) < least / 2) leftOut.push({ column: name, why: 'changed' })
    else kept.push(c)
  })
  if (target !== undefined && !kept.some((c) => columns[c] === target)) return undefined
  const storedKeys = keysOfCells(storedCells, storedRows, kept)
  const currentKeys = keysOfCells(currentCells, currentRows, kept)
  const leave = (keys: Uint32Array, cells: Uint16Array, rows: number, c: number): Uint32Array => keys.map((key, row) => (key ^ cellKeyPart(cells[c * rows + row]!, c)) >>> 0)
  let count = matchCount(storedKeys, currentKeys)
  while (kept.length > 2) {
    let best: { c: number; count: number } | undefined
    for (const c of kept) {
      if (columns[c] === target) continue
      const n = matchCount(leave(storedKeys, storedCells, storedRows, c), leave(currentKeys, currentCells, currentRows, c))
      if (!best || n > best.count) best = { c, count: n }
    }
    // Left out when the rows that match without it differ in it at least half of the time.
    if (!best || best.count === count || best.count - count < best.count / 2) break
    storedKeys.set(leave(storedKeys, storedCells, storedRows, best.c))
    currentKeys.set(leave(currentKeys, currentCells, currentRows, best.c))
    kept.splice(kept.indexOf(best.c), 1)
    leftOut.push({ column: columns[best.c]!, why: 'changed' })
    count = best.count
  }
  if (leftOut.length === 0) return undefined
  const without = leftOut.map(({ column, why }) => `${JSON.stringify(column)} (${why === 'gone' ? 'gone' : 'changed in most rows'})`).join(', ')
  if (kept.length < 2) return { refused: `without ${without} no column but the targets is left to tell the rows apart`, leftOut }
  const distinct = new Set(storedKeys).size / new Set(stored.keys).size
  if (distinct < 0.9) {
    return { refused: `without ${without} the other columns tell too few of the baseline's rows apart (${Math.floor(distinct * 100)}% as many distinct keys; a cell's hash keeps 16 bits)`, leftOut }
  }
  // Two kept columns (besides the targets) whose cells are mostly distinct must vouch for each
  // pair: with one alone (a row number, an id) new examples under reused ids pair with the rows
  // they replaced, and a column left out because fewer of its cells survived (x, the examples'
  // own feature) cannot tell that from a rewrite (adversarial passes 26 and 27).
  const identifying = kept.filter((c) => columns[c] !== target && new Set(storedCells.subarray(c * storedRows, (c + 1) * storedRows)).size >= storedRows / 2)
  if (identifying.length < 2) {
    const named = identifying.map((c) => JSON.stringify(columns[c])).join('')
    return { refused: `without ${without} ${identifying.length === 0 ? 'no column with mostly distinct values is left' : `only ${named} has mostly distinct values, and one such column alone (it may be a row number or an id, which new rows can reuse) does not tell a rewritten column from rows replaced by new ones`}`, leftOut, ...(identifying.length === 1 ? { identifying: columns[identifying[0]!]! } : {}) }
  }
  return { storedRowOf: matchRows(storedKeys, currentKeys), leftOut }
}
