import type { Spec } from 'vega'
import type { ScoreHistogram } from '../score-histogram.js'
import { numberAxisFormat } from './vega-svg.js'

/**
 * Vega spec of the histogram of one per-row score column (`rouge1/v1/score`, `ndcg_at_3/score`,
 * ...), in the style of the residual histogram, with a dashed rule at the run's mean.
 */
export function scoreHistogramSpec(column: string, histogram: ScoreHistogram, mean: number | undefined): Spec {
  const values = histogram.counts.map((count, i) => ({ x0: histogram.edges[i], x1: histogram.edges[i + 1], count }))
  const lo = histogram.edges[0] ?? 0
  const hi = histogram.edges[histogram.edges.length - 1] ?? 1
  return {
    width: 340,
    height: 220,
    padding: 8,
    title: { text: column },
    data: [{ name: 'bins', values }, { name: 'mean', values: mean !== undefined && Number.isFinite(mean) ? [{ x: mean }] : [] }],
    scales: [
      { name: 'x', type: 'linear', domain: [lo, hi], range: 'width', nice: false, zero: false },
      { name: 'y', type: 'linear', domain: { data: 'bins', field: 'count' }, range: 'height', nice: true, zero: true },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'Score per row', tickCount: 6, ...numberAxisFormat(lo, hi) },
      { orient: 'left', scale: 'y', title: 'Rows', grid: true, tickCount: 5, tickMinStep: 1, format: 'd' },
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
        from: { data: 'mean' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x' },
            y: { value: 0 },
            y2: { signal: 'height' },
            stroke: { value: '#f28e2b' },
            strokeDash: { value: [4, 3] },
          },
        },
      },
    ],
  }
}
