import type { FileFailure, ReportEntry, UnevaluatedFailure, Verdict } from './evaluated-test.js'
import { comparedOnText, type BaselineMetricVerdict } from '../run/verdicts.js'
import { formatChange, formatMetric, formatMetricFixed, formatMetricFixedApart, formatPClause } from '../run/format-metric.js'
import { entryOfChange } from './baseline-entry-name.js'
import { changeDirection, headlineMetrics } from './headline-metrics.js'
import { failedFirst, failsAsExpected, UNCHECKED_NOTE } from './report-entries.js'
import { slicesWorstFirst } from './slice-ranking.js'
import { showControls } from '../run/visible-controls.js'
import { withoutMentions } from '../run/markdown-mentions.js'
import { plainText } from './plain-text.js'
import { failedRowsHeadline } from './failed-rows-text.js'
import { failedRowsText } from '../run/failed-rows.js'

const ICON: Record<Verdict, string> = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', unchecked: '➖' }

/**
 * The most characters `summary.md` has: it must fit a pull-request comment (65,536 characters on
 * GitHub) and a step summary (1 MiB, beyond which GitHub drops it). Lists that do not fit end in
 * "… N more in the full report (index.html)".
 */
export const MAX_SUMMARY_CHARACTERS = 60_000

/** Room kept per section for its heading and its "… N more" line, so every section shows up. */
const SECTION_RESERVE = 160

/** Most of the budget the table's rows take (failed runs come first), so the sections below it keep room. */
const MAX_TABLE_CHARACTERS = MAX_SUMMARY_CHARACTERS / 2

/**
 * Renders `summary.md`, the pull-request summary: verdict counts, one table row per evaluated
 * run, failed runs first (verdict, headline metrics with intervals, change against baseline with direction),
 * failed gates, baseline regressions (overall rows before slice rows) and the warnings. Table
 * cells are escaped for Markdown and HTML (GitHub renders inline HTML). At most
 * {@link MAX_SUMMARY_CHARACTERS}: the sections are filled in that order, each list cut where the
 * room ends with a line counting what the full report has beyond it.
 * @example renderSummaryMarkdown([]) // '## evalgate · model evaluation\n\nNo test evaluated a model in this run.\n'
 */
export function renderSummaryMarkdown(entries: readonly ReportEntry[], reportPath?: string, fileFailures: readonly FileFailure[] = [], unevaluated: readonly UnevaluatedFailure[] = []): string {
  const link = reportPath ? ['', `Full report: \`${reportPath.replace(/`/g, "'")}\``] : []
  const budget = new SummaryBudget(MAX_SUMMARY_CHARACTERS - lengthOf(link), reportPath)
  const lines: string[] = ['## evalgate · model evaluation', '']
  // A failure outside any test fails the run: the headline says so before the runs' counts ("✅ 15 runs passed" read as a green run).
  // So does a failed test that evaluated nothing (its evaluate() threw): counted as a failed test.
  const outsideCount = [
    ...(fileFailures.length > 0 ? [`${ICON.fail} ${fileFailures.length} failure${fileFailures.length === 1 ? '' : 's'} outside any test`] : []),
    ...(unevaluated.length > 0 ? [`${ICON.fail} ${unevaluated.length} test${unevaluated.length === 1 ? '' : 's'} failed without evaluating a model`] : []),
  ]
  if (entries.length === 0) {
    lines.push([...outsideCount, outsideCount.length > 0 ? 'no test evaluated a model in this run' : 'No test evaluated a model in this run.'].join(' · '))
    budget.spend(lines)
    return `${[...lines, ...unevaluatedLines(unevaluated, budget), ...fileFailureLines(fileFailures, budget)].join('\n')}\n`
  }
  const count = (v: Verdict) => entries.filter((x) => x.verdict === v).length
  lines.push(
    [
      ...outsideCount,
      ...(['fail', 'unchecked', 'warn', 'pass', 'skip'] as const)
        .filter((v) => count(v) > 0)
        .map((v, i) => `${ICON[v]} ${count(v)} ${i === 0 ? `run${count(v) === 1 ? '' : 's'} ` : ''}${{ pass: 'passed', fail: 'failed', warn: 'with warnings', skip: 'skipped', unchecked: 'not checked' }[v]}`),
      // Rows a served model failed on are left out of the metrics: a passed run that lost most of them must not read as green (adversarial pass 36).
      ...[failedRowsHeadline(entries.map((entry) => entry.run))].filter((text) => text !== undefined).map((text) => `${ICON.warn} ${text}`),
    ].join(' · '),
    '',
    '| | Test | Metrics (95% interval) | Change vs baseline | Worst slice |',
    '|---|---|---|---|---|',
  )
  budget.spend(lines)
  const rows = failedFirst(entries, (e) => e.verdict).map(tableRow)
  lines.push(...budget.section([], rows, rows.length, (n) => `| | … ${n} more run${n === 1 ? '' : 's'} ${budget.where} | | | |`, MAX_TABLE_CHARACTERS))
  const unchecked = entries.filter((entry) => entry.verdict === 'unchecked')
  if (unchecked.length > 0) lines.push(...budget.section([''], unchecked.map((entry) => `${ICON.unchecked} **${md(entry.title)}**: ${md(UNCHECKED_NOTE)}`)))
  lines.push(...unevaluatedLines(unevaluated, budget))
  lines.push(...fileFailureLines(fileFailures, budget))
  const failedGates = entries.flatMap((entry) => entry.gates.filter((g) => !g.pass).map((gate) => `- **${md(entry.title)}**: ${md(gate.title)}: ${md(gateSummary(gate.message))}`))
  if (failedGates.length > 0) lines.push(...budget.section(['', '### Failed gates', ''], failedGates))
  const regressions = regressionLines(entries)
  if (regressions.length > 0) lines.push(...budget.section(['', '### Baseline regressions', ''], regressions))
  lines.push(...warningLines(entries, budget))
  lines.push(...link)
  return `${lines.join('\n')}\n`
}

/**
 * The room left in the summary. Each section (the table is one) takes its heading and its items
 * in order while they fit, keeping {@link SECTION_RESERVE} for each section after it (its
 * heading and its "… N more" line), and ends with a line counting the items left out: so the
 * whole stays within the budget and every section shows up, if only as that line.
 */
class SummaryBudget {
  private left: number
  /** Sections still to come: the table, unchecked runs, tests failed without evaluating, failures outside tests, failed gates, regressions, warnings. */
  private sectionsLeft = 7
  /** Where the items left out are: `in the full report (index.html)`, or the results folder without one. */
  readonly where: string

  constructor(characters: number, reportPath: string | undefined) {
    this.left = characters
    this.where = reportPath ? `in the full report (${reportPath})` : 'in the results folder'
  }

  /** Counts `lines` as written (each with its line break). */
  spend(lines: readonly string[]): void {
    this.left -= lengthOf(lines)
  }

  /**
   * A section: its heading, the items that fit, in order (a multi-line item is one string), and
   * `more(n)` for the rest (`total`: how many there are, when `items` lists only the first few;
   * `most`: the most characters its items may take).
   */
  section(heading: readonly string[], items: readonly string[], total = items.length, more = (n: number) => `- … ${n} more ${this.where}`, most = Infinity): string[] {
    let room = Math.min(most, this.left - SECTION_RESERVE * this.sectionsLeft)
    this.sectionsLeft = Math.max(0, this.sectionsLeft - 1)
    const sectionRoom = room
    let taken = 0
    while (taken < items.length && items[taken].length + 1 <= room) room -= items[taken++].length + 1
    // An item longer than the whole section's room (a 120,000-character message, a 75,000-character
    // test name) would never fit: cut with an ellipsis into what is left, not dropped unnamed.
    // Where the room would end inside an item's bold title, none of what it says would show: it
    // is only counted (adversarial pass 65: a warning cut inside its 250-character test name),
    // unless the title alone is longer than any section could hold, which the cut then names.
    const title = taken < items.length ? titleEnd(items[taken]) : 0
    const giant = taken < items.length && items[taken].length + 1 > sectionRoom && room >= MIN_CUT_ITEM && (room - 1 >= title + MIN_CUT_ITEM / 2 || title > MAX_TABLE_CHARACTERS)
    const cut = giant ? [cutMarkdown(items[taken], room - 1)] : []
    const rest = items.slice(0, taken)
    taken += cut.length
    const shown = [...heading, ...rest, ...cut, ...(taken < total ? [more(total - taken)] : [])]
    this.spend(shown)
    return shown
  }
}

/** The least room worth showing a cut item in (below it the item is only counted). */
const MIN_CUT_ITEM = 40

/**
 * Where the bold title a list item opens with (`- **test name**: …`) ends, or 0.
 * @example titleEnd('- **model**: accuracy fell') // 13
 */
function titleEnd(item: string): number {
  if (!item.startsWith('- **')) return 0
  const end = item.indexOf('**: ', 4)
  return end < 0 ? 0 : end + 4
}

/**
 * Markdown cut to at most `max` characters, ending in `…`: never inside a surrogate pair, a
 * backslash escape, an `&…;` entity or a `<br>`; bold left open is closed, a table row keeps its
 * closing `|`.
 *
 * @example cutMarkdown('- **a very long name**: message', 12) // '- **a v…**'
 */
export function cutMarkdown(text: string, max: number): string {
  if (text.length <= max) return text
  const row = text.startsWith('| ')
  const closing = (kept: string) => `${(kept.match(/\*\*/g)?.length ?? 0) % 2 === 1 ? '**' : ''}${row ? ' |' : ''}`
  // Room for the ellipsis and the longest closing (`**` and ` |`).
  let kept = text
    .slice(0, Math.max(0, max - 5))
    .replace(/[\ud800-\udbff]$/, '')
    .replace(/&[#a-z0-9]*$/i, '')
    .replace(/<[a-z/]*$/i, '')
  if ((kept.match(/\\+$/)?.[0].length ?? 0) % 2 === 1) kept = kept.slice(0, -1)
  return `${kept}…${closing(kept)}`
}

/** Characters of `lines` joined with line breaks, each ended by one. */
function lengthOf(lines: readonly string[]): number {
  return lines.reduce((sum, line) => sum + line.length + 1, 0)
}

/** One run's row of the summary table. */
function tableRow(entry: ReportEntry): string {
  const headline = headlineMetrics(entry.run, entry.baselines, 3, entry.gates)
  const metrics = headline
    .map((m) => `${md(m.name)} **${formatMetric(m.value)}**${m.interval ? ` [${formatMetric(m.interval.lower)}, ${formatMetric(m.interval.upper)}]` : m.intervalWithheld ? ' (no interval)' : ''}`)
    .join('<br>')
  const failed = failedRowsText(entry.run)
  const metricsCell = failed === undefined ? metrics : `${metrics}<br>${ICON.warn} **${failed}** (left out of the metrics)`
  const changed = headline
    .filter((m) => m.baseline && m.baseline.change !== null)
    .map((m) => `${md(m.name)} ${arrow(m.baseline?.change ?? 0, m.greaterIsBetter, m.baseline?.verdict)} ${formatChange(m.baseline?.change)}${m.baseline?.verdict === 'untested' ? ' (not compared: defined differently)' : ''}${m.baseline?.entry === undefined ? '' : ` ${md(entryOfChange(m.baseline.entry))}`}`)
  // Changes of matched rows (changed data) are not the value shown minus the baseline: say of which rows.
  const on = comparedOnText(entry.baselines)
  if (changed.length > 0 && on !== undefined) changed.push(`(${on})`)
  // Drops accepted by `vitest -u` (the entry now holds these values) are said to be so.
  const updated = changed.length > 0 && entry.baselines.some((b) => b.status === 'updated') ? ['(baseline updated)'] : []
  const changes = [...changed, ...updated].join('<br>') || (entry.baselines.length > 0 ? entry.baselines.map((b) => b.status).join(', ') : entry.verdict === 'unchecked' ? 'not checked' : '—')
  const { metric, worst } = slicesWorstFirst(entry.run)
  const worstText = worst && metric ? `${md(worst.key)}: ${md(metric)} ${formatMetric(worst.metrics[metric])} (n=${worst.exampleCount})` : '—'
  // An error of the test that no failed gate explains (a throw after its matchers): its first line under the name, as index.html shows it.
  // Named by its kind where it is the test's first error (TypeError, AssertionError of a plain expect).
  const errors = otherErrors(entry).map((error) => `<br>${md(error === entry.test.errors[0] ? (entry.test.errorType ?? 'Error') : 'Error')}: ${md(clipText(nonEmptyLines(error)[0] ?? '', MAX_ERROR_LINE))}`)
  return `| ${ICON[entry.verdict]} | ${md(entry.title)}${errors.join('')} | ${metricsCell} | ${changes} | ${worstText} |`
}

/** Characters of a test's error shown in the summary (under its name in the table, in the list of tests that evaluated nothing); index.html has it whole. */
const MAX_ERROR_LINE = 300

/**
 * The errors of a failed test that are not a failed gate's (a matcher's failure message holds the
 * message its gate recorded, under the matcher hint): `throw new Error('boom')` after the
 * matchers, a plain `expect`, a crash in a second `evaluate()`.
 */
function otherErrors(entry: ReportEntry): string[] {
  if (entry.test.state !== 'failed') return []
  const gates = (entry.test.meta?.gates ?? []).filter((gate) => !gate.pass && gate.message.trim() !== '').map((gate) => plainText(gate.message).trim())
  const ofGate = (error: string): boolean => {
    const head = nonEmptyLines(error)[0] ?? ''
    return gates.some((gate) => error.includes(gate) || (head !== '' && gate.includes(head)))
  }
  return entry.test.errors.filter((error) => error.trim() !== '' && !ofGate(error))
}

function clipText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).replace(/[\ud800-\udbff]$/, '')}…` : text
}

/**
 * The failing and missing baseline rows, one line each: every run's overall rows before any slice
 * row. Values in the fixed-width form, as the matcher's failure table and index.html's baseline
 * table print the same rows (`0.8730 → 0.7381`, not `0.873 → 0.7381`; adversarial pass 38).
 */
function regressionLines(entries: readonly ReportEntry[]): string[] {
  const rows = entries.flatMap((entry) => entry.baselines.flatMap((b) => b.rows.filter((r) => r.verdict === 'fail' || r.verdict === 'missing').map((row) => ({ entry, row, on: comparedOnText([b]) }))))
  const isSlice = (row: BaselineMetricVerdict) => row.slice !== undefined || row.metric === '(slice)'
  return [...rows.filter(({ row }) => !isSlice(row)), ...rows.filter(({ row }) => isSlice(row))].map(({ entry, row, on }) => {
    if (row.verdict === 'missing') {
      const what = row.metric === '(slice)' ? `slice ${md(row.slice ?? '')} (baseline n=${row.baseline ?? '?'})` : `${md(row.metric)}${row.slice ? ` [${md(row.slice)}]` : ''} (baseline ${formatMetricFixed(row.baseline)})`
      return `- **${md(entry.title)}**: ${what} missing from the run`
    }
    const expected = failsAsExpected(entry.test) ? ' (expected: test.fails)' : ''
    return `- **${md(entry.title)}**: ${md(row.metric)}${row.slice ? ` [${md(row.slice)}]` : ''} ${formatMetricFixedApart(row.baseline, row.threshold)} → ${formatMetricFixedApart(row.current, row.threshold)}${on === undefined ? '' : ` ${on}`} (${formatChange(row.change)}, allowed ${md(row.allowed)}${testClause(row)})${expected}`
  })
}

/** `, p=0.0081 mcnemar-exact` for a row a test failed, as index.html's baseline table says it; nothing for a missed threshold, which no test decides. */
function testClause(row: BaselineMetricVerdict): string {
  if (row.pValue === undefined || row.missedThreshold === true) return ''
  return `, ${formatPClause(row.pValue)}${row.test ? ` ${md(row.test)}` : ''}`
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
function warningLines(entries: readonly ReportEntry[], budget: SummaryBudget): string[] {
  const warnings = entries.flatMap((entry) => entry.warnings.map((warning) => ({ entry, warning })))
  if (warnings.length === 0) return []
  const listed = warnings.slice(0, MAX_LISTED_WARNINGS).map(({ entry, warning }) => warningItem(entry.title, warning).join('\n'))
  return budget.section(['', '### Warnings', ''], listed, warnings.length)
}

/** One warning as a list item: its first line, and the lines below it as a nested list. */
function warningItem(title: string, warning: string): string[] {
  const [head = '', ...detail] = nonEmptyLines(warning)
  const shown = detail.slice(0, MAX_WARNING_DETAIL_LINES).map((line) => `  - ${md(line.replace(/^[-*]\s+/, ''))}`)
  const hidden = detail.length - MAX_WARNING_DETAIL_LINES
  const more = hidden > 0 ? [`  - … ${hidden} more line${hidden === 1 ? '' : 's'} in the full report`] : []
  return [`- **${md(title)}**: ${md(head)}`, ...shown, ...more]
}

/** The section on failed tests that evaluated no model (their evaluate() threw): file, name, the error's first line. */
function unevaluatedLines(failures: readonly UnevaluatedFailure[], budget: SummaryBudget): string[] {
  if (failures.length === 0) return []
  const items = failures.map((f) => `- **${md(f.title)}** (${md(f.file)}): ${md(clipText(nonEmptyLines(f.message)[0] ?? '', MAX_ERROR_LINE))}`)
  return budget.section(['', `### ❌ Tests that failed without evaluating a model (${failures.length})`, ''], items)
}

/** The section on failures outside any test (an obsolete baseline entry under CI): they fail the run. */
function fileFailureLines(failures: readonly FileFailure[], budget: SummaryBudget): string[] {
  if (failures.length === 0) return []
  return budget.section(['', `### ❌ Failed outside any test (${failures.length})`, ''], failures.map((f) => `- **${md(f.file)}**: ${md(headLines(f.message, 3))}`))
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

/** 🟢 better, 🔴 a drop that failed (or of unknown verdict), 🟡 a drop within noise, ⚪ otherwise (as index.html colours it). */
function arrow(change: number, greaterIsBetter: boolean | null, verdict?: BaselineMetricVerdict['verdict']): string {
  const direction = verdict === 'untested' ? 'same' : changeDirection(change, greaterIsBetter)
  if (direction === 'better') return '🟢'
  if (direction !== 'worse') return '⚪'
  return verdict === undefined || verdict === 'fail' || verdict === 'missing' ? '🔴' : verdict === 'noise' ? '🟡' : '⚪'
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? ''
}

/**
 * Escapes text for a Markdown table cell that GitHub renders (HTML, pipes, emphasis, links, math, strikethrough;
 * control characters made visible; `@mentions` kept from notifying anyone, see `withoutMentions`).
 *
 * @example md('*@octocat*') // '\\*@&#8203;octocat\\*'
 */
export function md(text: string): string {
  return withoutMentions(
    showControls(text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\r\n]+/g, ' ')
      // `$` (GitHub's math: `$x^2$`) and `~` (strikethrough) too (adversarial pass 33)
      .replace(/([\\`*_[\]|#!$~])/g, '\\$1'),
  )
}
