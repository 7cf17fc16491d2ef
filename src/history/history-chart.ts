/**
 * One metric over commits as an inline SVG: the value as a line, its interval as a band, one
 * dot per commit with a tooltip (commit, date, author, message, value and interval).
 *
 * Drawn by hand rather than with vega (a dependency already): a line, a polygon and circles
 * are a few string templates, and a page of many charts over 2,000 commits renders in
 * milliseconds instead of building one vega view per chart; the page needs no script.
 */
import { formatMetric } from '../run/format-metric.js'
import { escapeMarkup as e } from './escape-markup.js'
import type { HistoryPoint, HistoryValue } from './types.js'

/** One point of a chart. */
export interface ChartPoint {
  commit: string
  date: string
  author: string
  message: string
  metric: HistoryValue
  /** A commit of a merged branch: a hollow dot off the line and band (see `HistoryPoint.sideBranch`). */
  sideBranch?: boolean
  /** What changed in the evaluation data at this point (see `HistoryPoint.dataChange`): a dashed line marks it. */
  dataChange?: string
}

/**
 * The chart point of `metric` at history point `point`.
 * @example chartPointOf(entry.points[0], entry.points[0].metrics.accuracy_score)
 */
export function chartPointOf(point: HistoryPoint, metric: HistoryValue): ChartPoint {
  return {
    commit: point.commit,
    date: point.date,
    author: point.author,
    message: point.message,
    metric,
    sideBranch: point.sideBranch === true,
    ...(point.dataChange !== undefined ? { dataChange: point.dataChange } : {}),
  }
}

/** The line under a page or section whose charts mark a change of the evaluation data. */
export const DATA_CHANGE_LEGEND = 'A dashed orange line marks a commit whose evaluation data differ from the point before it (rows added, removed or reordered, a column changed): the values on its two sides are not of the same rows. Its dot\'s tooltip says what changed.'

const WIDTH = 560
const HEIGHT = 170
const LEFT = 58
const RIGHT = 12
const TOP = 12
const BOTTOM = 30
/** Above this many points the dots (and their tooltips) are left out; the line stays. */
export const MAX_DOTS = 400

/**
 * Renders the chart of one metric; `title` is shown as the chart's accessible name. Points are
 * placed left to right in the order given; the line and the band join the points of the
 * first-parent chain, and a side branch's points are hollow dots between them.
 */
export function renderHistoryChart(title: string, points: readonly ChartPoint[]): string {
  const values: number[] = []
  for (const point of points) {
    for (const v of [point.metric.value, point.metric.lower, point.metric.upper]) if (typeof v === 'number' && Number.isFinite(v)) values.push(v)
  }
  if (values.length === 0) return `<p class="meta">${e(title)}: no finite values</p>`
  let low = Math.min(...values)
  let high = Math.max(...values)
  if (high - low < 1e-12) {
    const pad = Math.abs(high) * 0.05 || 0.05
    low -= pad
    high += pad
  }
  const plotW = WIDTH - LEFT - RIGHT
  const plotH = HEIGHT - TOP - BOTTOM
  const x = (i: number): number => LEFT + (points.length === 1 ? plotW / 2 : (plotW * i) / (points.length - 1))
  const y = (v: number): number => TOP + plotH * (1 - (v - low) / (high - low))
  const xy = (i: number, v: number): string => `${x(i).toFixed(1)},${y(v).toFixed(1)}`

  const parts: string[] = []
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="history-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${e(title)}">`)
  parts.push(`<rect x="${LEFT}" y="${TOP}" width="${plotW}" height="${plotH}" fill="#fafafa" stroke="#e5e7eb"/>`)
  // The band: upper ends left to right, then lower ends right to left; a point without an interval pins it to its value.
  const onLine = points.map((p, i) => ({ p, i })).filter(({ p }) => !p.sideBranch)
  const hasBand = onLine.some(({ p }) => typeof p.metric.lower === 'number' && typeof p.metric.upper === 'number')
  if (hasBand) {
    const upper = onLine.map(({ p, i }) => xy(i, finiteOr(p.metric.upper, p.metric.value)))
    const lower = onLine.map(({ p, i }) => xy(i, finiteOr(p.metric.lower, p.metric.value))).reverse()
    if (onLine.length === 1) {
      const { p, i } = onLine[0]!
      parts.push(`<line class="band" x1="${x(i).toFixed(1)}" x2="${x(i).toFixed(1)}" y1="${y(finiteOr(p.metric.lower, p.metric.value)).toFixed(1)}" y2="${y(finiteOr(p.metric.upper, p.metric.value)).toFixed(1)}" stroke="#93c5fd" stroke-width="6"/>`)
    } else {
      parts.push(`<polygon class="band" points="${[...upper, ...lower].join(' ')}" fill="#bfdbfe" fill-opacity="0.7" stroke="none"/>`)
    }
  }
  // A change of the evaluation data: a dashed line across the plot, drawn under the line and the dots.
  points.forEach((p, i) => {
    if (p.dataChange === undefined) return
    parts.push(`<line class="data-change" data-commit="${e(p.commit)}" x1="${x(i).toFixed(1)}" x2="${x(i).toFixed(1)}" y1="${TOP}" y2="${TOP + plotH}" stroke="#d97706" stroke-width="1.2" stroke-dasharray="4 3"><title>${e(`evaluation data changed: ${p.dataChange}`)}</title></line>`)
  })
  const finite = onLine.map(({ p, i }) => (Number.isFinite(p.metric.value) ? xy(i, p.metric.value) : undefined)).filter((p): p is string => p !== undefined)
  parts.push(`<polyline class="line" points="${finite.join(' ')}" fill="none" stroke="#1d4ed8" stroke-width="1.5"/>`)
  if (points.length <= MAX_DOTS) {
    points.forEach((p, i) => {
      if (!Number.isFinite(p.metric.value)) return
      const interval = typeof p.metric.lower === 'number' && typeof p.metric.upper === 'number' ? ` [${formatMetric(p.metric.lower)}, ${formatMetric(p.metric.upper)}]` : ''
      const branch = p.sideBranch ? ' · on a merged branch' : ''
      const data = p.dataChange !== undefined ? `\nevaluation data changed: ${p.dataChange}` : ''
      const tip = `${p.commit.slice(0, 10)} · ${p.date.slice(0, 10)} · ${p.author}${branch}\n${p.message}\n${formatMetric(p.metric.value)}${interval}${data}`
      const [kind, fill] = p.sideBranch ? ['point side-branch', 'fill="#fff" stroke="#1d4ed8"'] : ['point', 'fill="#1d4ed8"']
      parts.push(`<circle class="${kind}" data-commit="${e(p.commit)}" data-value="${p.metric.value}" cx="${x(i).toFixed(1)}" cy="${y(p.metric.value).toFixed(1)}" r="3" ${fill}><title>${e(tip)}</title></circle>`)
    })
  }
  // A chart of one point: its value beside the dot (the axis showed only the interval's ends; adversarial pass 35).
  if (points.length === 1 && Number.isFinite(points[0]!.metric.value)) {
    const only = points[0]!
    parts.push(`<text class="value" x="${(x(0) + 8).toFixed(1)}" y="${(y(only.metric.value) + 4).toFixed(1)}" font-size="12" font-weight="600" fill="#1d4ed8" text-anchor="start">${e(formatMetric(only.metric.value))}</text>`)
  }
  // Axes: the value range on the left, the first and last commit below.
  const label = (text: string, tx: number, ty: number, anchor: string): string => `<text x="${tx.toFixed(1)}" y="${ty.toFixed(1)}" font-size="11" fill="#6b7280" text-anchor="${anchor}">${e(text)}</text>`
  parts.push(label(formatMetric(high), LEFT - 6, TOP + 10, 'end'), label(formatMetric(low), LEFT - 6, TOP + plotH, 'end'))
  const first = points[0]!
  const last = points[points.length - 1]!
  parts.push(label(`${first.commit.slice(0, 7)} ${first.date.slice(0, 10)}`, LEFT, HEIGHT - 10, 'start'))
  if (points.length > 1) parts.push(label(`${last.commit.slice(0, 7)} ${last.date.slice(0, 10)}`, WIDTH - RIGHT, HEIGHT - 10, 'end'))
  parts.push('</svg>')
  return parts.join('')
}

function finiteOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}
