/**
 * The static page of `evalgate compare`: N runs side by side in one offline HTML file (no
 * script; plots as inline SVG). Sections, in order: the clearest changes against the first run (smallest p first)
 * (the "did it improve F1 on technical support?" answer, on the first screen), the note on the
 * tests (paired where a run shares the first run's rows and outputs, else unpaired), the runs, every metric with its
 * interval overall and per slice, the per-class tables, the ROC, PR and calibration curves
 * overlaid, the regressor plots (predicted vs actual, residuals) overlaid, and the confusion
 * matrices with their difference from the first run's. Every string from the runs
 * goes through `escapeHtml`; every number through the one formatter (`data-value` keeps the
 * full value for machines and tests).
 *
 * It lives in the reporter (layer 5) because it reuses the reporter's escaping and Vega plots;
 * the numbers come from `src/compare/report` (layer 4).
 */
import { formatChange, formatMetricFixed } from '../run/format-metric.js'
import type { PrCurve, RocCurve } from '../run/types.js'
import { formatCell, formatChangeCell, formatPValue, scopeLabel, testHeading, verdictWords } from '../compare/report/comparison-cells.js'
import { COMPARE_ALPHA, type MetricCell, type MetricChange, type RunComparison } from '../compare/report/run-comparison.js'
import { calibrationSection, regressorPlotsSection } from './compare-overlays.js'
import { escapeHtml } from './html-escape.js'
import { REPORT_CSS } from './html-style.js'
import { curveChartSpec } from './plots/curve-lines.js'
import { renderVegaSvg } from './plots/vega-svg.js'

/** Options of {@link renderComparePage}. */
export interface ComparePageOptions {
  /** Classes drawn in the overlaid ROC and PR charts (default 10). */
  maxCurveClasses?: number
}

const COMPARE_CSS = `
main h3{text-transform:none;letter-spacing:0}
.scroll{overflow-x:auto}
table.cmp{border-collapse:collapse;width:100%;font-size:13px;margin:0 0 12px}
table.cmp th,table.cmp td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
table.cmp td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
table.cmp th{background:#f9fafb;font-weight:600}
.glance .verdict{font-size:10.5px;padding:0 5px}
table.largest td.num{white-space:normal;min-width:5.5em}
table.largest .verdict{white-space:nowrap}
.glance td{font-size:12px}
.verdict{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600}
.verdict.better{background:var(--pass-bg);color:var(--pass)}
.verdict.worse{background:var(--fail-bg);color:var(--fail)}
.verdict.no-clear-change,.verdict.untested{background:var(--skip-bg);color:var(--skip)}
.note{border-left:4px solid var(--warn);background:var(--warn-bg);padding:10px 14px;border-radius:6px;margin:0 0 16px}
.note.shared{border-left-color:var(--accent);background:#eff6ff}
.plots{display:flex;flex-wrap:wrap;gap:16px}
.matrices{display:flex;flex-wrap:wrap;gap:24px}
td.up{background:#dcfce7}td.down{background:#fee2e2}
td.off.up{background:#fee2e2}td.off.down{background:#dcfce7}
`

const num = (value: number | undefined): string => (value === undefined ? '' : ` data-value="${escapeHtml(String(value))}"`)

function cellTd(cell: MetricCell): string {
  return `<td class="num"${num(cell.value)}>${escapeHtml(formatCell(cell))}</td>`
}

function verdictBadge(change: MetricChange): string {
  return `<span class="verdict ${change.verdict.replace(/ /g, '-')}">${escapeHtml(verdictWords(change))}</span>`
}

function changeTd(change: MetricChange | undefined): string {
  if (!change) return '<td class="num">—</td>'
  const test = change.test ? ` data-test="${escapeHtml(change.test)}"` : ''
  const p = change.pValue !== undefined ? ` data-p="${escapeHtml(String(change.pValue))}"` : ''
  return `<td class="num" data-change="${escapeHtml(String(change.change))}"${test}${p} data-verdict="${escapeHtml(change.verdict)}">${escapeHtml(formatChangeCell(change))}</td>`
}

function runHeads(comparison: RunComparison): string {
  return comparison.runs.map((run, i) => `<th>${i + 1}. ${escapeHtml(run.name)}</th>`).join('')
}

/**
 * How a verdict is reached, by the tests the runs got (the note at the top says which): for a
 * paired run after Holm's correction over the run's family, so a row with p below the level can
 * read "not significant after correcting for N tests" (adversarial pass 38: the subtitle said "two-sided p < 0.05" beside such
 * a row); for an unpaired run at the test's own two-sided p.
 */
function verdictRule(comparison: RunComparison): string {
  const later = comparison.testing.slice(1)
  const paired = later.some((t) => t?.paired)
  const unpaired = later.some((t) => t !== undefined && !t.paired && !t.untested)
  const holm = `after Holm's correction over the run's family of tests at ${COMPARE_ALPHA} (a row's two-sided p below ${COMPARE_ALPHA} can still be not significant after the correction)`
  const plain = `at two-sided p < ${COMPARE_ALPHA}`
  if (paired && unpaired) return `paired runs: ${holm}; unpaired runs: ${plain}`
  return paired ? holm : plain
}

function largestChangesSection(comparison: RunComparison): string {
  const { runs } = comparison
  // Paired tests give no z: a column of n/a in every row is left out.
  const withZ = comparison.largestChanges.some(({ change }) => change.z !== undefined)
  const rows = comparison.largestChanges
    .map(({ row, runIndex, change }) =>
      `<tr data-scope="${escapeHtml(row.scope)}" data-metric="${escapeHtml(row.metric)}" data-run="${runIndex + 1}">` +
      `<td>${escapeHtml(scopeLabel(row.scope))}</td><td>${escapeHtml(row.metric)}</td><td>${runIndex + 1}. ${escapeHtml(runs[runIndex].name)}</td>` +
      `${cellTd(row.cells[0])}${cellTd(row.cells[runIndex])}` +
      `<td class="num" data-change="${escapeHtml(String(change.change))}">${escapeHtml(formatChange(change.change))}</td><td>${verdictBadge(change)}</td>` +
      `<td class="num" data-p="${escapeHtml(String(change.pValue))}">${escapeHtml(formatPValue(change.pValue))}</td>${withZ ? `<td class="num">${escapeHtml(change.z === undefined ? 'n/a' : change.z.toFixed(2))}</td>` : ''}<td>${escapeHtml(change.test ?? 'unpaired-normal')}</td></tr>`,
    )
    .join('')
  const body = rows
    ? `<div class="scroll"><table class="cmp largest"><thead><tr><th>scope</th><th>metric</th><th>run</th><th>run 1</th><th>this run</th><th>change</th><th>verdict</th><th>p (two-sided)</th>${withZ ? '<th>z (+ = better)</th>' : ''}<th>test</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : '<p>No tested change (no metric has intervals in both runs).</p>'
  return `<section class="card" id="largest-changes" data-section="largest-changes"><h2>Clearest changes against run 1 (${escapeHtml(runs[0].name)}), smallest p first</h2><p class="meta">Ordered by the evidence of a change (smallest p first), not by its size: sizes of different metrics are not on one scale; the verdict beside each change, ${escapeHtml(verdictRule(comparison))}. The note above says which test each run got.</p>${body}</section>`
}

/** One grid per later run: scopes down, metrics across, each cell the change and its verdict. */
function glanceSection(comparison: RunComparison): string {
  const scopes = [...new Set(comparison.rows.map((row) => row.scope))]
  const metrics = [...new Set(comparison.rows.filter((row) => row.changes.some((c) => c?.pValue !== undefined)).map((row) => row.metric))]
  if (metrics.length === 0) return ''
  const grids = comparison.runs.slice(1).map((run, k) => {
    const index = k + 1
    const body = scopes
      .map((scope) => {
        const cells = metrics.map((metric) => {
          const row = comparison.rows.find((r) => r.scope === scope && r.metric === metric)
          const change = row?.changes[index]
          if (!change) return '<td class="num">—</td>'
          const cls = change.verdict === 'better' ? ' up' : change.verdict === 'worse' ? ' down' : ''
          return `<td class="num${cls}" data-scope="${escapeHtml(scope)}" data-metric="${escapeHtml(metric)}" data-change="${escapeHtml(String(change.change))}" title="${escapeHtml(formatChangeCell(change))}">${escapeHtml(formatChange(change.change))} ${verdictBadge(change)}</td>`
        })
        return `<tr><th>${escapeHtml(scopeLabel(scope))}</th>${cells.join('')}</tr>`
      })
      .join('')
    return `<h3>${index + 1}. ${escapeHtml(run.name)} − 1. ${escapeHtml(comparison.runs[0].name)}</h3><div class="scroll"><table class="cmp glance" data-run="${index + 1}"><thead><tr><th>scope</th>${metrics.map((m) => `<th>${escapeHtml(m)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></div>`
  })
  return `<section class="card" id="glance" data-section="glance"><h2>Changes at a glance</h2><p class="meta">Each run against run 1: change (current − first) with its verdict, ${escapeHtml(verdictRule(comparison))}, as the note above says; hover a cell for p and the test.</p>${grids.join('')}</section>`
}

function noteSection(comparison: RunComparison): string {
  return `<div class="note${comparison.sharedData ? ' shared' : ''}" id="test-note" data-section="test-note" data-shared-data="${comparison.sharedData}" data-paired-runs="${comparison.testing.flatMap((t, i) => (t?.paired ? [i + 1] : [])).join(',')}"><strong>${escapeHtml(testHeading(comparison))}</strong> ${escapeHtml(comparison.testNote)}</div>`
}

function runsSection(comparison: RunComparison): string {
  const rows = comparison.runs
    .map((run, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(run.name)}</td><td><code>${escapeHtml(run.source)}</code></td><td>${escapeHtml(run.modelType)}</td><td class="num"${num(run.exampleCount)}>${escapeHtml(String(run.exampleCount))}</td><td><code title="${escapeHtml(run.fingerprint)}">${escapeHtml(run.fingerprint.slice(0, 12))}</code></td><td>${escapeHtml(run.createdAt)}</td></tr>`)
    .join('')
  return `<section class="card" id="runs" data-section="runs"><h2>Runs</h2><table class="cmp"><thead><tr><th>#</th><th>run</th><th>file</th><th>model type</th><th>examples</th><th>dataset fingerprint</th><th>created</th></tr></thead><tbody>${rows}</tbody></table></section>`
}

function metricsSection(comparison: RunComparison): string {
  const changeHeads = comparison.runs.slice(1).map((_, i) => `<th>change ${i + 2} − 1</th>`).join('')
  const scopes = [...new Set(comparison.rows.map((row) => row.scope))]
  const tables = scopes
    .map((scope) => {
      const rows = comparison.rows
        .filter((row) => row.scope === scope)
        .map((row) => `<tr data-scope="${escapeHtml(row.scope)}" data-metric="${escapeHtml(row.metric)}"><td>${escapeHtml(row.metric)}</td>${row.cells.map(cellTd).join('')}${row.changes.slice(1).map(changeTd).join('')}</tr>`)
        .join('')
      return `<h3>${escapeHtml(scopeLabel(scope))}</h3><table class="cmp metrics"><thead><tr><th>metric</th>${runHeads(comparison)}${changeHeads}</tr></thead><tbody>${rows}</tbody></table>`
    })
    .join('')
  return `<section class="card" id="metrics" data-section="metrics"><h2>Metrics, overall and per slice</h2><p class="meta">value [interval] per run; change against run 1 with its two-sided p, verdict and, when paired, the test.</p>${tables}</section>`
}

function perClassSection(comparison: RunComparison): string {
  if (comparison.perClassLabels.length === 0) return ''
  const tables = (['precision', 'recall', 'f1', 'support'] as const)
    .map((field) => {
      const rows = comparison.perClassLabels
        .map((label) => {
          const cells = comparison.runs.map((run) => {
            const value = run.perClass.find((r) => r.label === label)?.[field]
            return `<td class="num"${num(value)}>${escapeHtml(value === undefined ? '—' : formatMetricFixed(value))}</td>`
          })
          return `<tr data-label="${escapeHtml(label)}" data-field="${field}"><td>${escapeHtml(label)}</td>${cells.join('')}</tr>`
        })
        .join('')
      return `<h3>${field}</h3><table class="cmp per-class"><thead><tr><th>label</th>${runHeads(comparison)}</tr></thead><tbody>${rows}</tbody></table>`
    })
    .join('')
  return `<section class="card" id="per-class" data-section="per-class"><h2>Per class (overall)</h2>${tables}</section>`
}

async function curvesSection(comparison: RunComparison, maxClasses: number): Promise<string> {
  const labels: string[] = []
  for (const run of comparison.runs) for (const curve of [...(run.curves.roc ?? []), ...(run.curves.pr ?? [])]) if (!labels.includes(curve.label)) labels.push(curve.label)
  if (labels.length === 0) return ''
  const figures: string[] = []
  for (const label of labels.slice(0, maxClasses)) {
    const roc = comparison.runs.flatMap((run, i) => {
      const curve: RocCurve | undefined = run.curves.roc?.find((c) => c.label === label)
      return curve ? [{ name: `${i + 1}. ${run.name} (AUC ${formatMetricFixed(curve.auc)})`, x: curve.fpr, y: curve.tpr }] : []
    })
    const pr = comparison.runs.flatMap((run, i) => {
      const curve: PrCurve | undefined = run.curves.pr?.find((c) => c.label === label)
      return curve ? [{ name: `${i + 1}. ${run.name} (AP ${formatMetricFixed(curve.averagePrecision)})`, x: curve.recall, y: curve.precision }] : []
    })
    if (roc.length > 0) {
      const svg = await renderVegaSvg(curveChartSpec(roc, { title: `ROC: ${label} against the rest`, xTitle: 'False positive rate', yTitle: 'True positive rate', diagonal: true }))
      figures.push(`<figure data-plot="roc" data-label="${escapeHtml(label)}">${svg}</figure>`)
    }
    if (pr.length > 0) {
      const svg = await renderVegaSvg(curveChartSpec(pr, { title: `Precision-recall: ${label}`, xTitle: 'Recall', yTitle: 'Precision', interpolate: 'step-after' }))
      figures.push(`<figure data-plot="pr" data-label="${escapeHtml(label)}">${svg}</figure>`)
    }
  }
  const cut = labels.length > maxClasses ? `<p class="meta">The first ${maxClasses} of ${labels.length} classes are drawn.</p>` : ''
  return `<section class="card" id="curves" data-section="curves"><h2>ROC and precision-recall curves, runs overlaid</h2>${cut}<div class="plots">${figures.join('')}</div></section>`
}

function matrixTable(labels: readonly string[], counts: readonly number[][], kind: 'counts' | 'difference'): string {
  const head = labels.map((label) => `<th>${escapeHtml(label)}</th>`).join('')
  const rows = counts
    .map((row, r) => {
      const cells = row
        .map((value, c) => {
          const classes = ['num', r === c ? 'diag' : 'off']
          if (kind === 'difference' && value !== 0) classes.push(value > 0 ? 'up' : 'down')
          const text = kind === 'difference' && value > 0 ? `+${value}` : String(value)
          return `<td class="${classes.join(' ')}" data-value="${value}">${escapeHtml(text)}</td>`
        })
        .join('')
      return `<tr><th>${escapeHtml(labels[r])}</th>${cells}</tr>`
    })
    .join('')
  return `<table class="cmp matrix" data-kind="${kind}"><thead><tr><th>actual \\ predicted</th>${head}</tr></thead><tbody>${rows}</tbody></table>`
}

function confusionSection(comparison: RunComparison): string {
  if (!comparison.confusion.some((entry) => entry.matrix)) return ''
  const blocks = comparison.confusion
    .map((entry, i) => {
      if (!entry.matrix) return ''
      const name = `${i + 1}. ${escapeHtml(comparison.runs[i].name)}`
      const difference = entry.difference
        ? `<h3>run ${i + 1} − run 1</h3>${matrixTable(entry.matrix.labels, entry.difference, 'difference')}`
        : entry.note
          ? `<p class="meta">No difference: ${escapeHtml(entry.note)}.</p>`
          : ''
      return `<div class="matrix-block" data-run="${i + 1}"><h3>${name}</h3>${matrixTable(entry.matrix.labels, entry.matrix.counts, 'counts')}${difference}</div>`
    })
    .join('')
  return `<section class="card" id="confusion" data-section="confusion"><h2>Confusion matrices and their difference from run 1</h2><p class="meta">Rows actual, columns predicted. In a difference, green is more right (diagonal up, off-diagonal down), red more wrong.</p><div class="matrices">${blocks}</div></section>`
}

/** Renders the compare page for `comparison` as one self-contained HTML document. */
export async function renderComparePage(comparison: RunComparison, options: ComparePageOptions = {}): Promise<string> {
  const title = `evalgate compare: ${comparison.runs.map((run) => run.name).join(' vs ')}`
  const sections = [
    glanceSection(comparison),
    largestChangesSection(comparison),
    runsSection(comparison),
    metricsSection(comparison),
    perClassSection(comparison),
    await curvesSection(comparison, options.maxCurveClasses ?? 10),
    await calibrationSection(comparison, options.maxCurveClasses ?? 10),
    await regressorPlotsSection(comparison),
    confusionSection(comparison),
  ]
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${REPORT_CSS}${COMPARE_CSS}</style></head>
<body><header class="top"><h1>evalgate compare</h1><div class="sub">${comparison.runs.length} runs; each compared with run 1 (${escapeHtml(comparison.runs[0].name)})</div></header>
<main>${noteSection(comparison)}${sections.join('\n')}</main></body></html>
`
}
