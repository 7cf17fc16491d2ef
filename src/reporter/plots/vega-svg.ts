import type { Config, Loader, Spec } from 'vega'
import { showControls } from '../visible-controls.js'

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

/** Parsed specs by shape (the spec with its inline data emptied), so a suite parses each plot kind once. */
const parsedByShape = new Map<string, ReturnType<typeof import('vega').parse>>()
const PARSED_SHAPES_LIMIT = 200

/**
 * Renders a Vega spec to a static SVG string in Node (no browser, no canvas, no network). Text
 * from the data is escaped by Vega's SVG renderer; control characters are made visible. Vega
 * itself is imported on the first call, so loading the reporter costs nothing until a plot is drawn.
 * Inline data (`values` arrays without a `format`) are set on the view, so specs that differ only
 * in them share one parse (a third of a plot's time).
 */
export async function renderVegaSvg(spec: Spec): Promise<string> {
  const { vega, offlineLoader } = await loadRuntime()
  const inline = (spec.data ?? []).filter((data) => 'values' in data && Array.isArray(data.values) && !('format' in data))
  const shape: Spec = { ...spec, data: spec.data?.map((data) => (inline.includes(data) ? { ...data, values: [] } : data)) }
  const key = JSON.stringify(shape)
  let parsed = parsedByShape.get(key)
  if (parsed === undefined) {
    parsed = vega.parse({ config: PLOT_CONFIG, ...shape })
    if (parsedByShape.size >= PARSED_SHAPES_LIMIT) parsedByShape.clear()
    parsedByShape.set(key, parsed)
  }
  const view = new vega.View(parsed, { renderer: 'none', loader: offlineLoader })
  try {
    for (const data of inline) view.data(data.name, (data as { values: unknown[] }).values)
    const svg = await view.toSVG()
    return showControls(svg.replace('<svg ', '<svg role="img" '))
  } finally {
    view.finalize()
  }
}
