import { ConfigError } from '../errors.js'

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
