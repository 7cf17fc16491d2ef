import { assertLevel } from './assert-level.js'
import { normalQuantile } from './normal-quantile.js'

/**
 * Two-sided normal critical value for a confidence level: z with P(|Z| <= z) = level.
 * Throws a `ConfigError` naming the value when the level is not strictly between 0 and 1.
 *
 * @param level nominal coverage, e.g. 0.95
 * @param where what asked for the level, used in the error message
 * @example
 * criticalValue(0.95) // => 1.959963984...
 * criticalValue(0.9) // => 1.644853626...
 */
export function criticalValue(level: number, where = 'interval'): number {
  assertLevel(level, where)
  return normalQuantile(0.5 + level / 2)
}
