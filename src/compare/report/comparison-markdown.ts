/**
 * The Markdown of `evalgate compare` (for a pull request comment): the clearest changes first (smallest p),
 * the note on the test, every metric side by side, the per-class tables and the confusion
 * matrices with their difference. Every string from the runs is escaped for a table cell.
 */
import { formatChange, formatMetric, formatMetricFixed } from '../../run/format-metric.js'
import { formatCell, formatChangeCell, formatPValue, scopeLabel, testHeading, verdictWords } from './comparison-cells.js'
import type { RunComparison } from './run-comparison.js'
import { showControls } from '../../run/visible-controls.js'
import { withoutMentions } from '../../run/markdown-mentions.js'

/**
 * Escapes text for a Markdown table cell: pipes, backslashes, markup, line breaks; control and
 * bidi characters made visible (`\\x1b`, `\\u202e`); `@mentions` kept from notifying anyone when
 * the file is posted on a pull request (see `withoutMentions`).
 *
 * @example markdownCell('a|b @octocat') // 'a\\|b @&#8203;octocat'
 */
export function markdownCell(value: unknown): string {
  const escaped = showControls(String(value))
    // Tabs and line breaks, which showControls keeps, would end the cell or the line.
    .replace(/[\t\n\r]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/[\\`*_[\]<>|#&!$~]/g, (c) => `\\${c}`)
  return withoutMentions(escaped)
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)]
}

/**
 * A Markdown document cut, at a line, to at most `max` characters (GitHub refuses a comment above
 * 65,536): the lines kept, then one saying how many lines were left out and where they are whole.
 * A document within `max` is returned as it is.
 *
 * @example capMarkdownLines('# a\n| x |\n| y |\n', 12, 'compare.md') // '# a\n| x |\n\n… 1 more line in compare.md\n'
 */
export function capMarkdownLines(markdown: string, max: number, whole: string): string {
  if (markdown.length <= max) return markdown
  const lines = markdown.trimEnd().split('\n')
  const trailer = (left: number): string => `\n… ${left.toLocaleString('en-US')} more line${left === 1 ? '' : 's'} in ${whole}\n`
  const kept: string[] = []
  let length = 0
  for (const line of lines) {
    // room for this line and the trailer of what would then be left out
    if (length + line.length + 1 + trailer(lines.length).length > max) break
    kept.push(line)
    length += line.length + 1
  }
  return `${kept.join('\n')}\n${trailer(lines.length - kept.length)}`
}

/** Renders `comparison` as one Markdown document. */
export function renderComparisonMarkdown(comparison: RunComparison): string {
  const { runs } = comparison
  const first = runs[0]
  const lines: string[] = ['# evalgate compare', '']
  lines.push(...table(['#', 'run', 'file', 'model type', 'examples', 'dataset fingerprint'], runs.map((run, i) => [String(i + 1), markdownCell(run.name), markdownCell(run.source), run.modelType, String(run.exampleCount), `\`${markdownCell(run.fingerprint.slice(0, 12))}\``])))
  lines.push('', `> **${testHeading(comparison)}** ${markdownCell(comparison.testNote)}`, '')

  // Ordered by p, not size (sizes of different metrics are not on one scale): the heading says so (adversarial pass 35).
  lines.push(`## Clearest changes against run 1 (${markdownCell(first.name)}), smallest p first`, '')
  if (comparison.largestChanges.length === 0) lines.push('No tested change.')
  else {
    // Paired tests give no z: a column of n/a in every row is left out, as on the page.
    const withZ = comparison.largestChanges.some(({ change }) => change.z !== undefined)
    lines.push(
      ...table(
        ['run', 'scope', 'metric', 'run 1', 'this run', 'change', ...(withZ ? ['z'] : []), 'p (two-sided)', 'test', 'verdict'],
        comparison.largestChanges.map(({ row, runIndex, change }) => [
          markdownCell(runs[runIndex].name),
          markdownCell(scopeLabel(row.scope)),
          markdownCell(row.metric),
          formatCell(row.cells[0]),
          formatCell(row.cells[runIndex]),
          formatChange(change.change),
          ...(withZ ? [change.z === undefined ? 'n/a' : formatMetric(Number(change.z.toFixed(2)))] : []),
          formatPValue(change.pValue),
          markdownCell(change.test ?? 'unpaired-normal'),
          verdictWords(change),
        ]),
      ),
    )
  }

  lines.push('', '## Metrics (value [interval]; change against run 1)', '')
  const header = ['scope', 'metric', ...runs.map((run, i) => `${i + 1}. ${markdownCell(run.name)}`), ...runs.slice(1).map((_, i) => `change ${i + 2} − 1`)]
  lines.push(...table(header, comparison.rows.map((row) => [markdownCell(scopeLabel(row.scope)), markdownCell(row.metric), ...row.cells.map(formatCell), ...row.changes.slice(1).map((change) => markdownCell(formatChangeCell(change)))])))

  if (comparison.perClassLabels.length > 0) {
    lines.push('', '## Per class (overall)', '')
    for (const field of ['precision', 'recall', 'f1', 'support'] as const) {
      lines.push(`### ${field}`, '')
      lines.push(
        ...table(
          ['label', ...runs.map((run, i) => `${i + 1}. ${markdownCell(run.name)}`)],
          comparison.perClassLabels.map((label) => [markdownCell(label), ...runs.map((run) => {
            const row = run.perClass.find((r) => r.label === label)
            return row ? formatMetricFixed(row[field]) : '—'
          })]),
        ),
        '',
      )
    }
  }

  if (comparison.confusion.some((c) => c.matrix)) {
    lines.push('## Confusion matrices (rows actual, columns predicted)', '')
    comparison.confusion.forEach((entry, i) => {
      if (!entry.matrix) return
      const labels = entry.matrix.labels.map(markdownCell)
      lines.push(`### ${i + 1}. ${markdownCell(runs[i].name)}`, '')
      lines.push(...table(['actual \\ predicted', ...labels], entry.matrix.counts.map((row, r) => [labels[r], ...row.map(String)])), '')
      if (entry.difference) {
        lines.push(`Difference (run ${i + 1} − run 1):`, '')
        lines.push(...table(['actual \\ predicted', ...labels], entry.difference.map((row, r) => [labels[r], ...row.map((d) => (d > 0 ? `+${d}` : d === 0 ? '0' : String(d)))])), '')
      } else if (entry.note) lines.push(`No difference: ${markdownCell(entry.note)}.`, '')
    })
  }
  return `${lines.join('\n').trimEnd()}\n`
}
