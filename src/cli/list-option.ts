import { InvalidArgumentError } from 'commander'
import { parseColumnList } from '../run/slice-key.js'

/** `a,b,c` → `['a', 'b', 'c']` (spaces around names trimmed; empty entries rejected). */
export function parseNameList(text: string): string[] {
  const names = text.split(',').map((name) => name.trim())
  if (names.length === 0 || names.some((name) => name === '')) {
    throw new InvalidArgumentError(`expected comma-separated names such as a,b,c; got "${text}"`)
  }
  return names
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
