import type { FileFailure, ReportEntry, UnevaluatedFailure } from './evaluated-test.js'
import { formatChange, formatMetric } from '../run/format-metric.js'
import { comparedOnText } from '../run/verdicts.js'
import { changeDirection, headlineMetrics } from './headline-metrics.js'
import { UNCHECKED_NOTE } from './report-entries.js'
import { showControls, showControlsInline } from '../run/visible-controls.js'
import { failedRowsText } from '../run/failed-rows.js'

const WORD = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP', unchecked: 'UNCHECKED' } as const

/**
 * The compact table printed at the end of the run: one line per evaluated run with its verdict,
 * headline metrics and baseline changes, a line on each run its failed test never checked, a line
 * on each failed test that evaluated no model (printed also when no test did), then the path of
 * `index.html`. Plain text (no colour codes), control characters in names made visible (`\x1b`).
 */
export function renderTerminalTable(entries: readonly ReportEntry[], reportPath?: string, unevaluated: readonly UnevaluatedFailure[] = [], fileFailures: readonly FileFailure[] = []): string {
  // Failures outside any test (a beforeAll or module-level throw, an obsolete entry under CI) fail
  // the run: listed as the tests that failed before evaluating are (adversarial pass 34).
  const failures = [...unevaluated, ...fileFailures.map((f) => ({ file: f.file, title: '(outside any test)', message: f.message }))]
  if (entries.length === 0 && failures.length === 0) return ''
  if (entries.length === 0) return `${[' evalgate: no test evaluated a model', ...unevaluatedLines(failures, reportPath), ...(reportPath ? [` report: ${reportPath}`] : [])].join('\n')}\n`
  const rows = entries.map((entry) => {
    const headline = headlineMetrics(entry.run, entry.baselines, 3, entry.gates)
    const changes = headline
      .filter((m) => m.baseline && m.baseline.change !== null)
      .map((m) => {
        // a metric defined differently from the entry's has a difference, not a better or worse (adversarial pass 62)
        const direction = m.baseline?.verdict === 'untested' ? 'not compared' : changeDirection(m.baseline?.change, m.greaterIsBetter)
        const said = [...(direction === 'same' ? [] : [direction]), ...(m.baseline?.entry === undefined ? [] : [`entry ${showControlsInline(m.baseline.entry)}`])]
        return `${m.name} ${formatChange(m.baseline?.change)}${said.length === 0 ? '' : ` (${said.join(', ')})`}`
      })
      .join(', ')
    // Changes of matched rows (changed data) are not the value shown minus the baseline: say of which rows.
    const on = comparedOnText(entry.baselines)
    const failed = failedRowsText(entry.run)
    return [
      WORD[entry.verdict],
      displayTitle(entry, 48),
      // Rows the model failed on are left out of every metric: the row says so (adversarial pass 36).
      // A binary run's precision, recall and F1 are the positive label's: the row names it, as
      // text labels make either class a plausible positive (adversarial pass 35).
      [headline.map((m) => `${m.name}=${formatMetric(m.value)}`).join(' '), ...[positiveLabelNote(entry.run, headline)].filter((note) => note !== undefined), ...(failed === undefined ? [] : [`(${failed})`])].join(' '),
      changes === '' ? entry.baselines.map((b) => `baseline ${b.status}`).join(', ') : `${changes}${on === undefined ? '' : ` ${on}`}${entry.baselines.some((b) => b.status === 'updated') ? ' (baseline updated)' : ''}`,
    ]
  })
  const notes = entries.filter((entry) => entry.verdict === 'unchecked').map((entry) => ` ${displayTitle(entry, 48)}: ${UNCHECKED_NOTE}`)
  notes.push(...warningLines(entries, reportPath))
  const header = ['', 'evaluated test', 'metrics', 'vs baseline']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()
  const out = [' evalgate', line(header), ...rows.map(line), ...notes, ...unevaluatedLines(failures, reportPath)]
  if (reportPath) out.push(` report: ${reportPath}`)
  return `${out.join('\n')}\n`
}

/** Headline metrics of a binary run that are the positive label's (precision, recall, F1 and their slices). */
const POSITIVE_LABEL_METRIC = /^(precision|recall|f1)_score$/

/** `(positive "fraud")` when a headline metric of the binary run is the positive label's. */
function positiveLabelNote(run: ReportEntry['run'], headline: ReadonlyArray<{ name: string }>): string | undefined {
  if (run.posLabel === undefined || !headline.some((m) => POSITIVE_LABEL_METRIC.test(m.name))) return undefined
  return `(positive "${showControlsInline(run.posLabel)}")`
}

/** At most this many lines on failed tests that evaluated nothing; the rest are counted, in the report. */
const MAX_UNEVALUATED_LINES = 8

/**
 * One line per failed test that recorded no evaluated run (its `evaluate()` threw), with the
 * first line of its error, clipped: at most {@link MAX_UNEVALUATED_LINES}, then how many more.
 */
function unevaluatedLines(failures: ReadonlyArray<Pick<UnevaluatedFailure, 'file' | 'title' | 'message'>>, reportPath: string | undefined): string[] {
  if (failures.length === 0) return []
  const outside = failures.filter((f) => f.title === '(outside any test)').length
  const tests = failures.length - outside
  const head = ` FAIL ${[...(tests > 0 ? [`without evaluating a model: ${tests} test${tests === 1 ? '' : 's'}`] : []), ...(outside > 0 ? [`outside any test: ${outside}`] : [])].join('; ')}`
  const lines = failures.slice(0, MAX_UNEVALUATED_LINES).map((f) => clip(`  ${f.file} > ${f.title}: ${f.message.split('\n').find((l) => l.trim() !== '')?.trim() ?? ''}`, WARNING_LINE_LENGTH))
  const more = failures.length - lines.length
  if (more > 0) lines.push(`  … and ${more} more${reportPath ? ` in ${reportPath}` : ''}`)
  return [head, ...lines]
}

/** At most this many warning lines under the table; the rest are counted, in the report. */
const MAX_WARNING_LINES = 8

/** Characters of a warning line under the table. */
const WARNING_LINE_LENGTH = 320

/**
 * One line per warning of the runs marked WARN (a drop within noise, a metric the baseline entry
 * cannot gate), so the table says why, not only that: the first line of each, clipped, at most
 * {@link MAX_WARNING_LINES}, then how many more and where they are.
 */
function warningLines(entries: readonly ReportEntry[], reportPath: string | undefined): string[] {
  const all = entries.filter((entry) => entry.verdict === 'warn').flatMap((entry) => entry.warnings.map((warning) => ({ entry, warning })))
  const lines = all.slice(0, MAX_WARNING_LINES).map(({ entry, warning }) => clip(` ${displayTitle(entry, 48)}: ${oneLine(warning)}`, WARNING_LINE_LENGTH))
  const more = all.length - lines.length
  if (more > 0) lines.push(` … and ${more} more warning${more === 1 ? '' : 's'}${reportPath ? ` in ${reportPath}` : ''}`)
  return lines
}

/** A listed item of a warning that lists several (`  - mae[category=a] rose from 3.9 to 4.0 (…)`): its metric label. */
const LISTED_METRIC = /^\s*- (.+?) (?:rose|fell|changed) from /

/**
 * A warning on one line: its first line, and when that line introduces a list (`5 metrics (15 rows:
 * overall and in 2 slices) moved beyond what is allowed but within noise:`, one item per line below), the listed metrics' labels
 * after it, and how many more the warning counted; a list whose items are not metrics loses the
 * colon, so that no line ends in a colon with nothing after it.
 */
function oneLine(warning: string): string {
  const [first, ...rest] = warning.split('\n')
  if (rest.length === 0 || !first.trimEnd().endsWith(':')) return first
  const labels = rest.map((line) => LISTED_METRIC.exec(line)?.[1]).filter((label): label is string => label !== undefined)
  const more = rest.map((line) => /^\s*… and (\d+) more/.exec(line)?.[1]).find((count) => count !== undefined)
  if (labels.length === 0) return first.trimEnd().slice(0, -1)
  return `${first.trimEnd()} ${labels.join(', ')}${more !== undefined ? ` and ${more} more` : ''}`
}

/**
 * The test's title in `max` characters, the run name kept whole; its `[project] ` (the report
 * holds runs of more than one Vitest project: one eval file run by two projects gave two rows of
 * one name) clipped to 16 characters and kept.
 */
function displayTitle(entry: ReportEntry, max: number): string {
  const full = entry.shownProject !== undefined ? `[${entry.shownProject}] ` : ''
  const project = entry.shownProject !== undefined ? `[${clip(entry.shownProject, 16)}] ` : ''
  const title = entry.title.slice(full.length)
  const room = max - project.length
  // A title naming its file (a name shared with another file's test): the file stays in view, cut
  // from its start if need be, and the name is cut instead (adversarial pass 34).
  const fileSuffix = ` (${entry.test.file})`
  if (title.endsWith(fileSuffix) && title.length > room) {
    const keep = Math.floor(room / 2)
    const tail = fileSuffix.length <= keep ? fileSuffix : ` (…${entry.test.file.slice(-(keep - 4))})`
    return `${project}${clip(title.slice(0, -fileSuffix.length), room - tail.length)}${clip(tail, tail.length)}`
  }
  const suffix = title.startsWith(entry.test.fullName) ? title.slice(entry.test.fullName.length) : ''
  if (suffix === '' || suffix.length > room / 2) return project + clip(title, room)
  return `${project}${clip(entry.test.fullName, room - suffix.length)}${clip(suffix, suffix.length)}`
}

function clip(text: string, max: number): string {
  const clean = showControls(text.replace(/[\t\r\n]+/g, ' '))
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean
}
