import type { Spec } from 'vega'
import { binnedHistogramSpec } from './binned-histogram.js'

/** Vega spec of the residual histogram (`predicted - actual`) of a regressor, with a rule at zero. */
export function residualHistogramSpec(histogram: { edges: number[]; counts: number[] }): Spec {
  return binnedHistogramSpec({
    title: 'Residuals (predicted − actual)',
    height: 260,
    edges: histogram.edges,
    counts: histogram.counts,
    xTitle: 'Residual',
    yTitle: 'Examples',
    rule: { at: 0, colour: '#e15759' },
  })
}
