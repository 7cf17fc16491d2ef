import { formatMetricFixed } from '../run/format-metric.js'
import { withheldIntervalNote } from '../run/interval-notes.js'
import type { EvalRun, MetricInterval, SliceResult } from '../run/types.js'
import { metricComparison } from '../metrics/metric-comparison.js'
import { inCliWords } from './cli-words.js'
import { escapeControlCharacters } from './escape-control.js'

/** Slice-table columns, most useful first, per model type. */
const SLICE_METRICS = {
  classifier: ['accuracy_score', 'f1_score', 'roc_auc', 'log_loss'],
  regressor: ['mean_absolute_error', 'root_mean_squared_error', 'r2_score'],
} as const

/** Classes above which the confusion matrix is too wide for a terminal table (one line says so instead). */
const MAX_CONFUSION_MATRIX_CLASSES = 20

/**
 * The readable form of a run for a terminal: a header line, the metric table (metric, value,
 * interval and method), the confusion matrix for classifiers (up to 20 classes; above, one line
 * saying where it is), the slice table and the notes (option names written as the CLI's flags).
 *
 * @example
 * process.stdout.write(formatRunAsText(await evaluate({ data, targets: 'y', predictions: 'p', modelType: 'classifier' })))
 */
export function formatRunAsText(run: EvalRun): string {
  const out: string[] = []
  const source = run.dataset.source ?? 'records'
  const labels = run.labels ? `, labels: ${run.labels.join(', ')}` : ''
  const positive = run.posLabel !== undefined ? ` (positive: ${run.posLabel})` : ''
  const average = run.average ? `, average: ${run.average}` : ''
  out.push(oneLineCell(`evalgate ${run.modelType}: ${source}, ${run.exampleCount} examples${labels}${positive}${average}`))
  out.push('')

  const metricRows = Object.entries(run.metrics).map(([name, value]) => {
    const interval = run.intervals[name]
    const isCount = interval === undefined && Number.isInteger(value)
    // A metric whose interval was withheld says so, and the notes below the table say why.
    const withheld = interval === undefined && withheldIntervalNote(run.notes, name) !== undefined
    return [name, isCount ? String(value) : formatMetricFixed(value), interval ? formatInterval(interval) : withheld ? 'none' : '', interval?.method ?? (withheld ? 'see notes' : '')]
  })
  out.push(...table(['metric', 'value', `${Math.round(run.intervalSettings.level * 100)}% interval`, 'method'], metricRows))

  if (run.confusionMatrix && run.confusionMatrix.labels.length <= MAX_CONFUSION_MATRIX_CLASSES) {
    out.push('')
    out.push('confusion matrix (rows: actual, columns: predicted)')
    const { labels: names, counts } = run.confusionMatrix
    out.push(...table(['', ...names], counts.map((row, i) => [names[i], ...row.map(String)])))
  } else if (run.confusionMatrix) {
    out.push('')
    out.push(`confusion matrix not shown: ${run.confusionMatrix.labels.length} classes are more than the ${MAX_CONFUSION_MATRIX_CLASSES} a table here can show; --json prints it (confusionMatrix)`)
  }

  const slices = Object.values(run.slices)
  if (slices.length > 0) {
    out.push('')
    out.push(...sliceTable(run, slices))
  }
  if (run.notes.length > 0) {
    out.push('')
    out.push('notes:')
    for (const note of collapsedNotes(run.notes)) out.push(`  - ${oneLineCell(inCliWords(note))}`)
  }
  return `${out.join('\n')}\n`
}

/** Notes of one kind (differing only in quoted names and numbers) listed before the rest of that kind are counted. */
const MAX_NOTES_OF_A_KIND = 3

/**
 * The run's notes, each kind (the same sentence about another label or number: 300 predicted
 * labels that never occur in the targets, 300 classes without examples) listed up to
 * {@link MAX_NOTES_OF_A_KIND} times, then one line counting the rest; `--json` keeps every note.
 * @example collapsedNotes(['label "a" …', 'label "b" …', 'label "c" …', 'label "d" …']) // the first three, then '… and 1 more note like these (--json lists every one)'
 */
export function collapsedNotes(notes: readonly string[]): string[] {
  const kindOf = (note: string): string => note.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/\d+(?:\.\d+)?/g, '#')
  const seen = new Map<string, number>()
  for (const note of notes) seen.set(kindOf(note), (seen.get(kindOf(note)) ?? 0) + 1)
  const shown = new Map<string, number>()
  const out: string[] = []
  for (const note of notes) {
    const kind = kindOf(note)
    const count = (shown.get(kind) ?? 0) + 1
    shown.set(kind, count)
    if (count <= MAX_NOTES_OF_A_KIND) out.push(note)
    if (count === MAX_NOTES_OF_A_KIND && seen.get(kind)! > MAX_NOTES_OF_A_KIND) {
      const more = seen.get(kind)! - MAX_NOTES_OF_A_KIND
      out.push(`… and ${more} more note${more === 1 ? '' : 's'} like these (--json lists every one)`)
    }
  }
  return out
}

/** Slice-table columns of a model type: the fixed lists above, else (text types) the means of the per-row scores. */
function sliceMetricNames(run: EvalRun, slices: SliceResult[]): string[] {
  const fixed = (SLICE_METRICS as Record<string, readonly string[]>)[run.modelType]
  if (fixed !== undefined) return fixed.filter((name) => slices.some((slice) => name in slice.metrics))
  const names = [...new Set(slices.flatMap((slice) => Object.keys(slice.metrics)))]
  // the means of per-row scores, as the engine lists them (`exact_match/v1` and `non_empty_output_rate` have no `/mean`)
  return names.filter((name) => metricComparison(name).kind === 'mean-of-scores').slice(0, 5)
}

function sliceTable(run: EvalRun, slices: SliceResult[]): string[] {
  const wanted = sliceMetricNames(run, slices)
  const rows = slices.map((slice) => {
    const cells = wanted.map((name) => (name in slice.metrics ? formatMetricFixed(slice.metrics[name]) : ''))
    const note = Object.keys(slice.metrics).length === 0 && slice.notes.length > 0 ? inCliWords(slice.notes[0]) : ''
    return [slice.key, String(slice.exampleCount), ...cells, note]
  })
  return table(['slice', 'examples', ...wanted, 'note'], rows)
}

function formatInterval(interval: MetricInterval): string {
  return `[${formatMetricFixed(interval.lower)}, ${formatMetricFixed(interval.upper)}]`
}

/**
 * Data on one line: a line feed in a label or slice value would split a table row (the CLI's
 * escaping of control characters keeps `\n`, which separates output lines), so it is written as
 * a visible `\n`; the other control characters are escaped here too, as they are on the way out
 * (`run-cli.ts`), so the columns are as wide as what is printed (adversarial pass 65: sized from
 * the raw label, rows holding `\u001b[2J` were shifted).
 */
function oneLineCell(cell: string): string {
  return escapeControlCharacters(cell.replace(/\n/g, '\\n'))
}

/** Left-aligned text columns separated by two spaces; trailing spaces trimmed; every cell on one line. */
function table(rawHeader: string[], rawRows: string[][]): string[] {
  const header = rawHeader.map((cell) => oneLineCell(cell ?? ''))
  const rows = rawRows.map((row) => row.map((cell) => oneLineCell(cell ?? '')))
  const all = [header, ...rows]
  const widths = header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)))
  const line = (row: string[]): string =>
    row.map((cell, c) => (cell ?? '').padEnd(widths[c])).join('  ').trimEnd()
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)]
}
