import { ByteInterner } from './byte-interner.js'
import { codedStringColumn, decodeStrings } from './coded-strings.js'
import { decodeUtf8 } from './utf8-text.js'
import type { Column } from './types.js'

/** Distinct strings a column interns before it stops adding new ones (ids, free text). */
const MAX_INTERNED = 100_000

/**
 * Whether `text` is a number written the way JavaScript writes it back (`String(Number(s)) ===
 * s`): `1`, `0.25`, `-3`, but not `007`, `1.0`, `+1`, ` 1` or an empty cell. Such cells round-trip
 * exactly, so storing them as numbers loses nothing.
 */
export function parseCanonicalNumber(text: string): number | undefined {
  const length = text.length
  if (length === 0) return undefined
  // Cheap rejection before Number(): a canonical number starts with a digit or '-' and ends
  // with a digit (Infinity and NaN are not accepted as numbers here).
  const first = text.charCodeAt(0)
  if (!((first >= 48 && first <= 57) || first === 45)) return undefined
  const last = text.charCodeAt(length - 1)
  if (!(last >= 48 && last <= 57)) return undefined
  const value = Number(text)
  if (Number.isNaN(value)) return undefined
  // Fast path for plain integers without leading zeros: always canonical up to 15 digits.
  if (length < 16 && isPlainInteger(text)) return value
  return String(value) === text ? value : undefined
}

function isPlainInteger(text: string): boolean {
  let i = text.charCodeAt(0) === 45 ? 1 : 0
  if (i === text.length) return false
  if (text.charCodeAt(i) === 48) return text.length === i + 1 && i === 0
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k)

/**
 * Fast path of `parseCanonicalNumber` over bytes, for the common shape `-?(0|[1-9]\d*)(\.\d*[1-9])?`
 * with at most 15 significant digits, at most 15 integer digits and a value of 0 or at least
 * 1e-6 in size. Such text is exactly how JavaScript prints the number, and
 * `mantissa / 10^decimals` (both exact doubles) is the correctly rounded value, i.e. `Number(s)`.
 * Returns NaN when the text has another shape; the caller then takes the general path.
 */
export function parsePlainDecimal(buffer: Uint8Array, start: number, end: number): number {
  return storePlainDecimal(buffer, start, end, SCRATCH, 0) ? SCRATCH[0] : Number.NaN
}

const SCRATCH = new Float64Array(1)

/**
 * {@link parsePlainDecimal} storing the value at `out[index]`; false (nothing stored) when the
 * text has another shape. The CSV loader's form: a double returned from a call V8 does not
 * inline is a fresh heap number, 16 bytes of garbage per number cell (80 MB of young-generation
 * garbage, some 40 scavenges, while loading the 1,000,000-row benchmark file); stored into the
 * column's array it is none.
 */
function storePlainDecimal(buffer: Uint8Array, start: number, end: number, out: Float64Array, index: number): boolean {
  let i = start
  const negative = buffer[i] === 45
  if (negative) i++
  if (i >= end) return false
  let mantissa = 0
  let significant = 0
  const integerStart = i
  if (buffer[i] === 48) {
    i++
  } else {
    while (i < end) {
      const c = buffer[i] - 48
      if (c < 0 || c > 9) break
      mantissa = mantissa * 10 + c
      i++
    }
    significant = i - integerStart
    if (significant === 0 || significant > 15) return false
  }
  let decimals = 0
  if (i < end) {
    if (buffer[i] !== 46) return false
    i++
    const fractionStart = i
    let leadingZeros = mantissa === 0
    let zeros = 0
    while (i < end) {
      const c = buffer[i] - 48
      if (c < 0 || c > 9) return false
      mantissa = mantissa * 10 + c
      if (leadingZeros) {
        if (c === 0) zeros++
        else leadingZeros = false
      }
      if (!leadingZeros) significant++
      i++
    }
    decimals = i - fractionStart
    // Needs a last digit that is not 0, a value >= 1e-6, and exact arithmetic.
    if (decimals === 0 || buffer[end - 1] === 48 || zeros > 5 || significant > 15 || decimals > 22) return false
  }
  if (negative && mantissa === 0) return false // "-0" prints as "0"
  const value = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals]
  out[index] = negative ? -value : value
  return true
}

type BuilderState = 'number' | 'coded' | 'string' | 'mixed'

/**
 * Builds one column cell by cell, choosing the narrowest storage that holds every cell:
 * a Float64Array while every cell is a number, interned strings while every cell is a string,
 * and a plain array otherwise. Used by every loader, so CSV, JSON Lines, JSON and Parquet
 * columns are typed the same way. CSV text cells are dictionary-coded (`coded`: an Int32Array
 * of codes and the distinct strings, see `coded-strings.ts`) while the column has at most
 * 100,000 distinct values; past that, and on any typed (JSON, Parquet) cell, the column becomes
 * an array of strings.
 */
export class ColumnBuilder {
  private state: BuilderState = 'number'
  private numbers = new Float64Array(1024)
  private strings: string[] = []
  private mixed: unknown[] = []
  private readonly interned = new Map<string, string>()
  /** Coded state: one code per cell, the distinct strings, and each string's code. */
  private codes = new Int32Array(0)
  private dictionary: string[] = []
  private codeOf = new Map<string, number>()
  /** Created on the first CSV text cell (JSON and Parquet columns never need it). */
  private byteInterner: ByteInterner | undefined
  private count = 0
  /** Cells came as text (CSV): a string column is marked `untyped`. */
  private fromText = false

  get length(): number {
    return this.count
  }

  /** Adds a CSV cell: a canonical number string becomes a number, anything else stays text. */
  addText(text: string): void {
    this.fromText = true
    if (this.state === 'number') {
      const value = parseCanonicalNumber(text)
      if (value !== undefined) {
        this.pushNumber(value)
        return
      }
      this.numbersToCoded()
    }
    if (this.state === 'coded') {
      const code = this.codeFor(text)
      if (code >= 0) {
        this.pushCode(code)
        return
      }
    }
    if (this.state === 'string') {
      this.pushString(this.intern(text))
    } else {
      this.mixed.push(this.intern(text))
    }
    this.count++
  }

  /**
   * Adds a CSV field straight from the file's bytes: plain decimal numbers are parsed without
   * becoming strings, text already seen in a coded column is found by its bytes; anything else
   * is decoded (doubled quotes undone) and added as text.
   */
  addCsvField(buffer: Buffer, start: number, end: number, escaped: boolean): void {
    if (!escaped) {
      if (this.state === 'number') {
        if (this.count === this.numbers.length) this.growNumbers()
        if (storePlainDecimal(buffer, start, end, this.numbers, this.count)) {
          this.count++
          return
        }
      } else if (this.state === 'coded') {
        this.byteInterner ??= new ByteInterner()
        const known = this.byteInterner.get(buffer, start, end)
        if (known >= 0) {
          this.pushCode(known)
          return
        }
      }
    }
    this.addDecodedField(buffer, start, end, escaped)
  }

  /**
   * {@link addCsvField} for a field that is not a plain decimal in a number column nor a known
   * value in a coded column: decoded and added as text. A method of its own, so that the hot part
   * above stays small enough for V8 to inline into the loader's loop with its callees.
   */
  private addDecodedField(buffer: Buffer, start: number, end: number, escaped: boolean): void {
    const text = decodeUtf8(buffer, start, end)
    if (escaped) {
      this.addText(text.replaceAll('""', '"'))
      return
    }
    this.addText(text)
    if (this.state === 'coded' && this.byteInterner !== undefined && !this.byteInterner.full) {
      this.byteInterner.set(buffer, start, end, this.codes[this.count - 1])
    }
  }

  /** Adds a typed value (JSON, Parquet): numbers, strings, booleans, null, anything else. */
  addValue(value: unknown): void {
    if (this.state === 'coded') this.codedToStrings()
    if (typeof value === 'number' && this.state === 'number') {
      this.pushNumber(value)
      return
    }
    if (typeof value === 'string') {
      if (this.state === 'number' && this.count === 0) this.state = 'string'
      if (this.state === 'string') {
        this.pushString(this.intern(value))
        this.count++
        return
      }
    }
    if (this.state !== 'mixed') this.toMixed()
    this.mixed.push(typeof value === 'string' ? this.intern(value) : value === undefined ? null : value)
    this.count++
  }

  /**
   * Makes room for `rows` cells in a number or coded column, so a loader that can estimate its
   * row count (CSV: from the file size) fills one array instead of doubling and copying it.
   */
  reserve(rows: number): void {
    if (this.state === 'number' && rows > this.numbers.length) {
      const grown = new Float64Array(rows)
      grown.set(this.numbers.subarray(0, this.count))
      this.numbers = grown
    } else if (this.state === 'coded' && rows > this.codes.length) {
      const grown = new Int32Array(rows)
      grown.set(this.codes.subarray(0, this.count))
      this.codes = grown
    } else if (this.state === 'string' && rows > this.strings.length) {
      // Filled, so the array holds strings only; `pushString` then writes in place, about four
      // times as fast as `push` growing the array (measured on 1,000,000 cells).
      const grown = new Array<string>(rows).fill('')
      for (let i = 0; i < this.count; i++) grown[i] = this.strings[i]
      this.strings = grown
    }
  }

  /**
   * The finished column. The builder must not be used afterwards. A number (or coded) column
   * is a view of the builder's array when at most an eighth of it is unused (no copy), else a
   * trimmed copy.
   */
  finish(): Column {
    if (this.state === 'number') return { kind: 'number', values: trimmed(this.numbers, this.count) }
    if (this.state === 'coded') return codedStringColumn(trimmed(this.codes, this.count), this.dictionary, this.fromText)
    if (this.state === 'string') {
      if (this.strings.length > this.count) this.strings.length = this.count
      return this.fromText ? { kind: 'string', values: this.strings, untyped: true } : { kind: 'string', values: this.strings }
    }
    return { kind: 'mixed', values: this.mixed }
  }

  /** Stores the string cell at `count` (in a reserved slot, or pushed). The caller counts it. */
  private pushString(text: string): void {
    if (this.count < this.strings.length) this.strings[this.count] = text
    else this.strings.push(text)
  }

  private pushNumber(value: number): void {
    if (this.count === this.numbers.length) this.growNumbers()
    this.numbers[this.count++] = value
  }

  private growNumbers(): void {
    const grown = new Float64Array(this.numbers.length * 2)
    grown.set(this.numbers)
    this.numbers = grown
  }

  private pushCode(code: number): void {
    if (this.count === this.codes.length) {
      const grown = new Int32Array(Math.max(1024, this.codes.length * 2))
      grown.set(this.codes)
      this.codes = grown
    }
    this.codes[this.count++] = code
  }

  /**
   * The code of `text` in the coded column, a new one when it is new; -1 when the dictionary is
   * full, after turning the column into strings (the caller then adds `text` as a string).
   */
  private codeFor(text: string): number {
    const known = this.codeOf.get(text)
    if (known !== undefined) return known
    if (this.dictionary.length >= MAX_INTERNED) {
      this.codedToStrings()
      return -1
    }
    const code = this.dictionary.length
    this.dictionary.push(text)
    this.codeOf.set(text, code)
    return code
  }

  /** Numbers seen so far were canonical text, so `String(n)` gives back exactly what was read. */
  private numbersToCoded(): void {
    const numbers = this.numbers.subarray(0, this.count)
    this.numbers = new Float64Array(0)
    this.codes = new Int32Array(Math.max(1024, numbers.length))
    this.count = 0
    this.state = 'coded'
    for (let i = 0; i < numbers.length; i++) {
      const text = String(numbers[i])
      if (this.state === 'coded') {
        const code = this.codeFor(text)
        if (code >= 0) {
          this.pushCode(code)
          continue
        }
      }
      this.pushString(this.intern(text))
      this.count++
    }
  }

  /** The coded cells as strings; the dictionary's strings are the interned ones from here on. */
  private codedToStrings(): void {
    const strings = decodeStrings(this.codes.subarray(0, this.count), this.dictionary)
    for (const text of this.dictionary) if (this.interned.size < MAX_INTERNED) this.interned.set(text, text)
    this.strings = strings
    this.codes = new Int32Array(0)
    this.dictionary = []
    this.codeOf = new Map()
    this.byteInterner = undefined
    this.state = 'string'
  }

  private toMixed(): void {
    if (this.state === 'number') {
      this.mixed = Array.from(this.numbers.subarray(0, this.count))
      this.numbers = new Float64Array(0)
    } else {
      if (this.strings.length > this.count) this.strings.length = this.count
      this.mixed = this.strings
      this.strings = []
    }
    this.state = 'mixed'
  }

  private intern(text: string): string {
    const known = this.interned.get(text)
    if (known !== undefined) return known
    if (this.interned.size < MAX_INTERNED) this.interned.set(text, text)
    return text
  }
}

/** `array[0, count)`: a view when at most an eighth of the array is unused, else a copy. */
function trimmed<T extends Float64Array | Int32Array>(array: T, count: number): T {
  const unused = array.length - count
  return (unused <= count >> 3 ? array.subarray(0, count) : array.slice(0, count)) as T
}
