/**
 * The overlays of `evalgate compare` beyond ROC and PR: each class's calibration curve with one
 * line per run, and for regressors the predicted-vs-actual points of every run on one pair of
 * axes (one colour per run) and the residual distributions as step lines (density: the share of
 * each run's examples in a bin divided by the bin's width, so runs of different sizes and bin
 * widths compare). Inline SVG through the reporter's Vega.
 */
import type { Spec } from 'vega'
import type { Curves } from '../run/types.js'
import type { RunComparison } from '../compare/report/run-comparison.js'
import { escapeHtml } from './html-escape.js'
import { curveChartSpec } from './plots/curve-lines.js'
import { numberAxisFormat, renderVegaSvg, SERIES_COLORS } from './plots/vega-svg.js'

type RunCurves = { name: string; curves: Curves }

function legendAndColor(names: readonly string[]): Pick<Spec, 'legends'> & { color: NonNullable<Spec['scales']>[number] } {
  return {
    color: { name: 'color', type: 'ordinal', domain: [...names], range: SERIES_COLORS },
    legends: [{ stroke: 'color', fill: 'color', orient: 'bottom', direction: 'vertical', labelLimit: 320 }],
  }
}

/**
 * Vega spec of every run's (actual, predicted) points on shared axes, one colour per run, with
 * the identity line.
 * @example overlaidPredictedVsActualSpec([{ name: '1. v1', curves }]).title // { text: 'Predicted vs actual, runs overlaid' }
 */
export function overlaidPredictedVsActualSpec(runs: readonly RunCurves[]): Spec {
  const values: Array<{ run: string; actual: number; predicted: number }> = []
  let lo = Infinity
  let hi = -Infinity
  for (const { name, curves } of runs) {
    const points = curves.predictedVsActual
    if (!points) continue
    points.actual.forEach((actual, i) => {
      const predicted = points.predicted[i]
      if (!Number.isFinite(actual) || !Number.isFinite(predicted)) return
      values.push({ run: name, actual, predicted })
      lo = Math.min(lo, actual, predicted)
      hi = Math.max(hi, actual, predicted)
    })
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1]
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1]
  const sampled = runs.some((r) => r.curves.predictedVsActual?.sampled)
  const { color, legends } = legendAndColor(runs.map((r) => r.name))
  return {
    width: 340,
    height: 340,
    padding: 8,
    title: { text: `Predicted vs actual${sampled ? ' (samples)' : ''}, runs overlaid` },
    data: [{ name: 'points', values }, { name: 'identity', values: [{ a: lo, b: hi }] }],
    scales: [
      { name: 'x', type: 'linear', domain: [lo, hi], range: 'width', nice: true, zero: false },
      { name: 'y', type: 'linear', domain: [lo, hi], range: 'height', nice: true, zero: false },
      color,
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'Actual', grid: true, tickCount: 6, ...numberAxisFormat(lo, hi) },
      { orient: 'left', scale: 'y', title: 'Predicted', grid: true, tickCount: 6, ...numberAxisFormat(lo, hi) },
    ],
    legends,
    marks: [
      {
        type: 'rule',
        from: { data: 'identity' },
        encode: { enter: { x: { scale: 'x', field: 'a' }, y: { scale: 'y', field: 'a' }, x2: { scale: 'x', field: 'b' }, y2: { scale: 'y', field: 'b' }, stroke: { value: '#9ca3af' }, strokeDash: { value: [4, 4] } } },
      },
      {
        type: 'symbol',
        from: { data: 'points' },
        encode: { enter: { x: { scale: 'x', field: 'actual' }, y: { scale: 'y', field: 'predicted' }, size: { value: 14 }, fill: { scale: 'color', field: 'run' }, fillOpacity: { value: values.length > 1500 ? 0.3 : 0.55 } } },
      },
    ],
  }
}

/**
 * Vega spec of every run's residual histogram as a step line: the density of each of its own bins
 * (share of the run's examples / bin width), with a rule at zero.
 */
export function overlaidResidualsSpec(runs: readonly RunCurves[]): Spec {
  const values: Array<{ run: string; x: number; share: number; order: number }> = []
  let lo = Infinity
  let hi = -Infinity
  for (const { name, curves } of runs) {
    const histogram = curves.residualHistogram
    if (!histogram || histogram.counts.length === 0) continue
    const total = histogram.counts.reduce((sum, c) => sum + c, 0) || 1
    // A closed outline: up at the first edge, across each bin, down at the last edge.
    values.push({ run: name, x: histogram.edges[0], share: 0, order: 0 })
    histogram.counts.forEach((count, i) => {
      const width = histogram.edges[i + 1] - histogram.edges[i]
      const density = width > 0 ? count / total / width : 0
      values.push({ run: name, x: histogram.edges[i], share: density, order: 2 * i + 1 })
      values.push({ run: name, x: histogram.edges[i + 1], share: density, order: 2 * i + 2 })
    })
    values.push({ run: name, x: histogram.edges[histogram.edges.length - 1], share: 0, order: 2 * histogram.counts.length + 1 })
    lo = Math.min(lo, histogram.edges[0])
    hi = Math.max(hi, histogram.edges[histogram.edges.length - 1])
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1]
  const { color, legends } = legendAndColor(runs.map((r) => r.name))
  return {
    width: 340,
    height: 280,
    padding: 8,
    title: { text: 'Residuals (predicted − actual), runs overlaid' },
    data: [{ name: 'steps', values }, { name: 'zero', values: lo <= 0 && hi >= 0 ? [{ x: 0 }] : [] }],
    scales: [
      { name: 'x', type: 'linear', domain: [lo, hi], range: 'width', nice: false, zero: false },
      { name: 'y', type: 'linear', domain: { data: 'steps', field: 'share' }, range: 'height', nice: true, zero: true },
      color,
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'Residual', tickCount: 6, ...numberAxisFormat(lo, hi) },
      { orient: 'left', scale: 'y', title: 'Density (share of examples per unit)', grid: true, tickCount: 5 },
    ],
    legends,
    marks: [
      {
        type: 'rule',
        from: { data: 'zero' },
        encode: { enter: { x: { scale: 'x', field: 'x' }, y: { value: 0 }, y2: { signal: 'height' }, stroke: { value: '#9ca3af' }, strokeDash: { value: [4, 3] } } },
      },
      {
        type: 'group',
        from: { facet: { name: 'run', data: 'steps', groupby: 'run' } },
        marks: [
          {
            type: 'line',
            from: { data: 'run' },
            sort: { field: 'datum.order' },
            encode: { enter: { x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'share' }, stroke: { scale: 'color', field: 'run' }, strokeWidth: { value: 2 } } },
          },
        ],
      },
    ],
  }
}

/** The calibration section: one chart per class (up to `maxClasses`), a line per run. */
export async function calibrationSection(comparison: RunComparison, maxClasses: number): Promise<string> {
  const labels: string[] = []
  for (const run of comparison.runs) for (const curve of run.curves.calibration ?? []) if (!labels.includes(curve.label)) labels.push(curve.label)
  if (labels.length === 0) return ''
  const figures: string[] = []
  for (const label of labels.slice(0, maxClasses)) {
    const series = comparison.runs.flatMap((run, i) => {
      const bins = run.curves.calibration?.find((c) => c.label === label)?.bins.filter((b) => b.count > 0)
      return bins ? [{ name: `${i + 1}. ${run.name}`, x: bins.map((b) => b.meanPredicted), y: bins.map((b) => b.fractionPositive) }] : []
    })
    const svg = await renderVegaSvg(curveChartSpec(series, { title: `Calibration: ${label} against the rest`, xTitle: 'Mean predicted probability', yTitle: 'Fraction of positives', diagonal: true, points: true }))
    figures.push(`<figure data-plot="calibration" data-label="${escapeHtml(label)}" data-series="${series.length}">${svg}</figure>`)
  }
  const cut = labels.length > maxClasses ? `<p class="meta">The first ${maxClasses} of ${labels.length} classes are drawn.</p>` : ''
  return `<section class="card" id="calibration" data-section="calibration"><h2>Calibration curves, runs overlaid</h2><p class="meta">Mean predicted probability against the fraction of positives per bin; the diagonal is perfect calibration.</p>${cut}<div class="plots">${figures.join('')}</div></section>`
}

/** The regressor section: predicted vs actual and residuals, runs overlaid. */
export async function regressorPlotsSection(comparison: RunComparison): Promise<string> {
  const runs = comparison.runs.map((run, i) => ({ name: `${i + 1}. ${run.name}`, curves: run.curves }))
  const withPoints = runs.filter((r) => r.curves.predictedVsActual)
  const withResiduals = runs.filter((r) => r.curves.residualHistogram)
  if (withPoints.length === 0 && withResiduals.length === 0) return ''
  const figures: string[] = []
  if (withPoints.length > 0) figures.push(`<figure data-plot="predicted-vs-actual" data-series="${withPoints.length}">${await renderVegaSvg(overlaidPredictedVsActualSpec(withPoints))}</figure>`)
  if (withResiduals.length > 0) figures.push(`<figure data-plot="residuals" data-series="${withResiduals.length}">${await renderVegaSvg(overlaidResidualsSpec(withResiduals))}</figure>`)
  return `<section class="card" id="regressor-plots" data-section="regressor-plots"><h2>Predicted vs actual and residuals, runs overlaid</h2><div class="plots">${figures.join('')}</div></section>`
}
