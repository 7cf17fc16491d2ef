/** Distinct values kept before the interner gives up (then the column is high-cardinality). */
const MAX_ENTRIES = 4096
const TABLE_SIZE = 16384 // power of two, 4x MAX_ENTRIES: short probe chains

/**
 * Finds the code (an index into a column's dictionary of distinct strings) already given to a
 * run of bytes without decoding them again: a small open-addressing hash table over the raw
 * bytes of a low-cardinality column (labels, slice values). Returns -1 for bytes it has not
 * seen; stops learning past 4096 distinct values, where decoding each cell is as cheap as
 * looking it up.
 */
export class ByteInterner {
  private readonly keys: Array<Uint8Array | undefined> = new Array(TABLE_SIZE)
  private readonly codes = new Int32Array(TABLE_SIZE)
  private size = 0
  /**
   * A direct-mapped cache in front of the table, indexed by the length and the first, middle and
   * last bytes (no hash over every byte): a label column's few values each keep a slot, so most
   * cells cost one comparison. A value found in the table takes its slot.
   */
  private readonly quickKeys: Array<Uint8Array | undefined> = new Array(QUICK_SIZE)
  private readonly quickCodes = new Int32Array(QUICK_SIZE)

  get full(): boolean {
    return this.size >= MAX_ENTRIES
  }

  /**
   * The code stored for `buffer[start, end)`, or -1. Small, so that V8 inlines it into the
   * loader's loop: a cache hit (most cells of a label column) is then no call at all.
   */
  get(buffer: Uint8Array, start: number, end: number): number {
    const length = end - start
    const quick = length === 0 ? 0 : quickSlot(buffer, start, end)
    const cached = this.quickKeys[quick]
    if (cached !== undefined && cached.length === length && sameBytes(cached, buffer, start, length)) return this.quickCodes[quick]
    return this.probe(buffer, start, end, quick)
  }

  /** {@link get} past the cache: the table, whose hit then takes the cache slot `quick`. */
  private probe(buffer: Uint8Array, start: number, end: number, quick: number): number {
    const length = end - start
    let slot = hashBytes(buffer, start, end) & (TABLE_SIZE - 1)
    for (;;) {
      const key = this.keys[slot]
      if (key === undefined) return -1
      if (key.length === length && sameBytes(key, buffer, start, length)) {
        this.quickKeys[quick] = key
        this.quickCodes[quick] = this.codes[slot]
        return this.codes[slot]
      }
      slot = (slot + 1) & (TABLE_SIZE - 1)
    }
  }

  /** Remembers `code` for `buffer[start, end)` (unless full). */
  set(buffer: Uint8Array, start: number, end: number, code: number): void {
    if (this.size >= MAX_ENTRIES) return
    let slot = hashBytes(buffer, start, end) & (TABLE_SIZE - 1)
    while (this.keys[slot] !== undefined) slot = (slot + 1) & (TABLE_SIZE - 1)
    this.keys[slot] = Uint8Array.prototype.slice.call(buffer, start, end)
    this.codes[slot] = code
    this.size++
  }
}

/** Slots of the direct-mapped cache (a power of two). */
const QUICK_SIZE = 1024

/** The cache slot of a non-empty run of bytes: its length and first, middle and last bytes. */
function quickSlot(buffer: Uint8Array, start: number, end: number): number {
  const length = end - start
  return (Math.imul(Math.imul(Math.imul(length, 31) + buffer[start], 31) + buffer[start + (length >> 1)], 31) + buffer[end - 1]) & (QUICK_SIZE - 1)
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
