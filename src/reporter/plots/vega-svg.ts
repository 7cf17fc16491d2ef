import type { Config, Loader, Spec } from 'vega'
import { showControls } from '../../run/visible-controls.js'

/**
 * Plot style shared by every chart: system fonts only (the report must open offline), quiet
 * grid lines, readable axis titles.
 */
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif'

export const PLOT_CONFIG: Config = {
  background: '#ffffff',
  text: { font: FONT },
  axis: {
    labelFont: FONT,
    titleFont: FONT,
    labelColor: '#374151',
    titleColor: '#111827',
    titleFontWeight: 600,
    titleFontSize: 12,
    labelFontSize: 11,
    domainColor: '#9ca3af',
    tickColor: '#9ca3af',
    gridColor: '#eef0f3',
    // Labels that would overlap are thinned out (every other one hidden until none touch).
    labelOverlap: true,
  },
  legend: { labelFont: FONT, titleFont: FONT, labelFontSize: 11, titleFontSize: 11, labelColor: '#374151', titleColor: '#111827', labelLimit: 220 },
  title: { font: FONT, fontSize: 13, fontWeight: 600, color: '#111827', anchor: 'start', offset: 8 },
}

/**
 * Tick labels of a value axis spanning `lo`..`hi`: SI prefixes per label (`20k`, `1.5M`, `0`)
 * once values reach 10,000, so long labels such as `-120,000` do not crowd a 340-pixel axis;
 * Vega's default below that.
 */
export function numberAxisFormat(lo: number, hi: number): { encode?: { labels: { update: { text: { signal: string } } } } } {
  if (Math.max(Math.abs(lo), Math.abs(hi)) < 10_000) return {}
  return { encode: { labels: { update: { text: { signal: "format(datum.value, '~s')" } } } } }
}

/** Ten distinct colours (Tableau 10), the series palette of line charts. */
export const SERIES_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac']

/** The charting runtime and its offline loader, imported on the first plot drawn (not before). */
let runtime: Promise<{ vega: typeof import('vega'); offlineLoader: Loader }> | undefined

function loadRuntime(): Promise<{ vega: typeof import('vega'); offlineLoader: Loader }> {
  runtime ??= import('vega').then((vega) => ({ vega, offlineLoader: refusingLoader(vega.loader()) }))
  return runtime
}

/** A Vega loader that refuses every load: specs carry their data inline, nothing is fetched. */
function refusingLoader(base: Loader): Loader {
  const refuse = (): Promise<never> => Promise.reject(new Error('evalgate plots load no external resources'))
  return Object.assign(Object.create(base) as Loader, { load: refuse, sanitize: refuse, http: refuse, file: refuse })
}

/**
 * One live view per plot shape (the spec with its inline data emptied), so a suite parses and
 * builds the dataflow of each plot kind once: a plot of a known shape only replaces the view's
 * data, runs it and writes the SVG. Views are kept for the life of the process, a few hundred at
 * most (each is a few hundred kB); above that the oldest are let go.
 */
const viewsByShape = new Map<string, import('vega').View>()
const VIEWS_LIMIT = 200

/** A run of renders one at a time: a shared view must not take one plot's data mid-render of another. */
let queue: Promise<unknown> = Promise.resolve()

/**
 * Renders a Vega spec to a static SVG string in Node (no browser, no canvas, no network). Text
 * from the data is escaped by Vega's SVG renderer; control characters are made visible. Vega
 * itself is imported on the first call, so loading the reporter costs nothing until a plot is drawn.
 * Inline data (`values` arrays without a `format`) are set on a view kept per spec shape, so
 * specs that differ only in them share one parse and one dataflow (most of a small plot's time).
 */
export function renderVegaSvg(spec: Spec): Promise<string> {
  const next = queue.then(() => drawSvg(spec))
  queue = next.catch(() => undefined)
  return next
}

async function drawSvg(spec: Spec): Promise<string> {
  const { vega, offlineLoader } = await loadRuntime()
  const inline = (spec.data ?? []).filter((data) => 'values' in data && Array.isArray(data.values) && !('format' in data))
  const shape: Spec = { ...spec, data: spec.data?.map((data) => (inline.includes(data) ? { ...data, values: [] } : data)) }
  const key = JSON.stringify(shape)
  let view = viewsByShape.get(key)
  if (view === undefined) {
    // resize: the padding around the plot (axis labels, legend) is laid out again on every run of
    // the view, not only on its first, so each plot is laid out for its own data.
    view = new vega.View(vega.parse({ config: PLOT_CONFIG, autosize: { type: 'pad', resize: true }, ...shape }), { renderer: 'none', loader: offlineLoader })
    if (viewsByShape.size >= VIEWS_LIMIT) {
      const [oldestKey, oldest] = viewsByShape.entries().next().value as [string, import('vega').View]
      oldest.finalize()
      viewsByShape.delete(oldestKey)
    }
    viewsByShape.set(key, view)
  }
  try {
    // Emptied first: marks and axis ticks keyed by a value the previous plot also had would keep
    // their old place in the SVG; emptied, every item enters anew, as in a fresh view.
    for (const data of inline) view.data(data.name, [])
    await view.runAsync()
    for (const data of inline) view.data(data.name, (data as { values: unknown[] }).values)
    const svg = await view.toSVG()
    return showControls(svg.replace('<svg ', '<svg role="img" '))
  } catch (error) {
    // A view that failed mid-run is not drawn from again.
    view.finalize()
    viewsByShape.delete(key)
    throw error
  }
}
