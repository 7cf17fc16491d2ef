/**
 * CSV writing for the results folder: RFC 4180 quoting (fields with a comma, quote, CR or LF
 * are quoted, quotes doubled, CRLF line ends; also a semicolon or tab, the separators Excel
 * uses in many locales) and spreadsheet formula neutralisation.
 *
 * Written by hand on purpose: the rules are a dozen lines, and the CSV libraries on npm
 * (csv-stringify, papaparse) do not neutralise formula cells the way OWASP recommends without
 * the same amount of code around them.
 */

import { showControls } from '../run/visible-controls.js'

const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
/**
 * Where a spreadsheet may start another cell inside this one: the separators other than the
 * comma it may split a line on (Excel's `;` in many locales, tab), and line breaks, which end the
 * row when the file is read with one of those (the comma file's quotes then sit mid-field, so
 * they no longer hold the break).
 */
const OTHER_SEPARATOR = /(\r\n|[;\t\r\n])/
/** What starts a formula once a `;`, tab or line break split the cell: a formula character, maybe after the quotes a reader strips. */
const FORMULA_AFTER_SEPARATOR = /^"*[=+\-@\r]/

/**
 * Neutralises a cell a spreadsheet would execute (starting with `=`, `+`, `-`, `@`, tab or
 * CR) by prefixing `'`. Plain numbers, negative ones included, are left as numbers. A part of
 * the cell after a `;` or tab becomes a cell of its own when the file is read with that
 * separator (Excel's default in many locales), and a part after a line break the first cell of a
 * row then, so such a part is neutralised the same way.
 *
 * @example neutraliseCsvCell('=HYPERLINK("http://x")') // `'=HYPERLINK("http://x")`
 * @example neutraliseCsvCell('-1.5') // '-1.5'
 * @example neutraliseCsvCell("hi;=cmd|' /C calc'!A0") // `hi;'=cmd|' /C calc'!A0`
 * @example neutraliseCsvCell('a\r\n=1+1') // `a\r\n'=1+1`
 */
export function neutraliseCsvCell(text: string): string {
  const [first, ...rest] = text.split(OTHER_SEPARATOR)
  const head = FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'` : ''
  if (rest.length === 0) return head + text
  // rest alternates separator, part, separator, part, ...
  return head + first + rest.map((part, i) => (i % 2 === 1 && isFormulaPart(part) ? `'${part}` : part)).join('')
}

/** Whether a part after a `;`, tab or line break would start a formula, as a cell of its own (a plain number would not). */
function isFormulaPart(part: string): boolean {
  return FORMULA_AFTER_SEPARATOR.test(part) && !PLAIN_NUMBER.test(part)
}

/** Turns any cell value into its CSV text (before quoting): numbers in full precision; control characters other than tab, CR and LF made visible (`\x1b`). */
export function csvCellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : String(value)
  if (typeof value === 'string') return neutraliseCsvCell(showControls(value))
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (value instanceof Date) return value.toISOString()
  return neutraliseCsvCell(showControls(JSON.stringify(value)))
}

/**
 * Quotes one field per RFC 4180 when it holds a comma, a quote, CR or LF, and also when it holds
 * a semicolon or tab, so a reader using either as the separator keeps the field whole.
 *
 * @example quoteCsvField('hi;there') // '"hi;there"'
 */
export function quoteCsvField(text: string): string {
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * Writes a CSV document (header + rows, CRLF line ends as RFC 4180 says).
 *
 * @example toCsv(['a', 'b'], [{ a: 1, b: 'x,y' }]) // 'a,b\r\n1,"x,y"\r\n'
 */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const lines = [columns.map((c) => quoteCsvField(csvCellText(c))).join(',')]
  for (const row of rows) {
    lines.push(columns.map((c) => quoteCsvField(csvCellText(row[c]))).join(','))
  }
  return `${lines.join('\r\n')}\r\n`
}
