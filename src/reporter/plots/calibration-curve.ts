import type { Spec } from 'vega'
import type { CalibrationCurve } from '../../run/types.js'
import { curveChartSpec } from './curve-lines.js'

/**
 * Vega spec of a reliability diagram: mean predicted probability against the fraction of
 * positives per bin (empty bins skipped), with the diagonal of perfect calibration.
 */
export function calibrationCurveSpec(curves: readonly CalibrationCurve[]): Spec {
  return curveChartSpec(
    curves.map((c) => {
      const bins = c.bins.filter((b) => b.count > 0)
      return { name: c.label, x: bins.map((b) => b.meanPredicted), y: bins.map((b) => b.fractionPositive) }
    }),
    {
      title: curves.length > 1 ? 'Calibration (one-vs-rest)' : 'Calibration curve',
      xTitle: 'Mean predicted probability',
      yTitle: 'Fraction of positives',
      diagonal: true,
      points: true,
    },
  )
}
