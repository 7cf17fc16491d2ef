import type { Spec } from 'vega'
import type { PrCurve } from '../../run/types.js'
import { formatMetric } from '../../run/format-metric.js'
import { curveChartSpec } from './curve-lines.js'

/**
 * Vega spec of precision-recall curves with average precision in the legend. Points are drawn
 * as steps, as scikit-learn's `PrecisionRecallDisplay` does (`steps-post`: each point's
 * precision held to the next recall, Vega's `step-after`; the area under them is the average
 * precision). `positiveRate` (binary) adds the
 * no-skill line.
 */
export function precisionRecallCurveSpec(curves: readonly PrCurve[], positiveRate?: number): Spec {
  return curveChartSpec(
    curves.map((c) => ({ name: `${c.label} (AP ${formatMetric(c.averagePrecision)})`, x: c.recall, y: c.precision })),
    {
      title: curves.length > 1 ? 'Precision-recall curves (one-vs-rest)' : 'Precision-recall curve',
      xTitle: 'Recall',
      yTitle: 'Precision',
      baselineY: positiveRate,
      interpolate: 'step-after',
    },
  )
}
