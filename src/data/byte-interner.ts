/** Distinct values kept before the interner gives up (then the column is high-cardinality). */
const MAX_ENTRIES = 4096
const TABLE_SIZE = 16384 // power of two, 4x MAX_ENTRIES: short probe chains

/**
 * Finds the string already decoded for a run of bytes without decoding it again: a small
 * open-addressing hash table over the raw bytes of a low-cardinality column (labels, slice
 * values). Returns undefined for bytes it has not seen; stops learning past 4096 distinct
 * values, where decoding each cell is as cheap as looking it up.
 */
export class ByteInterner {
  private readonly keys: Array<Uint8Array | undefined> = new Array(TABLE_SIZE)
  private readonly texts: Array<string | undefined> = new Array(TABLE_SIZE)
  private size = 0

  get full(): boolean {
    return this.size >= MAX_ENTRIES
  }

  /** The string stored for `buffer[start, end)`, if any. */
  get(buffer: Uint8Array, start: number, end: number): string | undefined {
    let slot = hashBytes(buffer, start, end) & (TABLE_SIZE - 1)
    const length = end - start
    for (;;) {
      const key = this.keys[slot]
      if (key === undefined) return undefined
      if (key.length === length && sameBytes(key, buffer, start, length)) return this.texts[slot]
      slot = (slot + 1) & (TABLE_SIZE - 1)
    }
  }

  /** Remembers `text` as the decoding of `buffer[start, end)` (unless full). */
  set(buffer: Uint8Array, start: number, end: number, text: string): void {
    if (this.size >= MAX_ENTRIES) return
    let slot = hashBytes(buffer, start, end) & (TABLE_SIZE - 1)
    while (this.keys[slot] !== undefined) slot = (slot + 1) & (TABLE_SIZE - 1)
    this.keys[slot] = Uint8Array.prototype.slice.call(buffer, start, end)
    this.texts[slot] = text
    this.size++
  }
}

/** FNV-1a over the bytes. */
function hashBytes(buffer: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ buffer[i], 0x01000193)
  return hash >>> 0
}

function sameBytes(key: Uint8Array, buffer: Uint8Array, start: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (key[i] !== buffer[start + i]) return false
  return true
}
