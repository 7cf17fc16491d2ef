import type { Spec } from 'vega'
import type { RocCurve } from '../../run/types.js'
import { formatMetric } from '../../run/format-metric.js'
import { curveChartSpec } from './curve-lines.js'

/** Vega spec of ROC curves (one per class against the rest, or the positive label), with AUC in the legend. */
export function rocCurveSpec(curves: readonly RocCurve[]): Spec {
  return curveChartSpec(
    curves.map((c) => ({ name: `${c.label} (AUC ${formatMetric(c.auc)})`, x: c.fpr, y: c.tpr })),
    { title: curves.length > 1 ? 'ROC curves (one-vs-rest)' : 'ROC curve', xTitle: 'False positive rate', yTitle: 'True positive rate', diagonal: true },
  )
}
