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

type BuilderState = 'number' | 'string' | 'mixed'

/**
 * Builds one column cell by cell, choosing the narrowest storage that holds every cell:
 * a Float64Array while every cell is a number, interned strings while every cell is a string,
 * and a plain array otherwise. Used by every loader, so CSV, JSON Lines, JSON and Parquet
 * columns are typed the same way.
 */
export class ColumnBuilder {
  private state: BuilderState = 'number'
  private numbers = new Float64Array(1024)
  private strings: string[] = []
  private mixed: unknown[] = []
  private readonly interned = new Map<string, string>()
  private count = 0

  get length(): number {
    return this.count
  }

  /** Adds a CSV cell: a canonical number string becomes a number, anything else stays text. */
  addText(text: string): void {
    if (this.state === 'number') {
      const value = parseCanonicalNumber(text)
      if (value !== undefined) {
        this.pushNumber(value)
        return
      }
      this.numbersToStrings()
    }
    if (this.state === 'string') {
      this.strings.push(this.intern(text))
    } else {
      this.mixed.push(this.intern(text))
    }
    this.count++
  }

  /** Adds a typed value (JSON, Parquet): numbers, strings, booleans, null, anything else. */
  addValue(value: unknown): void {
    if (typeof value === 'number' && this.state === 'number') {
      this.pushNumber(value)
      return
    }
    if (typeof value === 'string') {
      if (this.state === 'number' && this.count === 0) this.state = 'string'
      if (this.state === 'string') {
        this.strings.push(this.intern(value))
        this.count++
        return
      }
    }
    if (this.state !== 'mixed') this.toMixed()
    this.mixed.push(typeof value === 'string' ? this.intern(value) : value === undefined ? null : value)
    this.count++
  }

  /** The finished column. The builder must not be used afterwards. */
  finish(): Column {
    if (this.state === 'number') {
      return { kind: 'number', values: this.numbers.slice(0, this.count) }
    }
    if (this.state === 'string') return { kind: 'string', values: this.strings }
    return { kind: 'mixed', values: this.mixed }
  }

  private pushNumber(value: number): void {
    if (this.count === this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2)
      grown.set(this.numbers)
      this.numbers = grown
    }
    this.numbers[this.count++] = value
  }

  /** Numbers seen so far were canonical text, so `String(n)` gives back exactly what was read. */
  private numbersToStrings(): void {
    const strings = new Array<string>(this.count)
    for (let i = 0; i < this.count; i++) strings[i] = this.intern(String(this.numbers[i]))
    this.strings = strings
    this.numbers = new Float64Array(0)
    this.state = 'string'
  }

  private toMixed(): void {
    if (this.state === 'number') {
      this.mixed = Array.from(this.numbers.subarray(0, this.count))
      this.numbers = new Float64Array(0)
    } else {
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
