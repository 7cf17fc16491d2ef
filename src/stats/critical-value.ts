import { ConfigError } from '../errors.js'
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

/**
 * Throws a `ConfigError` unless `level` is a number strictly between 0 and 1.
 *
 * @example
 * assertLevel(0.95, 'aucInterval') // passes
 * assertLevel(95, 'aucInterval') // throws: use a fraction such as 0.95
 */
export function assertLevel(level: number, where: string): void {
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new ConfigError(
      'invalid-interval-level',
      `${where}: interval level ${String(level)} is not between 0 and 1 (exclusive); use a fraction such as 0.95 for a 95% interval`,
    )
  }
}
