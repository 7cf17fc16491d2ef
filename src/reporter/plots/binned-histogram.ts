import type { Spec } from 'vega'
import { numberAxisFormat } from './vega-svg.js'

/** What a binned histogram shows: the bins, the axis titles and a dashed rule at one value. */
export interface BinnedHistogram {
  title: string
  height: number
  /** Bin edges (one more than counts) and counts. */
  edges: readonly number[]
  counts: readonly number[]
  xTitle: string
  yTitle: string
  /** Where the dashed rule stands (none when undefined, not finite or outside the bins), and its colour. */
  rule: { at: number | undefined; colour: string }
  /** Extra settings of the count axis (e.g. whole-number ticks). */
  countAxis?: Record<string, unknown>
}

/**
 * Vega spec of a histogram of precomputed bins with a dashed vertical rule: the one shape the
 * residual histogram (rule at zero) and the per-row score histograms (rule at the mean) share.
 *
 * @example
 * binnedHistogramSpec({ title: 'Residuals', height: 260, edges: [-1, 0, 1], counts: [3, 5], xTitle: 'Residual', yTitle: 'Examples', rule: { at: 0, colour: '#e15759' } })
 */
export function binnedHistogramSpec(histogram: BinnedHistogram): Spec {
  const { edges, counts } = histogram
  const values = counts.map((count, i) => ({ x0: edges[i], x1: edges[i + 1], count }))
  const lo = edges[0] ?? 0
  const hi = edges[edges.length - 1] ?? 1
  const at = histogram.rule.at
  const rule = at !== undefined && Number.isFinite(at) && lo <= at && at <= hi ? [{ x: at }] : []
  return {
    width: 340,
    height: histogram.height,
    padding: 8,
    title: { text: histogram.title },
    data: [{ name: 'bins', values }, { name: 'rule', values: rule }],
    scales: [
      { name: 'x', type: 'linear', domain: [lo, hi], range: 'width', nice: false, zero: false },
      { name: 'y', type: 'linear', domain: { data: 'bins', field: 'count' }, range: 'height', nice: true, zero: true },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: histogram.xTitle, tickCount: 6, ...numberAxisFormat(lo, hi) },
      { orient: 'left', scale: 'y', title: histogram.yTitle, grid: true, tickCount: 5, ...(histogram.countAxis ?? {}) },
    ],
    marks: [
      {
        type: 'rect',
        from: { data: 'bins' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x0', offset: 0.5 },
            x2: { scale: 'x', field: 'x1', offset: -0.5 },
            y: { scale: 'y', field: 'count' },
            y2: { scale: 'y', value: 0 },
            fill: { value: '#4e79a7' },
          },
        },
      },
      {
        type: 'rule',
        from: { data: 'rule' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x' },
            y: { value: 0 },
            y2: { signal: 'height' },
            stroke: { value: histogram.rule.colour },
            strokeDash: { value: [4, 3] },
          },
        },
      },
    ],
  }
}
