/**
 * The values a bounded metric can take, so a threshold it can never meet (or always meets) is
 * caught as a mistake: `toHaveMetric('accuracy_score', 85)` means 0.85.
 */
import { ConfigError } from '../../errors.js'
import { formatMetric } from '../../run/format-metric.js'
import { ownValue } from '../../run/own-keys.js'

/** Metrics whose values lie in [0, 1] (shares, scores, areas); `matthews_corrcoef` in [-1, 1]. */
const RANGES: Readonly<Record<string, readonly [number, number]>> = {
  accuracy_score: [0, 1],
  balanced_accuracy_score: [0, 1],
  precision_score: [0, 1],
  recall_score: [0, 1],
  f1_score: [0, 1],
  roc_auc: [0, 1],
  precision_recall_auc: [0, 1],
  brier_score_loss: [0, 1],
  confusion_rate: [0, 1],
  error_rate: [0, 1],
  matthews_corrcoef: [-1, 1],
}

/** The range of `metric`'s values, when it is bounded. */
export function metricRange(metric: string): readonly [number, number] | undefined {
  return ownValue(RANGES, metric)
}

/**
 * Throws a `ConfigError` when a threshold of a bounded metric lies outside the metric's range,
 * suggesting the fraction when it reads as a percentage (85 → 0.85).
 *
 * @param what e.g. `threshold` or `max`, as the user wrote it.
 */
export function checkThresholdInRange(matcherName: string, metric: string, what: string, bound: number | undefined, widthOnly = false): void {
  const range = ownValue(RANGES, metric)
  if (range === undefined || bound === undefined || !Number.isFinite(bound)) return
  const [low, high] = widthOnly ? [0, range[1] - range[0]] : range
  if (bound >= low && bound <= high) return
  const between = `${metric}${widthOnly ? ' differences lie' : ' lies'} between ${formatMetric(low)} and ${formatMetric(high)}`
  const fraction = bound / 100
  const percent = fraction >= low && fraction <= high
  const fix = percent ? `did you mean ${formatMetric(fraction)}? (thresholds are fractions, not percentages)` : `give a ${what} in that range`
  throw new ConfigError('matcher-threshold-range', `${matcherName}: ${what} ${formatMetric(bound)} for ${metric} is out of range: ${between}; ${fix}`)
}
