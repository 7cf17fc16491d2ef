import type { FileFailure, ReportEntry, Verdict } from './evaluated-test.js'
import { formatChange, formatMetric } from '../run/format-metric.js'
import { changeDirection, headlineMetrics } from './headline-metrics.js'
import { failedFirst, UNCHECKED_NOTE } from './report-entries.js'
import { slicesWorstFirst } from './slice-ranking.js'
import { showControls } from './visible-controls.js'

const ICON: Record<Verdict, string> = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', unchecked: '➖' }

/**
 * Renders `summary.md`, the pull-request summary: verdict counts, one table row per evaluated
 * run, failed runs first (verdict, headline metrics with intervals, change against baseline with direction),
 * failed gates, baseline regressions and the worst slices. Table cells are escaped for Markdown
 * and HTML (GitHub renders inline HTML).
 */
export function renderSummaryMarkdown(entries: readonly ReportEntry[], reportPath?: string, fileFailures: readonly FileFailure[] = []): string {
  const lines: string[] = ['## evalgate · model evaluation', '']
  const outside = fileFailureLines(fileFailures)
  if (entries.length === 0) return `${lines.join('\n')}No test evaluated a model in this run.\n${outside.length > 0 ? `${outside.join('\n')}\n` : ''}`
  const count = (v: Verdict) => entries.filter((x) => x.verdict === v).length
  lines.push(
    (['fail', 'unchecked', 'warn', 'pass', 'skip'] as const)
      .filter((v) => count(v) > 0)
      .map((v, i) => `${ICON[v]} ${count(v)} ${i === 0 ? `run${count(v) === 1 ? '' : 's'} ` : ''}${{ pass: 'passed', fail: 'failed', warn: 'with warnings', skip: 'skipped', unchecked: 'not checked' }[v]}`)
      .join(' · '),
    '',
    '| | Test | Metrics (95% interval) | Change vs baseline | Worst slice |',
    '|---|---|---|---|---|',
  )
  for (const entry of failedFirst(entries, (e) => e.verdict)) {
    const headline = headlineMetrics(entry.run, entry.baselines)
    const metrics = headline
      .map((m) => `${md(m.name)} **${formatMetric(m.value)}**${m.interval ? ` [${formatMetric(m.interval.lower)}, ${formatMetric(m.interval.upper)}]` : m.intervalWithheld ? ' (no interval)' : ''}`)
      .join('<br>')
    const changes =
      headline
        .filter((m) => m.baseline && m.baseline.change !== null)
        .map((m) => `${md(m.name)} ${arrow(m.baseline?.change ?? 0, m.greaterIsBetter)} ${formatChange(m.baseline?.change)}`)
        .join('<br>') || (entry.baselines.length > 0 ? entry.baselines.map((b) => b.status).join(', ') : entry.verdict === 'unchecked' ? 'not checked' : '—')
    const { metric, slices } = slicesWorstFirst(entry.run)
    const worst = metric !== undefined ? slices.find((s) => typeof s.metrics[metric] === 'number') : undefined
    const worstText = worst && metric ? `${md(worst.key)}: ${md(metric)} ${formatMetric(worst.metrics[metric])} (n=${worst.exampleCount})` : '—'
    lines.push(`| ${ICON[entry.verdict]} | ${md(entry.title)} | ${metrics} | ${changes} | ${worstText} |`)
  }
  const unchecked = entries.filter((entry) => entry.verdict === 'unchecked')
  if (unchecked.length > 0) lines.push('', ...unchecked.map((entry) => `${ICON.unchecked} **${md(entry.title)}**: ${md(UNCHECKED_NOTE)}`))
  lines.push(...outside)
  const failedGates = entries.flatMap((entry) => entry.gates.filter((g) => !g.pass).map((g) => ({ entry, gate: g })))
  if (failedGates.length > 0) {
    lines.push('', '### Failed gates', '')
    for (const { entry, gate } of failedGates) lines.push(`- **${md(entry.title)}**: ${md(gate.title)}: ${md(gateSummary(gate.message))}`)
  }
  const regressions = entries.flatMap((entry) => entry.baselines.flatMap((b) => b.rows.filter((r) => r.verdict === 'fail' || r.verdict === 'missing').map((row) => ({ entry, row }))))
  if (regressions.length > 0) {
    lines.push('', '### Baseline regressions', '')
    for (const { entry, row } of regressions) {
      if (row.verdict === 'missing') {
        const what = row.metric === '(slice)' ? `slice ${md(row.slice ?? '')} (baseline n=${row.baseline ?? "?"})` : `${md(row.metric)}${row.slice ? ` [${md(row.slice)}]` : ''} (baseline ${formatMetric(row.baseline)})`
        lines.push(`- **${md(entry.title)}**: ${what} missing from the run`)
        continue
      }
      lines.push(`- **${md(entry.title)}**: ${md(row.metric)}${row.slice ? ` [${md(row.slice)}]` : ''} ${formatMetric(row.baseline)} → ${formatMetric(row.current)} (${formatChange(row.change)}, allowed ${md(row.allowed)})`)
    }
  }
  lines.push(...warningLines(entries))
  if (reportPath) lines.push('', `Full report: \`${reportPath.replace(/`/g, "'")}\``)
  return `${lines.join('\n')}\n`
}

/** Most warnings the summary lists; the rest are counted (every one is in the report). */
const MAX_LISTED_WARNINGS = 10

/** Most lines under a warning's first that the summary lists (a warning of several metrics names them there). */
const MAX_WARNING_DETAIL_LINES = 4

/**
 * The section listing each run's warnings: a ⚠️ row says there are some, this says what. A
 * warning's first line heads its item; the lines below it (the metrics that fell within noise,
 * the entries repaired) are listed under it, the first few, and how many more.
 */
function warningLines(entries: readonly ReportEntry[]): string[] {
  const warnings = entries.flatMap((entry) => entry.warnings.map((warning) => ({ entry, warning })))
  if (warnings.length === 0) return []
  const listed = warnings.slice(0, MAX_LISTED_WARNINGS).flatMap(({ entry, warning }) => warningItem(entry.title, warning))
  const more = warnings.length > MAX_LISTED_WARNINGS ? [`- … ${warnings.length - MAX_LISTED_WARNINGS} more in the full report`] : []
  return ['', '### Warnings', '', ...listed, ...more]
}

/** One warning as a list item: its first line, and the lines below it as a nested list. */
function warningItem(title: string, warning: string): string[] {
  const [head = '', ...detail] = nonEmptyLines(warning)
  const shown = detail.slice(0, MAX_WARNING_DETAIL_LINES).map((line) => `  - ${md(line.replace(/^[-*]\s+/, ''))}`)
  const hidden = detail.length - MAX_WARNING_DETAIL_LINES
  const more = hidden > 0 ? [`  - … ${hidden} more line${hidden === 1 ? '' : 's'} in the full report`] : []
  return [`- **${md(title)}**: ${md(head)}`, ...shown, ...more]
}

/** The section on failures outside any test (an obsolete baseline entry under CI): they fail the run. */
function fileFailureLines(failures: readonly FileFailure[]): string[] {
  if (failures.length === 0) return []
  return ['', `### ❌ Failed outside any test (${failures.length})`, '', ...failures.map((f) => `- **${md(f.file)}**: ${md(headLines(f.message, 3))}`)]
}

/** The first `count` non-empty lines of a message, on one line (an obsolete-entry error names the entries on its second). */
function headLines(message: string, count: number): string {
  return nonEmptyLines(message).slice(0, count).join(' ')
}

/** The lines of a message that are not blank, trimmed. */
function nonEmptyLines(message: string): string[] {
  return message.split('\n').map((line) => line.trim()).filter((line) => line !== '')
}

/**
 * A gate's message in one line: its first line, and the difference and p-value where the message
 * has them (toOutperform's), so the pull request shows by how much the candidate fell short.
 */
function gateSummary(message: string): string {
  const detail = message
    .split('\n')
    .filter((line) => /^(Difference|p-value:)/.test(line))
    .map((line) => (line.startsWith('p-value:') ? line.split(' that ')[0] : line))
  return [firstLine(message), ...detail].join('; ')
}

function arrow(change: number, greaterIsBetter: boolean): string {
  const direction = changeDirection(change, greaterIsBetter)
  return direction === 'better' ? '🟢' : direction === 'worse' ? '🔴' : '⚪'
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? ''
}

/** Escapes text for a Markdown table cell that GitHub renders (HTML, pipes, emphasis, links; control characters made visible). */
export function md(text: string): string {
  return showControls(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\r\n]+/g, ' ')
    .replace(/([\\`*_[\]|#!])/g, '\\$1')
}
