/**
 * Class labels in an EvalRun are canonical strings: `String(value)`, so a CSV cell `"1"` and a
 * model's `1` are the same class. Order: numeric when every label reads as a finite number,
 * otherwise Unicode code-point order (as NumPy's `np.unique` orders Python strings).
 *
 * Numeric targets: when the targets are numbers (a number column, or CSV text whose every target
 * cell reads as a decimal number, as pandas reads such a column as numbers), every label that
 * reads as a decimal number is compared as its number: `"1.0"`, `"1"`, `"1e0"` and `1` are one
 * class named `"1"`, `"-0"` is `"0"`, `"1e3"` is `"1000"`. Otherwise labels are compared exactly
 * as written, so `"007"` and `"7"` in a column that also holds text stay two classes, as
 * scikit-learn keeps two different strings apart.
 */

/** The canonical string of a label value (`1` -> `"1"`, `true` -> `"true"`). */
export function canonicalLabel(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value)
}

/** A decimal number as written in data: `1`, `-0.5`, `1.0`, `.5`, `3e-4` (no spaces, no hex). */
const DECIMAL_LABEL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * The label a decimal number spells, as JavaScript writes that number (`"1.0"` -> `"1"`,
 * `"-0"` -> `"0"`, `"1e3"` -> `"1000"`); undefined for anything else (`"abc"`, `" 1"`, `"0x1"`,
 * `"NaN"`, `"1e999"`). Used to compare labels when the targets are numeric. An integer written
 * without a point or exponent that no double holds (an id above 2^53, `"9007199254740993"`) keeps
 * its digits, as pandas reads a column of integers as int64: as a double it became its
 * neighbour's label, and two ids one class (adversarial pass 68: accuracy 1 where scikit-learn
 * gives 0.6).
 */
export function numericLabel(label: string): string | undefined {
  if (!DECIMAL_LABEL.test(label)) return undefined
  const value = Number(label)
  if (!Number.isFinite(value)) return undefined
  const shortest = String(value)
  const integer = /^([+-]?)0*(\d+)$/.exec(label)
  if (integer === null || Number.isSafeInteger(value)) return shortest
  return `${integer[1] === '-' ? '-' : ''}${integer[2]}`
}

/** The texts pandas' `read_csv` reads as a missing value besides the empty cell and NaN's spellings (its `na_values`). */
export const MISSING_MARKERS: ReadonlySet<string> = new Set(['NA', 'N/A', 'n/a', '#N/A', '#N/A N/A', '#NA', '<NA>', 'NULL', 'null', 'None', '-1.#IND', '1.#IND', '-1.#QNAN', '1.#QNAN'])

/** Whether a label is a spelling of NaN (`NaN`, `nan`, `-nan`): a missing value, never a class. */
export function isNaNLabel(label: string): boolean {
  return /^[+-]?nan$/i.test(label)
}

/** Whether a canonical label reads as a finite number (`"1"`, `"-0.5"`, `"1e3"`). */
export function isNumericLabel(label: string): boolean {
  return label.trim() !== '' && Number.isFinite(Number(label))
}

/** Compares two strings by Unicode code points (not UTF-16 code units). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i)
    const cb = b.charCodeAt(i)
    if (ca === cb) continue
    const aSurrogate = ca >= 0xd800 && ca <= 0xdfff
    const bSurrogate = cb >= 0xd800 && cb <= 0xdfff
    // A surrogate pair encodes a code point above every BMP character.
    if (aSurrogate !== bSurrogate) return aSurrogate ? 1 : -1
    return ca - cb
  }
  return a.length - b.length
}

/**
 * Sorts canonical labels: numerically when all are numeric (ties between spellings such as
 * `"1"` and `"1.0"` broken by code points), else by code points. Returns a new array.
 */
export function sortLabels(labels: Iterable<string>): string[] {
  const out = [...labels]
  if (out.every(isNumericLabel)) {
    out.sort((a, b) => Number(a) - Number(b) || compareCodePoints(a, b))
  } else {
    out.sort(compareCodePoints)
  }
  return out
}

/**
 * The run's label that `label` names: the label written the same way, else the one that spells the
 * same number (`'1.0'` or `1` for the class `"1"`, as `evaluate()` reads labels of numeric
 * targets; adversarial pass 68: `toHaveClassMetric('1.0', ...)` was "not found" where `posLabel:
 * '1.0'` worked); undefined when none does.
 * @example findLabel(['0', '1'], '1.0') // '1'
 */
export function findLabel(labels: readonly string[], label: string | number | boolean): string | undefined {
  const written = canonicalLabel(label)
  if (labels.includes(written)) return written
  const number = numericLabel(written)
  return number === undefined ? undefined : labels.find((candidate) => numericLabel(candidate) === number)
}
