import { InvalidArgumentError } from 'commander'
import { parseColumnList, splitUnescaped } from '../run/slice-key.js'

/**
 * `a,b,c` → `['a', 'b', 'c']`: spaces around names trimmed, a `\` before a `,` keeps it in the
 * name (`Paris\, TX`), as `--slice` reads them; or a JSON array of strings, taken as written
 * (`'[" tea","tea"]'`), for names with surrounding spaces. Empty entries are rejected, and so are
 * two entries that trimming makes one. A label with a comma or surrounding spaces could not be
 * given (adversarial pass 68, F6).
 */
export function parseNameList(text: string): string[] {
  if (text.trimStart().startsWith('[')) return jsonNameList(text)
  const raw = splitUnescaped(text, ',')
  const names = parseColumnList(text)
  if (names.length === 0 || names.some((name) => name === '')) {
    throw new InvalidArgumentError(`expected comma-separated names such as a,b,c (a \\ before a comma keeps it in a name), or a JSON array of names; got "${text}"`)
  }
  const twin = names.findIndex((name, i) => names.indexOf(name) !== i && raw[names.indexOf(name)] !== raw[i])
  if (twin >= 0) {
    const first = raw[names.indexOf(names[twin])]
    throw new InvalidArgumentError(`"${first}" and "${raw[twin]}" are one name once the spaces around them are trimmed; give names with surrounding spaces as a JSON array, e.g. '${JSON.stringify([first, raw[twin]])}'`)
  }
  return names
}

function jsonNameList(text: string): string[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new InvalidArgumentError(`expected a JSON array of names such as ["a","b"]; got "${text}", which is not JSON`)
  }
  // numbers are labels too (`[0,1]`: adversarial pass 69), as evaluate() reads them
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.some((name) => !(typeof name === 'string' && name !== '') && !(typeof name === 'number' && Number.isFinite(name)))) {
    throw new InvalidArgumentError(`expected a JSON array of non-empty strings or numbers such as ["a","b"]; got ${text}`)
  }
  return parsed.map(String)
}

/**
 * Collects a repeatable `--slice a` / `--slice a,b` option: a column, or a cross of columns. A
 * column whose name holds a comma is written with a `\` before it (`--slice 'a\,b'`).
 */
export function collectSlice(text: string, previous: Array<string | string[]> = []): Array<string | string[]> {
  const names = parseColumnList(text)
  if (names.some((name) => name === '')) {
    throw new InvalidArgumentError(`expected a column or comma-separated columns such as category,region; got "${text}"`)
  }
  return [...previous, names.length === 1 ? names[0] : names]
}

/** A whole number >= 0. */
export function parseCount(text: string): number {
  const value = Number(text)
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new InvalidArgumentError(`expected a whole number >= 0, got "${text}"`)
  }
  return value
}

/** A confidence level strictly between 0 and 1, such as 0.95. */
export function parseLevel(text: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value >= 1) {
    throw new InvalidArgumentError(`expected a level between 0 and 1 such as 0.95, got "${text}"`)
  }
  return value
}

/** A score threshold between 0 and 1 inclusive, such as 0.5. */
export function parseThreshold(text: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new InvalidArgumentError(`expected a score threshold between 0 and 1 such as 0.5, got "${text}"`)
  }
  return value
}
