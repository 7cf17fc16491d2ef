/**
 * The slice-key codec: the one place that builds and reads slice keys. A key names one slice:
 * `column=value`, and for a cross of columns `column=value&column=value`, columns in the order
 * they were declared. Inside a column name or a value, the characters `&`, `=`, `,` and the
 * escape character `\` are written with a `\` before them, so every key reads back to exactly
 * the columns and values it was built from, and a value `a&b=c` never collides with the cross
 * `a` x `b=c`. Keys without those characters are the plain `column=value` text.
 *
 * Written by hand: the format is four characters over `String.replace`; a query-string library
 * (URLSearchParams) would percent-encode spaces and non-ASCII text, changing today's plain keys.
 */
import { ConfigError } from '../errors.js'

/** The columns and values of one slice key, in the key's order. */
export interface SliceKeyParts {
  columns: string[]
  values: string[]
}

const ESCAPE = '\\'
const SPECIAL = /[\\&=,]/g
const ESCAPED = /\\([\\&=,])/g

/**
 * The text of a slice value in its key: `String(value)`, `null` for a missing cell, JSON for an
 * object. Rows whose values have the same text are in the same slice.
 * @example sliceValueText(3) // '3'
 */
export function sliceValueText(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/**
 * A column name or value with `\`, `&`, `=` and `,` escaped for a slice key.
 * @example escapeSliceKeyPart('R&D') // 'R\\&D'
 */
export function escapeSliceKeyPart(text: string): string {
  return text.replace(SPECIAL, (c) => ESCAPE + c)
}

/**
 * The inverse of `escapeSliceKeyPart`. A `\` before any other character is kept as it is.
 * @example unescapeSliceKeyPart('R\\&D') // 'R&D'
 */
export function unescapeSliceKeyPart(text: string): string {
  return text.replace(ESCAPED, '$1')
}

/**
 * The key of the slice whose `columns` hold `values`.
 * @example buildSliceKey(['category', 'region'], ['billing', 'eu']) // 'category=billing&region=eu'
 * @example buildSliceKey(['dept'], ['R&D']) // 'dept=R\\&D'
 */
export function buildSliceKey(columns: readonly string[], values: readonly string[]): string {
  if (columns.length === 0 || columns.length !== values.length) {
    throw new RangeError(`buildSliceKey: expected one value per column, got ${columns.length} column(s) and ${values.length} value(s)`)
  }
  return columns.map((column, c) => `${escapeSliceKeyPart(column)}=${escapeSliceKeyPart(values[c])}`).join('&')
}

/** Splits `text` at each `separator` that is not escaped; the pieces keep their escapes. */
export function splitUnescaped(text: string, separator: '&' | '=' | ','): string[] {
  const pieces: string[] = []
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === ESCAPE) i++
    else if (c === separator) {
      pieces.push(text.slice(start, i))
      start = i + 1
    }
  }
  pieces.push(text.slice(start))
  return pieces
}

/** `[column, value]` of one `column=value` piece split at its first unescaped `=`, or undefined. */
function splitPair(piece: string): [string, string] | undefined {
  const [column, ...rest] = splitUnescaped(piece, '=')
  return rest.length === 0 ? undefined : [column, rest.join('=')]
}

/**
 * The columns and values of a key built by `buildSliceKey`; a `ConfigError` naming the problem
 * and the fix when `key` is not one.
 * @example parseSliceKey('dept=R\\&D&region=eu') // { columns: ['dept', 'region'], values: ['R&D', 'eu'] }
 */
export function parseSliceKey(key: string): SliceKeyParts {
  const problem = sliceKeyProblem(key)
  if (problem !== undefined) {
    throw new ConfigError(
      'INVALID_SLICE_KEY',
      `slice key "${key}" ${problem}; write column=value, join a cross with & (category=billing&region=eu), and put a \\ before any &, =, , or \\ inside a column name or value (dept=R\\&D)`,
    )
  }
  const columns: string[] = []
  const values: string[] = []
  for (const piece of splitUnescaped(key, '&')) {
    const [column, value] = splitPair(piece)!
    columns.push(unescapeSliceKeyPart(column))
    values.push(unescapeSliceKeyPart(value))
  }
  return { columns, values }
}

/** Whether `text` has a `\` that is not followed by one of the four escaped characters. */
function hasStrayEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ESCAPE) continue
    if (!'\\&=,'.includes(text[i + 1] ?? 'end')) return true
    i++
  }
  return false
}

/** What makes `key` not a built slice key, or undefined when it is one. */
function sliceKeyProblem(key: string): string | undefined {
  if (hasStrayEscape(key)) return 'has a \\ that escapes nothing'
  for (const piece of splitUnescaped(key, '&')) {
    const pair = splitPair(piece)
    if (pair === undefined) return `has a part "${piece}" without =`
    if (pair[0] === '') return `has a part "${piece}" without a column name`
    if (splitUnescaped(pair[1], '=').length > 1) return `has a part "${piece}" with an unescaped = in its value`
  }
  return undefined
}

/** Whether `key` reads back with `parseSliceKey`. */
export function isSliceKey(key: string): boolean {
  return sliceKeyProblem(key) === undefined
}

/**
 * The ways a person may have meant a slice name typed without escapes, most likely first: the
 * key as built (when it is one); the pieces without `=` joined back into the value before them
 * (`dept=R&D` is the column `dept` with the value `R&D`); and everything after the first `=` as
 * one value (`note=a&b=c` is `note` with the value `a&b=c`). Empty when `text` names no column.
 * @example sliceKeyReadings('dept=R&D') // [{ columns: ['dept'], values: ['R&D'] }]
 */
export function sliceKeyReadings(text: string): SliceKeyParts[] {
  const readings: SliceKeyParts[] = []
  const seen = new Set<string>()
  const add = (reading: SliceKeyParts | undefined): void => {
    if (reading === undefined || reading.columns.some((column) => column === '')) return
    const key = buildSliceKey(reading.columns, reading.values)
    if (seen.has(key)) return
    seen.add(key)
    readings.push(reading)
  }
  if (isSliceKey(text)) add(parseSliceKey(text))

  const joined: string[] = []
  for (const piece of splitUnescaped(text, '&')) {
    if (splitPair(piece) === undefined && joined.length > 0) joined[joined.length - 1] += `&${piece}`
    else joined.push(piece)
  }
  const pairs = joined.map(splitPair)
  if (pairs.every((pair) => pair !== undefined)) {
    add({ columns: pairs.map((pair) => unescapeSliceKeyPart(pair![0])), values: pairs.map((pair) => unescapeSliceKeyPart(pair![1])) })
  }

  const whole = splitPair(text)
  if (whole !== undefined) add({ columns: [unescapeSliceKeyPart(whole[0])], values: [unescapeSliceKeyPart(whole[1])] })
  return readings
}

/**
 * Column names from a comma-separated list (the CLI's `--slice a,b`); a `\` before a `,` keeps
 * it in the name, and names are trimmed.
 * @example parseColumnList('category, a\\,b') // ['category', 'a,b']
 */
export function parseColumnList(text: string): string[] {
  return splitUnescaped(text, ',').map((name) => unescapeSliceKeyPart(name.trim()))
}
