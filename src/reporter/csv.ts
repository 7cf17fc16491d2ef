/**
 * CSV writing for the results folder: RFC 4180 quoting (fields with a comma, quote, CR or LF
 * are quoted, quotes doubled, CRLF line ends) and spreadsheet formula neutralisation.
 *
 * Written by hand on purpose: the rules are a dozen lines, and the CSV libraries on npm
 * (csv-stringify, papaparse) do not neutralise formula cells the way OWASP recommends without
 * the same amount of code around them.
 */

import { showControls } from './visible-controls.js'

const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/**
 * Neutralises a cell a spreadsheet would execute (starting with `=`, `+`, `-`, `@`, tab or
 * CR) by prefixing `'`. Plain numbers, negative ones included, are left as numbers.
 *
 * @example neutraliseCsvCell('=HYPERLINK("http://x")') // `'=HYPERLINK("http://x")`
 * @example neutraliseCsvCell('-1.5') // '-1.5'
 */
export function neutraliseCsvCell(text: string): string {
  if (!FORMULA_START.test(text)) return text
  if (PLAIN_NUMBER.test(text)) return text
  return `'${text}`
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

/** Quotes one field per RFC 4180 when it holds a comma, a quote, CR or LF. */
export function quoteCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
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
