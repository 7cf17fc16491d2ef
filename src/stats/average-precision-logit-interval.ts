import { normalQuantile } from './normal-quantile.js'

/**
 * Logit interval for average precision (Boyd, Eng & Page 2013, "Area under the
 * precision-recall curve: point estimates and confidence intervals"):
 * logistic(logit(AP) +- z / sqrt(positives * AP * (1 - AP))). NaN bounds when AP is 0 or 1 or
 * there are no positives.
 *
 * @example averagePrecisionLogitInterval(0.8, 400, 0.95) // { lower: 0.756..., upper: 0.837... }
 */
export function averagePrecisionLogitInterval(ap: number, positives: number, level: number): { lower: number; upper: number } {
  if (!(ap > 0 && ap < 1) || positives < 1) return { lower: Number.NaN, upper: Number.NaN }
  const z = normalQuantile((1 + level) / 2)
  const tau = 1 / Math.sqrt(positives * ap * (1 - ap))
  const centre = Math.log(ap / (1 - ap))
  const logistic = (x: number): number => 1 / (1 + Math.exp(-x))
  return { lower: logistic(centre - z * tau), upper: logistic(centre + z * tau) }
}
