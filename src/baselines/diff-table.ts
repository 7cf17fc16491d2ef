/**
 * The failure message of `toMatchBaseline`: a table of metric, baseline, current, change,
 * allowed and verdict, rendered as a `jest-diff` diff of the baseline against the current run.
 * Rows whose value did not move are common lines; a moved metric shows as a `-` line with the
 * baseline value and a `+` line with the current value, the change, what was allowed and the
 * verdict.
 */
import { diffLinesUnified2 } from 'jest-diff'
import type { BaselineMetricVerdict } from '../run/verdicts.js'
import { formatValue } from './verdict.js'

const plain = (text: string): string => text

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
 * Renders the verdict rows as a plain-text (uncoloured) unified diff with a header line.
 * @example renderBaselineDiff(rows) // '- Baseline\n+ Current\n\n  metric  value  change ...'
 */
export function renderBaselineDiff(rows: readonly BaselineMetricVerdict[]): string {
  const header = ['metric', 'value', 'change', 'allowed', 'verdict']
  const baselineCells = rows.map((row) => [rowLabel(row), formatValue(row.baseline), '', '', 'baseline'])
  const currentCells = rows.map((row) => [
    rowLabel(row),
    formatValue(row.current),
    row.change === null ? '' : `${row.change >= 0 ? '+' : ''}${formatValue(row.change)}`,
    row.allowed,
    verdictText(row),
  ])
  const widths = header.map((title, column) =>
    Math.max(title.length, ...baselineCells.map((cells) => cells[column].length), ...currentCells.map((cells) => cells[column].length)),
  )
  const format = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()
  const headerLine = format(header)
  const aDisplay = [headerLine, ...baselineCells.map(format)]
  const bDisplay = [headerLine, ...currentCells.map(format)]
  const aCompare = ['header', ...rows.map((row) => `${rowLabel(row)}=${formatValue(row.baseline)}`)]
  const bCompare = ['header', ...rows.map((row) => `${rowLabel(row)}=${formatValue(row.current)}`)]
  return diffLinesUnified2(aDisplay, bDisplay, aCompare, bCompare, {
    aAnnotation: 'Baseline',
    bAnnotation: 'Current',
    expand: true,
    aColor: plain,
    bColor: plain,
    changeColor: plain,
    commonColor: plain,
    patchColor: plain,
    changeLineTrailingSpaceColor: plain,
    commonLineTrailingSpaceColor: plain,
  })
}
