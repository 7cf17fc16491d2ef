/**
 * The failure table of `toMatchBaseline`: one line per compared metric with its baseline value,
 * current value, change (signed, with `better` / `worse` by the metric's direction), what was
 * allowed and the verdict; failing rows (FAIL, MISSING) first, then the others in the entry's
 * order. Plain text with padded columns, so it reads the same in a terminal, a CI log and the
 * JUnit file; built by hand because it is one `padEnd` per cell (a table package such as
 * `cli-table3` draws box borders that CI logs and JUnit viewers mangle).
 */
import type { BaselineMetricVerdict } from '../run/verdicts.js'
import { formatMetricFixed } from '../run/format-metric.js'

function rowLabel(row: BaselineMetricVerdict): string {
  return row.slice === undefined ? row.metric : `${row.metric}[${row.slice}]`
}

function verdictText(row: BaselineMetricVerdict): string {
  const words: Record<BaselineMetricVerdict['verdict'], string> = {
    pass: 'pass',
    fail: 'FAIL',
    noise: 'pass (within noise)',
    improved: 'improved',
    new: 'new',
    missing: 'MISSING',
  }
  const test = row.pValue !== undefined ? ` p=${row.pValue.toPrecision(2)} ${row.test}` : ''
  return `${words[row.verdict]}${test}`
}

/**
 * The change cell: `+0.1454 worse` for a lower-is-better metric that rose, `0` when unchanged.
 * @example changeText({ change: -0.05, greaterIsBetter: true }) // '-0.0500 worse'
 */
export function changeText(row: Pick<BaselineMetricVerdict, 'change' | 'greaterIsBetter'>): string {
  if (row.change === null) return ''
  if (row.change === 0) return '0'
  const better = row.greaterIsBetter ? row.change > 0 : row.change < 0
  return `${row.change > 0 ? '+' : ''}${formatMetricFixed(row.change)} ${better ? 'better' : 'worse'}`
}

const failing = (row: BaselineMetricVerdict): boolean => row.verdict === 'fail' || row.verdict === 'missing'

/**
 * Renders the verdict rows as a plain-text table, failing rows first.
 * @example renderBaselineTable(rows) // 'metric          baseline  current  change  allowed  verdict\naccuracy_score  0.9000 ...'
 */
export function renderBaselineTable(rows: readonly BaselineMetricVerdict[]): string {
  const header = ['metric', 'baseline', 'current', 'change', 'allowed', 'verdict']
  const ordered = [...rows.filter(failing), ...rows.filter((row) => !failing(row))]
  const cells = ordered.map((row) => [rowLabel(row), formatMetricFixed(row.baseline), formatMetricFixed(row.current), changeText(row), row.allowed, verdictText(row)])
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column].length)))
  const format = (line: string[]): string => line.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()
  return [format(header), ...cells.map(format)].join('\n')
}
