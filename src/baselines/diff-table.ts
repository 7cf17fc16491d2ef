/**
 * The failure table of `toMatchBaseline`: one line per compared metric with its baseline value,
 * current value, change (signed, with `better` / `worse` by the metric's direction), what was
 * allowed and the verdict; failing rows (FAIL, MISSING) first, then the others in the entry's
 * order (slice rows that did not fail counted in one line when there are many). Plain text with padded columns, so it reads the same in a terminal, a CI log and the
 * JUnit file; built by hand because it is one `padEnd` per cell (a table package such as
 * `cli-table3` draws box borders that CI logs and JUnit viewers mangle).
 */
import type { BaselineMetricVerdict } from '../run/verdicts.js'
import { formatMetricFixed, formatMetricFixedApart, formatPClause } from '../run/format-metric.js'
import { showControls } from '../run/visible-controls.js'

/** The metric and slice of a row, control and bidi characters from the data shown as escapes (`\\x1b`, `\\u202e`). */
function rowLabel(row: BaselineMetricVerdict): string {
  return showControls(row.slice === undefined ? row.metric : `${row.metric}[${row.slice}]`)
}

const VERDICT_WORDS: Record<BaselineMetricVerdict['verdict'], string> = {
  pass: 'pass',
  fail: 'FAIL',
  noise: 'pass (within noise)',
  improved: 'improved',
  new: 'new',
  missing: 'MISSING',
  accepted: 'accepted (vitest -u)',
  untested: 'not compared (defined differently)',
}

function verdictText(row: BaselineMetricVerdict): string {
  const test = row.pValue !== undefined ? ` ${formatPClause(row.pValue)} ${row.test}` : ''
  return `${VERDICT_WORDS[row.verdict]}${test}`
}

/**
 * The change cell: `+0.1454 worse` for a lower-is-better metric that rose, `0` when unchanged; a
 * metric defined differently (`untested`) has a difference, not a better or worse.
 * @example changeText({ change: -0.05, greaterIsBetter: true }) // '-0.0500 worse'
 */
export function changeText(row: Pick<BaselineMetricVerdict, 'change' | 'greaterIsBetter'> & { verdict?: BaselineMetricVerdict['verdict'] }): string {
  if (row.change === null) return ''
  if (row.change === 0) return '0'
  if (row.verdict === 'untested') return `${row.change > 0 ? '+' : ''}${formatMetricFixed(row.change)}`
  if (row.greaterIsBetter === null) return `${row.change > 0 ? '+' : ''}${formatMetricFixed(row.change)} changed`
  const better = row.greaterIsBetter ? row.change > 0 : row.change < 0
  return `${row.change > 0 ? '+' : ''}${formatMetricFixed(row.change)} ${better ? 'better' : 'worse'}`
}

const failing = (row: BaselineMetricVerdict): boolean => row.verdict === 'fail' || row.verdict === 'missing'

/** Options of {@link renderBaselineTable}. */
export interface BaselineTableOptions {
  /**
   * Slice rows that did not fail are listed while there are at most this many; above it they are
   * counted in one line under the table (`… 120 slice rows that did not fail: 116 pass (within
   * noise), 4 pass`), so the failing rows are not lost among them. Default: all listed.
   */
  maxOtherSliceRows?: number
  /** Where the rows left out are listed, said in the counting line (e.g. `the report's baseline comparison`). */
  listedIn?: string
}

/**
 * Counts of rows by verdict, most frequent first: `116 pass (within noise), 4 pass`.
 * @example verdictCounts([{ verdict: 'noise' }, { verdict: 'pass' }, { verdict: 'noise' }]) // '2 pass (within noise), 1 pass'
 */
export function verdictCounts(rows: ReadonlyArray<Pick<BaselineMetricVerdict, 'verdict'>>): string {
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(VERDICT_WORDS[row.verdict], (counts.get(VERDICT_WORDS[row.verdict]) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1]).map(([words, count]) => `${count} ${words}`).join(', ')
}

/**
 * Renders the verdict rows as a plain-text table, failing rows first, then the overall rows,
 * then the slice rows (counted instead of listed above `options.maxOtherSliceRows`).
 * @example renderBaselineTable(rows) // 'metric          baseline  current  change  allowed  verdict\naccuracy_score  0.9000 ...'
 */
export function renderBaselineTable(rows: readonly BaselineMetricVerdict[], options: BaselineTableOptions = {}): string {
  const header = ['metric', 'baseline', 'current', 'change', 'allowed', 'verdict']
  const others = rows.filter((row) => !failing(row))
  const otherSlices = others.filter((row) => row.slice !== undefined)
  const fold = options.maxOtherSliceRows !== undefined && otherSlices.length > options.maxOtherSliceRows
  const ordered = [...rows.filter(failing), ...(fold ? others.filter((row) => row.slice === undefined) : others)]
  const cells = ordered.map((row) => [rowLabel(row), formatMetricFixedApart(row.baseline, row.threshold), formatMetricFixedApart(row.current, row.threshold), changeText(row), row.allowed, verdictText(row)])
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column].length)))
  const format = (line: string[]): string => line.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()
  const counted = fold
    ? [`… ${otherSlices.length} slice rows that did not fail: ${verdictCounts(otherSlices)}${options.listedIn ? `; every row is in ${options.listedIn}` : ''}`]
    : []
  return [format(header), ...cells.map(format), ...counted].join('\n')
}
