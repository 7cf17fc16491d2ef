/**
 * The history page: static HTML (no script, no network) with, per baseline entry, a chart per
 * tracked metric overall and per slice, each a line with its interval band. A history too large
 * for one page (a suite of many entries with many slices over hundreds of commits: 121 MB, most
 * of it slice charts' dots) keeps each entry's slice charts on a page of its own.
 */
import { chartPointOf, DATA_CHANGE_LEGEND, MAX_DOTS, renderHistoryChart, type ChartPoint } from './history-chart.js'
import { escapeMarkup as e } from './escape-markup.js'
import type { BaselineHistory, EntryHistory, HistoryPoint } from './types.js'
import { CONTENT_SECURITY_POLICY_META } from '../run/content-security-policy.js'
import { DEFAULT_BASELINE_DIR } from './baseline-log.js'

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

/** The folder, under the page's, of the entries' slice pages when the history is split. */
export const SLICE_PAGES_DIR = 'slices'

/**
 * Above this many dots (a chart's points, at most the dots a chart draws), the slice charts move
 * to a page per entry: a dot with its tooltip is about 300 bytes, so this keeps one page near
 * 6 MB, which a browser opens at once.
 */
export const MAX_DOTS_PER_PAGE = 20_000

/** The pages of a history: `index.html`, and a page per entry's slices when it is split. */
export interface HistoryPages {
  index: string
  /** Each entry's slice page (file name under {@link SLICE_PAGES_DIR}); empty when one page holds everything. */
  slicePages: { file: string; html: string }[]
}

/**
 * Renders `history` as one self-contained HTML page.
 * @example writeFileSync('eval-history/index.html', renderHistoryPage(history))
 */
export function renderHistoryPage(history: BaselineHistory): string {
  return page('evalgate · baseline history', header(history), overview(history, history.entries.map((entry) => renderEntry(entry, 'all'))))
}

/**
 * Renders `history` as `index.html` alone when its charts' dots number at most
 * {@link MAX_DOTS_PER_PAGE}; else `index.html` holds every entry's overall charts and links a page
 * per entry holding its slice charts (`slices/entry-<n>.html`, named by the entry's position,
 * never by its name).
 *
 * @example const { index, slicePages } = renderHistoryPages(history)
 */
export function renderHistoryPages(history: BaselineHistory): HistoryPages {
  if (dotCount(history) <= MAX_DOTS_PER_PAGE) return { index: renderHistoryPage(history), slicePages: [] }
  const slicePages: HistoryPages['slicePages'] = []
  const sections = history.entries.map((entry, i) => {
    const slices = sliceKeysOf(entry)
    if (slices.length === 0) return renderEntry(entry, 'overall')
    const file = `entry-${String(i + 1).padStart(3, '0')}.html`
    const charts = slices.reduce((sum, slice) => sum + sliceMetricNames(entry, slice).length, 0)
    slicePages.push({ file, html: slicePage(history, entry, slices) })
    const link = `<p class="meta slices-link">${slices.length} slice${slices.length === 1 ? '' : 's'} (${charts} chart${charts === 1 ? '' : 's'}) on <a href="${SLICE_PAGES_DIR}/${file}">their own page</a>.</p>`
    return renderEntry(entry, 'overall', link)
  })
  const note = `<p class="meta split-note">This history has more charts than one page shows quickly, so each entry's slice charts are on a page of their own, linked from the entry.</p>`
  return { index: page('evalgate · baseline history', header(history), [note, ...overview(history, sections)]), slicePages }
}

function slicePage(history: BaselineHistory, entry: EntryHistory, slices: readonly string[]): string {
  const body = [`<p class="meta"><a href="../index.html">← all entries</a></p>`]
  if (entry.points.some((point) => point.dataChange !== undefined)) body.push(`<p class="meta legend" data-legend="data-change">${e(DATA_CHANGE_LEGEND)}</p>`)
  const parts = entryHeading(entry)
  parts.push(...sliceSections(entry, slices), '</section>')
  body.push(parts.join('\n'))
  return page(`evalgate · baseline history · ${entry.entry}`, header(history, entry.entry), body)
}

/** The line a history read from a shallow clone carries: its first points are where the clone is cut, not where the baselines began. */
export const SHALLOW_HISTORY_NOTE = 'Read from a shallow clone (--allow-shallow): the history is cut off, so the first points are where the clone begins, not where the baselines began; fetch the whole history (git fetch --unshallow) to see it all.'

function overview(history: BaselineHistory, sections: readonly string[]): string[] {
  const body: string[] = []
  if (history.shallow) body.push(`<p class="warn">${e(SHALLOW_HISTORY_NOTE)}</p>`)
  if (history.entries.length === 0) {
    body.push(`<p class="meta">No commit changed a baseline entry yet (${history.commitCount} commit(s) touched the baseline files in ${e((history.baselineDirs ?? [DEFAULT_BASELINE_DIR]).join(', '))} folders). Commit the baseline files written by the first run, then run evalgate history again; if the plugin's baselineDir is another folder, pass it (evalgate history --baseline-dir &lt;folder&gt;).</p>`)
  }
  for (const warning of history.warnings) body.push(`<p class="warn">${e(warning.message)}</p>`)
  if (history.entries.some((entry) => entry.points.some((point) => point.dataChange !== undefined))) body.push(`<p class="meta legend" data-legend="data-change">${e(DATA_CHANGE_LEGEND)}</p>`)
  // Live entries first, removed ones after them: a removed "sentiment model 1" was listed above
  // the live "sentiment model v2 1" that replaced it (adversarial pass 35).
  const live = sections.filter((_, i) => history.entries[i]?.removed === undefined)
  const removed = sections.filter((_, i) => history.entries[i]?.removed !== undefined)
  body.push(...live, ...removed)
  return body
}

function header(history: BaselineHistory, entry?: string): string {
  const pointCount = history.entries.reduce((sum, item) => sum + item.points.length, 0)
  const title = entry === undefined ? 'evalgate · baseline history' : `evalgate · baseline history · ${e(entry)} · slices`
  return `<header><h1>${title}</h1><div class="sub">${history.entries.length} entr${history.entries.length === 1 ? 'y' : 'ies'} · ${pointCount} point${pointCount === 1 ? '' : 's'} from ${history.commitCount} commit${history.commitCount === 1 ? '' : 's'}${history.head ? ` · HEAD <code>${e(history.head.slice(0, 12))}</code>` : ''} · generated <time>${e(history.generatedAt)}</time></div></header>`
}

function page(title: string, headerHtml: string, body: readonly string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    CONTENT_SECURITY_POLICY_META,
    `<title>${e(title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    headerHtml,
    `<main>${body.join('\n')}</main>`,
    '</body></html>',
    '',
  ].join('\n')
}

/** The dots the charts of `history` draw (a chart of more than MAX_DOTS points draws none). */
function dotCount(history: BaselineHistory): number {
  let dots = 0
  const add = (points: number): void => {
    if (points <= MAX_DOTS) dots += points
  }
  for (const entry of history.entries) {
    for (const metric of namesOver(entry.points, (p) => Object.keys(p.metrics))) add(entry.points.filter((p) => p.metrics[metric] !== undefined).length)
    for (const slice of sliceKeysOf(entry)) {
      for (const metric of sliceMetricNames(entry, slice)) add(entry.points.filter((p) => p.slices[slice]?.metrics[metric] !== undefined).length)
    }
  }
  return dots
}

function entryHeading(entry: EntryHistory): string[] {
  const last = entry.points[entry.points.length - 1]!
  const parts: string[] = []
  parts.push(`<section class="entry"${entry.removed ? ` data-removed="${e(entry.removed.commit)}"` : ''} data-entry="${e(entry.entry)}" data-baseline-file="${e(entry.baselineFile)}">`)
  parts.push(`<h2>${e(entry.entry)}</h2>`)
  parts.push(`<p class="meta"><code>${e(entry.baselineFile)}</code> · ${entry.points.length} point${entry.points.length === 1 ? '' : 's'} · ${e(last.modelType)} · latest ${e(last.date.slice(0, 10))} by ${e(last.author)}</p>`)
  if (entry.removed) {
    const r = entry.removed
    parts.push(`<p class="warn removed">Removed in <code>${e(r.commit.slice(0, 12))}</code> (${e(r.date.slice(0, 10))} by ${e(r.author)}: ${e(r.message)}): not in HEAD's baselines; the charts end at the value it had before.</p>`)
  }
  return parts
}

/** An entry's section: its overall charts, and its slices' (`all`) or a line linking them (`overall`). */
function renderEntry(entry: EntryHistory, charts: 'all' | 'overall', sliceLink = ''): string {
  const parts = entryHeading(entry)
  const metricNames = namesOver(entry.points, (p) => Object.keys(p.metrics))
  parts.push('<h3>Overall</h3>', '<div class="charts">')
  for (const metric of metricNames) {
    parts.push(figure(metric, `${entry.entry}: ${metric}`, series(entry.points, (p) => p.metrics[metric])))
  }
  parts.push('</div>')
  if (charts === 'all') parts.push(...sliceSections(entry, sliceKeysOf(entry)))
  else if (sliceLink) parts.push(sliceLink)
  parts.push('</section>')
  return parts.join('\n')
}

/**
 * Each slice's charts under its heading. A slice with no metric at any commit (below
 * `minSliceSize` throughout) gets no heading of its own but a count in one line: a column of bare
 * headings read as charts missing (adversarial pass 65). A key's tab, carriage return or line feed
 * is shown as an escape, so `seg=\t1` and `seg=\r1` do not read alike.
 */
function sliceSections(entry: EntryHistory, slices: readonly string[]): string[] {
  const parts: string[] = []
  const empty: string[] = []
  for (const slice of slices) {
    const metrics = sliceMetricNames(entry, slice)
    if (metrics.length === 0) {
      empty.push(slice)
      continue
    }
    parts.push(`<h3 data-slice="${e(slice)}">Slice ${e(oneLine(slice))}</h3>`, '<div class="charts">')
    for (const metric of metrics) {
      parts.push(figure(metric, `${entry.entry}: ${metric} on ${slice}`, series(entry.points, (p) => p.slices[slice]?.metrics[metric])))
    }
    parts.push('</div>')
  }
  if (empty.length > 0) {
    const named = empty.slice(0, 5).map((slice) => e(oneLine(slice))).join(', ')
    parts.push(`<p class="muted">${empty.length} slice${empty.length === 1 ? ' has' : 's have'} no metric at any commit (fewer rows than minSliceSize): ${named}${empty.length > 5 ? ` and ${empty.length - 5} more` : ''}</p>`)
  }
  return parts
}

/** `text` on one line: a tab, carriage return or line feed shown as `\t`, `\r`, `\n`. */
function oneLine(text: string): string {
  return text.replace(/[\t\r\n]/g, (c) => (c === '\t' ? '\\t' : c === '\r' ? '\\r' : '\\n'))
}

function sliceKeysOf(entry: EntryHistory): string[] {
  return namesOver(entry.points, (p) => Object.keys(p.slices))
}

function sliceMetricNames(entry: EntryHistory, slice: string): string[] {
  return namesOver(entry.points, (p) => Object.keys(p.slices[slice]?.metrics ?? {}))
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
