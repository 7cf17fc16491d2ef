/** Directions of a model type's built-in metrics, from the metric engine's table. */
import { METRIC_DIRECTIONS } from '../metrics/index.js'

/**
 * `name -> greater is better` for each of `names` the metric engine gives a direction (counts
 * such as `example_count` have none).
 * @example directionsOf(['accuracy_score', 'log_loss']) // { accuracy_score: true, log_loss: false }
 */
export function directionsOf(names: readonly string[]): Readonly<Record<string, boolean>> {
  const out: Record<string, boolean> = {}
  for (const name of names) {
    const direction = METRIC_DIRECTIONS[name]
    if (typeof direction === 'boolean') out[name] = direction
  }
  return out
}
