import type { EvalRun, MetricInterval, SliceResult } from '../run/types.js'
import { comparedOnText, type BaselineComparison, type BaselineMetricVerdict, type GateResult } from '../run/verdicts.js'
import type { FileFailure, ReportEntry, UnevaluatedFailure, Verdict } from './evaluated-test.js'
import { formatBound, formatChange, formatMetric, formatMetricApart, formatMetricFixed, formatMetricFixedApart, formatPClause } from '../run/format-metric.js'
import { withheldIntervalNote } from '../run/interval-notes.js'
import { entryOfChange } from './baseline-entry-name.js'
import { changeDirection, headlineMetrics, overallBaselineRow } from './headline-metrics.js'
import { verdictCounts } from '../baselines/diff-table.js'
import { escapeHtml as e, fileHref, uriComponent } from './html-escape.js'
import { REPORT_CSS } from './html-style.js'
import type { RunPlot } from './plots/run-plots.js'
import { failedFirst, failsAsExpected, otherRunOfError, UNCHECKED_NOTE } from './report-entries.js'
import { failedRowsText } from '../run/failed-rows.js'
import { misclassifiedArtifact } from './run-artifacts.js'
import { slicesWorstFirst } from './slice-ranking.js'
import { textRunSectionsHtml } from './text-sections.js'
import { CONTENT_SECURITY_POLICY_META } from '../run/content-security-policy.js'

/** What the HTML page shows for one entry besides the entry itself. */
export interface HtmlEntry {
  entry: ReportEntry
  plots: RunPlot[]
  /** Files written in the entry's folder (for links), relative to the results folder. */
  files: string[]
}

export interface HtmlOptions {
  /** Rows of the misclassified table per run. Default 20. */
  maxMisclassifiedRows?: number
  /** Shown in the header; the time the report was written. */
  generatedAt?: string
  /** Link to the baseline history page (`evalgate history`), relative to `index.html`. */
  historyHref?: string
  /** The embedded baseline history section (`history-section.ts`), after the summary. */
  historySection?: string
  /**
   * Plots are inlined while all of them together stay within this many bytes of SVG (default
   * {@link INLINE_PLOTS_LIMIT}); above it every plot is an `<img>` of its file in the run's folder.
   */
  inlinePlotsLimit?: number
  /** Failures outside any test (an obsolete baseline entry under CI): a callout at the top, since they fail the run. */
  fileFailures?: readonly FileFailure[]
  /** Failed tests that recorded no evaluated run (`evaluate()` threw): a callout at the top, since they fail the run. */
  unevaluatedFailures?: readonly UnevaluatedFailure[]
}

/**
 * SVG bytes a page inlines (about 50 runs' plots at plot resolution): a small report stays one
 * self-contained file; a suite's page refers to the plots it has written beside it anyway, so it
 * opens at once instead of parsing megabytes of SVG.
 */
export const INLINE_PLOTS_LIMIT = 1_000_000

/**
 * Renders `index.html`: one page (inline CSS; inline SVG up to `inlinePlotsLimit`, else `<img>`
 * of the plot files beside it; no script, no network; a Content-Security-Policy forbids both) with a summary table of every evaluated run (failed
 * runs first, then warnings, passes, skips; in test order within each), then per run its gates, metrics with intervals and baseline changes, plots, slices worst first, the
 * per-class table, the baseline comparison and the first misclassified rows. Every string from
 * the data is escaped.
 */
export function renderHtmlReport(unordered: readonly HtmlEntry[], options: HtmlOptions = {}): string {
  const items = failedFirst(unordered, (item) => item.entry.verdict)
  let plotBytes = 0
  for (const item of items) for (const plot of item.plots) plotBytes += plot.svg.length
  const inlinePlots = plotBytes <= (options.inlinePlotsLimit ?? INLINE_PLOTS_LIMIT)
  const counts = countVerdicts(items.map((i) => i.entry.verdict))
  const body = [
    `<header class="top"><h1>evalgate · evaluation report</h1>`,
    `<div class="sub">${items.length} evaluated run${items.length === 1 ? '' : 's'}${options.generatedAt ? ` · generated <time>${e(options.generatedAt)}</time>` : ''}${options.historyHref ? ` · <a href="${e(options.historyHref)}" style="color:#93c5fd" title="written by npx evalgate history">baseline history</a>` : ''}</div>`,
    // A failure outside any test fails the run: its badge comes first (the counts of runs alone read as a green run).
    `<div class="counts">${outsideBadge(options.fileFailures ?? [])}${unevaluatedBadge(options.unevaluatedFailures ?? [])}${(['fail', 'unchecked', 'warn', 'pass', 'skip'] as const)
      .filter((v) => counts[v] > 0)
      .map((v) => `<span class="badge ${v}">${counts[v]} ${verdictWord(v)}</span>`)
      .join('')}</div></header>`,
    '<main>',
    fileFailureSection(options.fileFailures ?? []),
    unevaluatedSection(options.unevaluatedFailures ?? []),
    summarySection(items),
    options.historySection ?? '',
    ...items.map((item) => runSection(item, options, inlinePlots)),
    '<footer>Written by the evalgate reporter. Intervals are 95% unless stated; each states its method.</footer>',
    '</main>',
  ].join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${CONTENT_SECURITY_POLICY_META}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>evalgate report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`
}

function outsideBadge(failures: readonly FileFailure[]): string {
  return failures.length === 0 ? '' : `<span class="badge fail">${failures.length} failed outside any test</span>`
}

function fileFailureSection(failures: readonly FileFailure[]): string {
  if (failures.length === 0) return ''
  const items = failures.map((f) => `<li><b>${e(f.file)}</b><div class="callout error">${e(f.message)}</div></li>`).join('')
  return `<section class="card"><div class="callout worst"><b>Failed outside any test (${failures.length})</b>: these fail the run too.<ul>${items}</ul></div></section>`
}

function unevaluatedBadge(failures: readonly UnevaluatedFailure[]): string {
  return failures.length === 0 ? '' : `<span class="badge fail">${failures.length} test${failures.length === 1 ? '' : 's'} failed without evaluating</span>`
}

/** The failed tests that evaluated no model (an `evaluate()` that threw): file, name, first error. */
function unevaluatedSection(failures: readonly UnevaluatedFailure[]): string {
  if (failures.length === 0) return ''
  const items = failures.map((f) => `<li><b>${e(f.title)}</b> <span class="iv">${e(f.file)}</span><div class="callout error">${e(f.message)}</div></li>`).join('')
  return `<section class="card" id="failed-without-evaluating"><div class="callout worst"><b>Tests that failed without evaluating a model (${failures.length})</b>: these fail the run; no run of theirs is below.<ul>${items}</ul></div></section>`
}

function summarySection(items: readonly HtmlEntry[]): string {
  if (items.length === 0) return '<section class="card"><h2>Summary</h2><p>No test evaluated a model in this run.</p></section>'
  const rows = items.map(({ entry }) => {
    const { run } = entry
    const headline = headlineMetrics(run, entry.baselines, 3, entry.gates)
    const metrics = headline
      .map((m) => `<span class="metric"><span class="name">${e(m.name)}</span><b>${formatMetric(m.value)}</b> ${m.intervalWithheld ? '<span class="iv">(no interval)</span>' : intervalText(m.interval)}</span>`)
      .join('')
    const changes = headline
      .filter((m) => m.baseline && m.baseline.change !== null)
      .map((m) => `<span class="metric"><span class="name">${e(m.name)}</span>${changeHtml(m.baseline?.change, m.greaterIsBetter, m.baseline?.verdict)}${m.baseline?.verdict === 'untested' ? ' <span class="iv">(not compared)</span>' : ''}${m.baseline?.entry === undefined ? '' : ` <span class="iv">${e(entryOfChange(m.baseline.entry))}</span>`}</span>`)
      .join('')
    const on = changes === '' ? undefined : comparedOnText(entry.baselines)
    const { metric, slices } = slicesWorstFirst(run)
    const worst = metric !== undefined ? slices.find((s) => typeof s.metrics[metric] === 'number') : undefined
    const failedGates = entry.gates.filter((g) => !g.pass).length
    // Rows the model failed on (left out of the metrics) are said beside the examples counted (adversarial pass 36).
    const failedRows = failedRowsText(run)
    return `<tr>
<td>${verdictBadge(entry.verdict)}<div class="iv">${entry.gates.length === 0 ? 'no gates' : `${entry.gates.length - failedGates}/${entry.gates.length} gates`}</div></td>
<td><a href="#${e(uriComponent(entry.anchor))}">${e(entry.title)}</a><div class="iv">${e(entry.test.file)} · ${e(run.modelType)} · ${run.exampleCount} examples${failedRows === undefined ? '' : ` · <b class="worse">${e(failedRows)}</b>`}</div></td>
<td>${metrics}</td>
<td>${changes || (entry.verdict === 'unchecked' ? '<span class="same">not checked</span>' : baselineStatusText(entry.baselines, failsAsExpected(entry.test), entry.test.state === 'failed'))}${on === undefined ? '' : `<div class="iv">${e(on)}</div>`}</td>
<td>${worst && metric ? `${e(worst.key)}<div class="iv">${e(metric)} ${formatMetric(worst.metrics[metric])}</div>` : '<span class="same">—</span>'}</td>
</tr>`
  })
  return `<section class="card" id="summary"><h2>Summary</h2><div class="table-wrap"><table class="summary">
<thead><tr><th>Verdict</th><th>Test</th><th>Headline metrics (95% interval)</th><th>Change vs baseline</th><th>Worst slice</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div></section>`
}

function runSection(item: HtmlEntry, options: HtmlOptions, inlinePlots: boolean): string {
  const { entry, plots } = item
  const { run } = entry
  const parts: string[] = []
  parts.push(`<section class="card run" id="${e(entry.anchor)}">`)
  parts.push(`<h2>${verdictBadge(entry.verdict)} ${e(entry.title)}</h2>`)
  const failedText = failedRowsText(run)
  parts.push(
    `<div class="meta">${e(entry.test.file)} · ${e(run.modelType)}${run.labels ? ` · ${run.labels.length} classes` : ''}${run.posLabel === undefined ? '' : ` (positive label <code>${e(run.posLabel)}</code>)`} · ${run.exampleCount} examples${failedText === undefined ? '' : ` (<b class="worse">${e(failedText)}</b>)`} · dataset <code>${e(run.dataset.fingerprint.slice(0, 12))}</code>${run.dataset.source ? ` (${e(run.dataset.source)})` : ''} · model ${e(run.model.name ?? run.model.kind)} · <a href="${e(fileHref(`${entry.folderName}/run.json`))}">run.json</a></div>`,
  )
  if (entry.verdict === 'unchecked') parts.push(`<div class="callout note">${e(UNCHECKED_NOTE)}</div>`)
  // An error of another run's assertion (a test of runs a and b failing on a's MAE) is said to be
  // that run's, in a note, not a red box under this run (adversarial pass 35).
  for (const error of entry.test.errors) {
    const other = otherRunOfError(entry, error)
    parts.push(other === undefined ? `<div class="callout error">${e(error)}</div>` : `<div class="callout note">The test failed on an assertion on run <b>${e(other)}</b>, not on this run: ${e(firstLineOfError(error))}</div>`)
  }
  for (const warning of entry.warnings) parts.push(`<div class="callout note">⚠ ${e(warning)}</div>`)
  parts.push(worstSliceCallout(entry))
  if (entry.gates.length > 0) parts.push('<h3>Gates</h3>', gatesList(entry.gates))
  parts.push('<h3>Metrics</h3>', metricsTable(run, entry.baselines))
  if (plots.length > 0) {
    parts.push('<h3>Plots</h3><div class="plots">')
    for (const plot of plots) {
      const wide = plot.fileName.startsWith('confusion_matrix') && (run.labels?.length ?? 0) > 12
      const href = e(fileHref(`${entry.folderName}/${plot.fileName}`))
      parts.push(
        `<figure class="${wide ? 'wide' : ''}" data-plot="${e(plot.fileName)}">${inlinePlots ? plot.svg : plotImage(plot, href)}<figcaption>${e(plot.title)} · <a href="${href}">${e(plot.fileName)}</a>${plot.note ? ` · ${e(plot.note)}` : ''}</figcaption></figure>`,
      )
    }
    parts.push('</div>')
  }
  // Text types show their slices as means of the per-row scores (with the worst rows) instead.
  const textSections = textRunSectionsHtml(run, options.maxMisclassifiedRows ?? 20)
  if (textSections === '' && Object.keys(run.slices).length > 0) parts.push('<h3>Slices (worst first)</h3>', slicesTable(entry))
  parts.push(textSections)
  if (run.perClass && run.perClass.length > 0) parts.push('<h3>Per class</h3>', perClassTable(run))
  if (entry.baselines.length > 0) parts.push('<h3>Baseline comparison</h3>', baselineTables(entry.baselines, failsAsExpected(entry.test)))
  const misclassified = misclassifiedArtifact(run.artifacts)
  if (misclassified) parts.push(`<h3>${run.modelType === 'classifier' ? 'First misclassified rows' : 'Largest errors'}</h3>`, rowsTable(misclassified.content.columns, misclassified.content.rows, options.maxMisclassifiedRows ?? 20))
  if (item.files.length > 0) {
    parts.push('<h3>Files</h3><p>', item.files.map((f) => `<a href="${e(fileHref(f))}">${e(f.slice(entry.folderName.length + 1))}</a>`).join(' · '), '</p>')
  }
  if (run.notes.length > 0) parts.push('<h3>Notes</h3><ul>', ...run.notes.map((n) => `<li>${e(n)}</li>`), '</ul>')
  parts.push('</section>')
  return parts.join('\n')
}

/** The first line of an error that says what failed: a matcher's hint line (`expect(run).toHaveMetric(…)`) skipped. */
function firstLineOfError(error: string): string {
  const lines = error.split('\n').map((line) => line.trim()).filter((line) => line !== '')
  return lines.find((line) => !line.startsWith('expect(')) ?? lines[0] ?? ''
}

/**
 * A plot as an image of its file in the run's folder, sized as the SVG says (so the page does not
 * move as images arrive) and loaded when scrolled near.
 */
function plotImage(plot: RunPlot, href: string): string {
  const size = /^<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(plot.svg)
  const dimensions = size ? ` width="${Math.round(Number(size[1]))}" height="${Math.round(Number(size[2]))}"` : ''
  return `<img src="${href}" alt="${e(plot.title)}"${dimensions} loading="lazy" decoding="async">`
}

/** The worst slice of the run by its ranking metric, and whether the test failed on that slice. */
function worstSliceOf(entry: ReportEntry): { metric: string; slice: SliceResult; failed: boolean } | undefined {
  const { metric, worst: slice } = slicesWorstFirst(entry.run)
  if (metric === undefined || !slice) return undefined
  const failed =
    entry.gates.some((g) => !g.pass && g.slice === slice.key) ||
    entry.baselines.some((b) => b.rows.some((r) => r.verdict === 'fail' && r.slice === slice.key))
  return { metric, slice, failed }
}

/**
 * The worst-slice call-out: red only when the test failed on that slice (a gate or a baseline
 * row), neutral otherwise; the gap to the overall value is said in words ("worse by 0.0311"),
 * whichever way the metric points.
 */
function worstSliceCallout(entry: ReportEntry): string {
  const worst = worstSliceOf(entry)
  if (!worst) return ''
  const { metric, slice, failed } = worst
  const { run } = entry
  const value = slice.metrics[metric]
  const overall = run.metrics[metric]
  let gap = ''
  if (typeof overall === 'number' && Number.isFinite(overall)) {
    const worse = (run.greaterIsBetter[metric] ?? true) ? overall - value : value - overall
    const words = worse > 0 ? `worse by ${formatMetricFixed(worse)}` : worse < 0 ? `better by ${formatMetricFixed(-worse)}` : 'the same'
    gap = ` · overall ${formatMetric(overall)}; this slice is ${words}`
  }
  return `<div class="callout ${failed ? 'worst' : 'note'}"><b>Worst slice:</b> ${e(slice.key)} — ${e(metric)} <b>${formatMetric(value)}</b> ${intervalText(slice.intervals[metric])} on ${slice.exampleCount} examples${gap}${failed ? ' · <b>the test failed on this slice</b>' : ''}</div>`
}

function gatesList(gates: readonly GateResult[]): string {
  const items = gates.map((g) => {
    const verdict: Verdict = !g.pass ? 'fail' : g.withinNoise === true || g.expectedFailure === true ? 'warn' : 'pass'
    const value = g.value !== undefined ? ` <span class="iv">value ${formatMetricApart(g.value, g.threshold)}${g.threshold !== undefined ? `, threshold ${formatBound(g.threshold)}` : ''}${g.interval ? `, ${intervalPlain(g.interval)}` : ''}</span>` : ''
    return `<li>${badge(verdict)}<div><b>${e(g.title)}</b>${value}${gateMessage(g.message)}</div></li>`
  })
  return `<ul class="gates">${items.join('')}</ul>`
}

/** Characters of a gate's message shown before the rest is folded. */
const GATE_MESSAGE_SHOWN = 400

/**
 * A gate's message; a long one (a baseline gate listing 48 drops within noise and 24
 * improvements ran to a screen of monospace) shows its first {@link GATE_MESSAGE_SHOWN}
 * characters, cut at a space, and the whole message folded under them.
 */
function gateMessage(message: string): string {
  if (message.length <= GATE_MESSAGE_SHOWN * 1.5) return `<div class="msg">${e(message)}</div>`
  const space = message.lastIndexOf(' ', GATE_MESSAGE_SHOWN)
  const head = message.slice(0, space > GATE_MESSAGE_SHOWN / 2 ? space : GATE_MESSAGE_SHOWN)
  return `<div class="msg">${e(head)} …</div><details><summary>the whole message (${message.length.toLocaleString('en-US')} characters)</summary><div class="msg">${e(message)}</div></details>`
}

function metricsTable(run: EvalRun, baselines: readonly BaselineComparison[]): string {
  const rows = Object.entries(run.metrics).map(([name, value]) => {
    const interval = run.intervals[name]
    // Where the engine withheld the interval, the row says so and the note (Notes, below) why.
    const withheld = interval === undefined ? withheldIntervalNote(run.notes, name) : undefined
    // Undefined for metrics without a direction (example_count, sum_on_target, mean_on_target).
    const greater: boolean | undefined = run.greaterIsBetter[name]
    const base = overallBaselineRow(baselines, name)
    return `<tr><td>${e(name)}${run.customMetrics.includes(name) ? ' <span class="badge info">custom</span>' : ''}</td><td class="num"><b>${formatMetric(value)}</b></td><td class="num">${interval ? `${formatMetric(interval.lower)} – ${formatMetric(interval.upper)}` : withheld ? 'none' : ''}</td><td class="iv">${interval ? e(`${Math.round(interval.level * 100)}% ${interval.method}`) : withheld ? `<span title="${e(withheld)}">see Notes</span>` : ''}</td><td class="iv">${greater === undefined ? 'no direction' : greater ? 'higher is better' : 'lower is better'}</td><td class="num">${base ? formatMetric(base.baseline) : ''}</td><td class="num">${base ? changeHtml(base.change, greater, base.verdict) : ''}</td><td>${base ? `${badge(baselineVerdictClass(base.verdict), verdictText(base.verdict))}${base.entry === undefined ? '' : ` <span class="iv" title="${e(`the worst verdict among the run's baseline entries: entry ${base.entry}`)}">(${e(base.entry)})</span>`}` : ''}</td></tr>`
  })
  const on = comparedOnText(baselines)
  const caption = on === undefined ? '' : `<caption class="iv">Baseline and change ${e(on)} (the rows the baseline also holds); value and interval of all rows</caption>`
  return `<div class="table-wrap"><table>${caption}<thead><tr><th>Metric</th><th class="num">Value</th><th class="num">Interval</th><th>Method</th><th>Direction</th><th class="num">Baseline</th><th class="num">Change</th><th>Verdict</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
}

function slicesTable(entry: ReportEntry): string {
  const { run } = entry
  const { metric, slices } = slicesWorstFirst(run)
  const failedOnWorst = worstSliceOf(entry)?.failed === true
  const others = new Set<string>()
  for (const s of slices) for (const m of Object.keys(s.metrics)) if (m !== metric) others.add(m)
  const extra = [...others].slice(0, 4)
  const head = `<tr><th>Slice</th><th class="num">Examples</th>${metric ? `<th class="num">${e(metric)}</th><th class="num">Interval</th>` : ''}${extra.map((m) => `<th class="num">${e(m)}</th>`).join('')}<th>Notes</th></tr>`
  let worstMarked = false
  const rows = slices.map((s) => {
    const has = metric !== undefined && typeof s.metrics[metric] === 'number'
    const worst = has && !worstMarked
    if (worst) worstMarked = true
    return `<tr class="${worst ? (failedOnWorst ? 'worst failed' : 'worst') : ''}"><td class="slice-key">${e(s.key)}${worst ? ` <span class="badge ${failedOnWorst ? 'fail' : 'info'}">worst</span>` : ''}</td><td class="num">${s.exampleCount}</td>${metric ? `<td class="num"><b>${has ? formatMetric(s.metrics[metric]) : '—'}</b></td><td class="num iv">${intervalPlain(s.intervals[metric])}</td>` : ''}${extra.map((m) => `<td class="num">${typeof s.metrics[m] === 'number' ? formatMetric(s.metrics[m]) : '—'}</td>`).join('')}<td class="iv note">${e(s.notes.join('; '))}</td></tr>`
  })
  return `<div class="table-wrap"><table class="slices"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`
}

/**
 * The per-class table; each F1 has a bar of its length on a 0–1 scale, all of one colour: no cut-off
 * is set for a class's F1, so none is drawn as failing (a failed `toHaveClassMetric` shows as a gate).
 */
function perClassTable(run: EvalRun): string {
  const rows = (run.perClass ?? []).map((c) => {
    return `<tr><td>${e(c.label)}</td><td class="num">${formatMetric(c.precision)}</td><td class="num">${formatMetric(c.recall)}</td><td class="num">${formatMetric(c.f1)}<span class="bar" style="width:${Math.round(Math.max(0, Math.min(1, c.f1)) * 60)}px"></span></td><td class="num">${c.support}</td><td class="num">${c.predicted}</td></tr>`
  })
  return `<div class="table-wrap"><table class="per-class"><thead><tr><th>Class</th><th class="num">Precision</th><th class="num">Recall</th><th class="num">F1</th><th class="num">Support</th><th class="num">Predicted</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
}

/** Slice rows that did not fail listed in a baseline table (more fold away), and notes shown before the rest fold away. */
const MAX_LISTED_SLICE_ROWS = 10
const MAX_LISTED_NOTES = 3

/**
 * Per baseline entry: its status, its notes (the reason it failed first; beyond a few, the rest
 * folded) and its rows: failing rows first, then the overall metrics, then the slice rows that did
 * not fail, folded into a <details> (no script needed) when they only passed or are many.
 */
/** `expected`: the run's test is a `test.fails` that failed as it expects, so a failed entry is its expected failure (adversarial pass 66). */
function baselineTables(baselines: readonly BaselineComparison[], expected = false): string {
  const head = '<thead><tr><th>Metric</th><th>Slice</th><th class="num">Baseline</th><th class="num">Current</th><th class="num">Change</th><th>Allowed</th><th>Verdict</th><th>Test</th></tr></thead>'
  return baselines
    .map((b) => {
      const failed = b.rows.filter((r) => r.verdict === 'fail' || r.verdict === 'missing')
      const others = b.rows.filter((r) => !failed.includes(r))
      const otherSlices = others.filter((r) => r.slice !== undefined)
      const foldAll = otherSlices.length > MAX_LISTED_SLICE_ROWS
      const folded = otherSlices.filter((r) => foldAll || r.verdict === 'pass')
      const shown = [...failed, ...others.filter((r) => !folded.includes(r))]
      const table = (rows: typeof b.rows) => `<div class="table-wrap"><table class="baseline">${head}<tbody>${rows.map(baselineRow).join('')}</tbody></table></div>`
      const callouts = (notes: readonly string[]) => notes.map((n) => `<div class="callout note">${e(n)}</div>`).join('')
      const moreNotes = b.notes.slice(MAX_LISTED_NOTES)
      return [
        `<p>${baselineStatusBadge(b.status, expected)} <code>${e(b.file)}</code> · ${e(b.key)}</p>`,
        callouts(b.notes.slice(0, MAX_LISTED_NOTES)),
        moreNotes.length > 0 ? `<details><summary>${moreNotes.length} more notes</summary>${callouts(moreNotes)}</details>` : '',
        shown.length > 0 ? table(shown) : '',
        folded.length > 0 ? `<details><summary>${folded.length} slice rows that did not fail: ${e(verdictCounts(folded))}</summary>${table(folded)}</details>` : '',
      ].join('')
    })
    .join('\n')
}

/** A row of a run's baseline table: its values in the fixed-width form, as the matcher's failure table and summary.md print them. */
function baselineRow(r: BaselineComparison['rows'][number]): string {
  return `<tr><td>${e(r.metric)}</td><td>${r.slice ? e(r.slice) : '<span class="same">overall</span>'}</td><td class="num">${formatMetricFixedApart(r.baseline, r.threshold)}</td><td class="num">${formatMetricFixedApart(r.current, r.threshold)}</td><td class="num">${changeHtml(r.change, r.greaterIsBetter, r.verdict)}</td><td class="iv">${e(r.allowed)}</td><td>${badge(baselineVerdictClass(r.verdict), verdictText(r.verdict))}</td><td class="iv">${e(r.test ?? '')}${r.pValue !== undefined ? ` ${e(formatPClause(r.pValue))}` : ''}</td></tr>`
}

function rowsTable(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>, limit: number): string {
  const shown = rows.slice(0, limit)
  const body = shown.map((row) => `<tr>${columns.map((c) => cellHtml(row[c])).join('')}</tr>`).join('')
  const more = rows.length > shown.length ? `<p class="iv">${shown.length} of ${rows.length} rows shown; all are in the CSV.</p>` : ''
  return `<div class="table-wrap"><table class="rows"><thead><tr>${columns.map((c) => `<th>${e(c)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></div>${more}`
}

function cellHtml(value: unknown): string {
  if (typeof value === 'number') return `<td class="num">${formatMetric(value)}</td>`
  if (value === null || value === undefined) return '<td></td>'
  return `<td class="text">${e(typeof value === 'string' ? value : JSON.stringify(value))}</td>`
}

function intervalText(interval: MetricInterval | undefined): string {
  return interval ? `<span class="iv">[${formatMetric(interval.lower)}, ${formatMetric(interval.upper)}]</span>` : ''
}

function intervalPlain(interval: MetricInterval | undefined): string {
  return interval ? `[${formatMetric(interval.lower)}, ${formatMetric(interval.upper)}]` : ''
}

/**
 * A change against the baseline, coloured by its direction and, where the row's verdict is known,
 * by that: a drop is red only where it failed, amber within noise, grey within what is allowed
 * (within-noise drops of a WARN run were drawn in the failures' red: adversarial pass 54).
 */
function changeHtml(change: number | null | undefined, greaterIsBetter: boolean | null | undefined, verdict?: BaselineMetricVerdict['verdict']): string {
  if (change === null || change === undefined) return '<span class="same">new</span>'
  // A metric without a direction (null) changed neither for the better nor the worse: no colour.
  // Nor did a metric defined differently from the stored one (`untested`): its values are another metric's.
  const direction = greaterIsBetter === undefined || greaterIsBetter === null || verdict === 'untested' ? 'same' : changeDirection(change, greaterIsBetter)
  const shade = direction !== 'worse' || verdict === undefined || verdict === 'fail' || verdict === 'missing' ? direction : verdict === 'noise' ? 'noisy' : 'same'
  const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '='
  return `<span class="${shade}">${arrow} ${formatChange(change)}</span>`
}

function baselineStatusText(baselines: readonly BaselineComparison[], expected = false, testFailed = false): string {
  // A failed test may have stopped before its toMatchBaseline(): "no baseline" read as a file
  // missing where one was committed (adversarial pass 67).
  if (baselines.length === 0) return testFailed ? '<span class="same">not compared (the test failed before any baseline check)</span>' : '<span class="same">no baseline</span>'
  return baselines.map((b) => baselineStatusBadge(b.status, expected)).join(' ')
}

/** An entry's status as a badge; a failed entry of a `test.fails` run that failed as it expects is a warning that says so. */
function baselineStatusBadge(status: BaselineComparison['status'], expected: boolean): string {
  return expected && status === 'failed' ? badge('warn', 'failed, as test.fails expects') : badge(baselineStatusClass(status), status)
}

/** A run's verdict as a badge; an unchecked run's reads "not checked". */
function verdictBadge(verdict: Verdict): string {
  return verdict === 'unchecked' ? badge(verdict, 'not checked') : badge(verdict)
}

function badge(verdict: Verdict | 'info', text: string = verdict): string {
  return `<span class="badge ${verdict}">${e(text)}</span>`
}

/** A baseline row's verdict as the badge says it: a metric defined differently is `not compared`, as the failure's table says. */
function verdictText(verdict: BaselineMetricVerdict['verdict']): string {
  return verdict === 'untested' ? 'not compared' : verdict
}

function baselineVerdictClass(verdict: string): Verdict | 'info' {
  if (verdict === 'fail') return 'fail'
  if (verdict === 'noise' || verdict === 'missing') return 'warn'
  if (verdict === 'pass' || verdict === 'improved') return 'pass'
  return 'info'
}

function baselineStatusClass(status: BaselineComparison['status']): Verdict | 'info' {
  if (status === 'failed') return 'fail'
  if (status === 'data-changed' || status === 'definition-changed' || status === 'missing') return 'warn'
  if (status === 'passed') return 'pass'
  return 'info'
}

function verdictWord(verdict: Verdict): string {
  // A count of runs: "1 with warnings", not "1 warnings" (adversarial pass 35).
  return { pass: 'passed', fail: 'failed', warn: 'with warnings', skip: 'skipped', unchecked: 'not checked' }[verdict]
}

function countVerdicts(verdicts: readonly Verdict[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { pass: 0, fail: 0, warn: 0, skip: 0, unchecked: 0 }
  for (const v of verdicts) counts[v]++
  return counts
}
