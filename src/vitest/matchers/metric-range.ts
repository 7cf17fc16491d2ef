/**
 * The values a bounded metric can take, so a threshold it can never meet (or always meets) is
 * caught as a mistake: `toHaveMetric('accuracy_score', 85)` means 0.85.
 */
import { ConfigError } from '../../errors.js'
import { formatMetric } from '../../run/format-metric.js'
import { metricRange } from '../../metrics/index.js'

/**
 * Throws a `ConfigError` when a threshold of a bounded metric lies outside the metric's range,
 * suggesting the fraction when it reads as a percentage (85 → 0.85).
 *
 * @param what e.g. `threshold` or `max`, as the user wrote it.
 */
export function checkThresholdInRange(matcherName: string, metric: string, what: string, bound: number | undefined, widthOnly = false): void {
  const range = metricRange(metric)
  if (range === undefined || bound === undefined || !Number.isFinite(bound)) return
  const [low, high] = widthOnly ? [0, range[1] - range[0]] : range
  if (bound >= low && bound <= high) return
  const between = `${metric}${widthOnly ? ' differences lie' : ' lies'} between ${formatMetric(low)} and ${formatMetric(high)}`
  const fraction = bound / 100
  const percent = fraction >= low && fraction <= high
  const fix = percent ? `did you mean ${formatMetric(fraction)}? (thresholds are fractions, not percentages)` : `give a ${what} in that range`
  throw new ConfigError('matcher-threshold-range', `${matcherName}: ${what} ${formatMetric(bound)} for ${metric} is out of range: ${between}; ${fix}`)
}

/**
 * Throws a `ConfigError` when a margin (the least gain one run must show over another) on a
 * bounded metric is as wide as the metric's range or wider: no gain can exceed it, so
 * `toOutperform` could never pass and `.not.toOutperform` would pass vacuously (a margin of 1 on
 * accuracy). A margin of 1 reads as 1% (0.01).
 * @example checkMarginBelowRange('toOutperform', 'accuracy_score', 0.02) // returns; 1 or 5 throws
 */
export function checkMarginBelowRange(matcherName: string, metric: string, margin: number): void {
  checkThresholdInRange(matcherName, metric, 'margin', margin, true)
  const range = metricRange(metric)
  if (range === undefined || !Number.isFinite(margin)) return
  const width = range[1] - range[0]
  if (margin < width) return
  const fraction = margin / 100
  const fix = fraction < width ? `did you mean ${formatMetric(fraction)}? (margins are fractions, not percentages)` : `give a margin below ${formatMetric(width)}`
  throw new ConfigError(
    'matcher-threshold-range',
    `${matcherName}: margin ${formatMetric(margin)} for ${metric} is as wide as its range (${metric} lies between ${formatMetric(range[0])} and ${formatMetric(range[1])}), so no model can outperform another by more; ${fix}`,
  )
}
