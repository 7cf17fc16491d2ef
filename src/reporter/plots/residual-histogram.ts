import type { Spec } from 'vega'
import { numberAxisFormat } from './vega-svg.js'

/** Vega spec of the residual histogram (`predicted - actual`) of a regressor, with a rule at zero. */
export function residualHistogramSpec(histogram: { edges: number[]; counts: number[] }): Spec {
  const values = histogram.counts.map((count, i) => ({ x0: histogram.edges[i], x1: histogram.edges[i + 1], count }))
  const lo = histogram.edges[0] ?? 0
  const hi = histogram.edges[histogram.edges.length - 1] ?? 1
  return {
    width: 340,
    height: 260,
    padding: 8,
    title: { text: 'Residuals (predicted − actual)' },
    data: [{ name: 'bins', values }, { name: 'zero', values: lo <= 0 && hi >= 0 ? [{ x: 0 }] : [] }],
    scales: [
      { name: 'x', type: 'linear', domain: [lo, hi], range: 'width', nice: false, zero: false },
      { name: 'y', type: 'linear', domain: { data: 'bins', field: 'count' }, range: 'height', nice: true, zero: true },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'Residual', tickCount: 6, ...numberAxisFormat(lo, hi) },
      { orient: 'left', scale: 'y', title: 'Examples', grid: true, tickCount: 5 },
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
        from: { data: 'zero' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x' },
            y: { value: 0 },
            y2: { signal: 'height' },
            stroke: { value: '#e15759' },
            strokeDash: { value: [4, 3] },
          },
        },
      },
    ],
  }
}
