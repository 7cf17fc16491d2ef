/**
 * The history page: one static HTML file (no script, no network) with, per baseline entry, a
 * chart per tracked metric overall and per slice, each a line with its interval band.
 */
import { chartPointOf, DATA_CHANGE_LEGEND, renderHistoryChart, type ChartPoint } from './history-chart.js'
import { escapeMarkup as e } from './escape-markup.js'
import type { BaselineHistory, EntryHistory, HistoryPoint } from './types.js'

const CSS = `
section.entry[data-removed]{opacity:.75}
body{margin:0;background:#f6f7f9;color:#111827;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
header{background:#0f172a;color:#f8fafc;padding:20px 32px}header h1{margin:0;font-size:20px}header .sub{color:#cbd5e1;font-size:13px;margin-top:4px}
main{max-width:1320px;margin:0 auto;padding:24px 32px 64px}
section.entry{background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:20px 24px;margin:0 0 24px}
h2{font-size:17px;margin:0 0 4px}h3{font-size:14px;margin:20px 0 8px;color:#374151}
.meta{color:#6b7280;font-size:12.5px;margin:0 0 8px}
.charts{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0}figcaption{font-size:12.5px;color:#374151;margin-bottom:2px}
.warn{background:#fef3c7;color:#a16207;padding:8px 12px;border-radius:6px}
svg.history-chart{max-width:100%;height:auto}
`

/** Renders `history` as one self-contained HTML page. */
export function renderHistoryPage(history: BaselineHistory): string {
  const body: string[] = []
  if (history.entries.length === 0) {
    body.push(`<p class="meta">No commit changed a baseline entry yet (${history.commitCount} commit(s) touched the baseline files). Commit the __baselines__ files written by the first run, then run evalgate history again.</p>`)
  }
  for (const warning of history.warnings) body.push(`<p class="warn">${e(warning.message)}</p>`)
  if (history.entries.some((entry) => entry.points.some((point) => point.dataChange !== undefined))) body.push(`<p class="meta legend" data-legend="data-change">${e(DATA_CHANGE_LEGEND)}</p>`)
  for (const entry of history.entries) body.push(renderEntry(entry))
  const pointCount = history.entries.reduce((sum, entry) => sum + entry.points.length, 0)
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    '<title>evalgate · baseline history</title>',
    `<style>${CSS}</style></head><body>`,
    `<header><h1>evalgate · baseline history</h1><div class="sub">${history.entries.length} entr${history.entries.length === 1 ? 'y' : 'ies'} · ${pointCount} point${pointCount === 1 ? '' : 's'} from ${history.commitCount} commit${history.commitCount === 1 ? '' : 's'}${history.head ? ` · HEAD <code>${e(history.head.slice(0, 12))}</code>` : ''} · generated <time>${e(history.generatedAt)}</time></div></header>`,
    `<main>${body.join('\n')}</main>`,
    '</body></html>',
    '',
  ].join('\n')
}

function renderEntry(entry: EntryHistory): string {
  const last = entry.points[entry.points.length - 1]!
  const parts: string[] = []
  parts.push(`<section class="entry"${entry.removed ? ` data-removed="${e(entry.removed.commit)}"` : ''} data-entry="${e(entry.entry)}" data-baseline-file="${e(entry.baselineFile)}">`)
  parts.push(`<h2>${e(entry.entry)}</h2>`)
  parts.push(`<p class="meta"><code>${e(entry.testFile)}</code> · ${entry.points.length} point${entry.points.length === 1 ? '' : 's'} · ${e(last.modelType)} · latest ${e(last.date.slice(0, 10))} by ${e(last.author)}</p>`)
  if (entry.removed) {
    const r = entry.removed
    parts.push(`<p class="warn removed">Removed in <code>${e(r.commit.slice(0, 12))}</code> (${e(r.date.slice(0, 10))} by ${e(r.author)}: ${e(r.message)}): not in HEAD's baselines; the charts end at the value it had before.</p>`)
  }
  const metricNames = namesOver(entry.points, (p) => Object.keys(p.metrics))
  parts.push('<h3>Overall</h3>', '<div class="charts">')
  for (const metric of metricNames) {
    parts.push(figure(metric, `${entry.entry}: ${metric}`, series(entry.points, (p) => p.metrics[metric])))
  }
  parts.push('</div>')
  const sliceKeys = namesOver(entry.points, (p) => Object.keys(p.slices))
  for (const slice of sliceKeys) {
    parts.push(`<h3 data-slice="${e(slice)}">Slice ${e(slice)}</h3>`, '<div class="charts">')
    const names = namesOver(entry.points, (p) => Object.keys(p.slices[slice]?.metrics ?? {}))
    for (const metric of names) {
      parts.push(figure(metric, `${entry.entry}: ${metric} on ${slice}`, series(entry.points, (p) => p.slices[slice]?.metrics[metric])))
    }
    parts.push('</div>')
  }
  parts.push('</section>')
  return parts.join('\n')
}

function figure(caption: string, title: string, points: ChartPoint[]): string {
  return `<figure data-metric="${e(caption)}"><figcaption>${e(caption)}</figcaption>${renderHistoryChart(title, points)}</figure>`
}

function series(points: readonly HistoryPoint[], pick: (point: HistoryPoint) => ChartPoint['metric'] | undefined): ChartPoint[] {
  const out: ChartPoint[] = []
  for (const point of points) {
    const metric = pick(point)
    if (metric && typeof metric.value === 'number') out.push(chartPointOf(point, metric))
  }
  return out
}

/** Names in order of first appearance over the points. */
function namesOver(points: readonly HistoryPoint[], names: (point: HistoryPoint) => string[]): string[] {
  const seen = new Set<string>()
  for (const point of points) for (const name of names(point)) seen.add(name)
  return [...seen]
}
