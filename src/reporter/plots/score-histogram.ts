import type { Spec } from 'vega'
import type { ScoreHistogram } from '../score-histogram.js'
import { binnedHistogramSpec } from './binned-histogram.js'

/**
 * Vega spec of the histogram of one per-row score column (`rouge1/v1/score`, `ndcg_at_3/score`,
 * ...), in the style of the residual histogram, with a dashed rule at the run's mean.
 */
export function scoreHistogramSpec(column: string, histogram: ScoreHistogram, mean: number | undefined): Spec {
  return binnedHistogramSpec({
    title: column,
    height: 220,
    edges: histogram.edges,
    counts: histogram.counts,
    xTitle: 'Score per row',
    yTitle: 'Rows',
    rule: { at: mean, colour: '#f28e2b' },
    countAxis: { tickMinStep: 1, format: 'd' },
  })
}
