import type { ReportEntry } from './evaluated-test.js'
import { formatChange, formatMetric } from '../run/format-metric.js'
import { changeDirection, headlineMetrics } from './headline-metrics.js'
import { UNCHECKED_NOTE } from './report-entries.js'
import { showControls } from '../run/visible-controls.js'

const WORD = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP', unchecked: 'UNCHECKED' } as const

/**
 * The compact table printed at the end of the run: one line per evaluated run with its verdict,
 * headline metrics and baseline changes, a line on each run its failed test never checked, then
 * the path of `index.html`. Plain text (no colour codes), control characters in names made
 * visible (`\x1b`).
 */
export function renderTerminalTable(entries: readonly ReportEntry[], reportPath?: string): string {
  if (entries.length === 0) return ''
  const rows = entries.map((entry) => {
    const headline = headlineMetrics(entry.run, entry.baselines)
    return [
      WORD[entry.verdict],
      displayTitle(entry, 48),
      headline.map((m) => `${m.name}=${formatMetric(m.value)}`).join(' '),
      headline
        .filter((m) => m.baseline && m.baseline.change !== null)
        .map((m) => {
          const direction = changeDirection(m.baseline?.change, m.greaterIsBetter)
          return `${m.name} ${formatChange(m.baseline?.change)}${direction === 'worse' ? ' (worse)' : direction === 'better' ? ' (better)' : ''}`
        })
        .join(', ') || entry.baselines.map((b) => `baseline ${b.status}`).join(', '),
    ]
  })
  const notes = entries.filter((entry) => entry.verdict === 'unchecked').map((entry) => ` ${displayTitle(entry, 48)}: ${UNCHECKED_NOTE}`)
  notes.push(...warningLines(entries, reportPath))
  const header = ['', 'evaluated test', 'metrics', 'vs baseline']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()
  const out = [' evalgate', line(header), ...rows.map(line), ...notes]
  if (reportPath) out.push(` report: ${reportPath}`)
  return `${out.join('\n')}\n`
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
  const lines = all.slice(0, MAX_WARNING_LINES).map(({ entry, warning }) => clip(` ${displayTitle(entry, 48)}: ${warning.split('\n')[0]}`, WARNING_LINE_LENGTH))
  const more = all.length - lines.length
  if (more > 0) lines.push(` … and ${more} more warning${more === 1 ? '' : 's'}${reportPath ? ` in ${reportPath}` : ''}`)
  return lines
}

/** The entry's title within `max` characters, keeping the run name (` > name`) whole when there is one. */
function displayTitle(entry: ReportEntry, max: number): string {
  const suffix = entry.title.startsWith(entry.test.fullName) ? entry.title.slice(entry.test.fullName.length) : ''
  if (suffix === '' || suffix.length > max / 2) return clip(entry.title, max)
  return `${clip(entry.test.fullName, max - suffix.length)}${clip(suffix, suffix.length)}`
}

function clip(text: string, max: number): string {
  const clean = showControls(text.replace(/[\t\r\n]+/g, ' '))
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean
}
