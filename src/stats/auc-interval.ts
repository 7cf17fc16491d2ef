import { criticalValue } from './critical-value.js'

/** Scale on which an AUC interval is built. */
export type AucIntervalScale = 'logit' | 'clipped-normal'

/**
 * Interval for an AUC from its (DeLong) variance.
 *
 * Default scale `logit`: logit(A) ± z·√V / (A(1 - A)) (delta method), mapped back with the
 * logistic function, so the bounds stay inside (0, 1) and the interval is asymmetric near the
 * edges, where an AUC's sampling distribution is skewed. `clipped-normal`: A ± z·√V clipped to
 * [0, 1].
 *
 * Degenerate cases: AUC exactly 0 or 1 has no logit; the clipped normal is used there (with
 * DeLong's variance 0 for perfect separation, the interval is [A, A]: the data cannot show any
 * uncertainty, which is a statement about the sample, not the model). Variance 0 gives [A, A]
 * on either scale. NaN AUC or variance (one class, one example of a class) gives NaN bounds.
 *
 * @param auc point estimate in [0, 1]
 * @param variance its variance (e.g. from {@link delongAuc})
 * @param level nominal coverage in (0, 1)
 * @example
 * aucInterval(0.8, 0.0009, 0.95) // => about { lower: 0.735, upper: 0.852 } (logit scale)
 * aucInterval(0.8, 0.0009, 0.95, 'clipped-normal') // => about { lower: 0.741, upper: 0.859 }
 */
export function aucInterval(
  auc: number,
  variance: number,
  level: number,
  scale: AucIntervalScale = 'logit',
): { lower: number; upper: number } {
  const z = criticalValue(level, 'aucInterval')
  if (Number.isNaN(auc) || Number.isNaN(variance) || variance < 0) return { lower: Number.NaN, upper: Number.NaN }
  const se = Math.sqrt(variance)
  if (scale === 'logit' && auc > 0 && auc < 1) {
    const centre = Math.log(auc / (1 - auc))
    const halfWidth = (z * se) / (auc * (1 - auc))
    return { lower: logistic(centre - halfWidth), upper: logistic(centre + halfWidth) }
  }
  return { lower: Math.max(0, auc - z * se), upper: Math.min(1, auc + z * se) }
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x))
}
