/**
 * The option checks the paired tests share (permutation, sign-flip, resample): the margin, the
 * level alpha, and the number of Monte-Carlo draws with its default.
 */

/**
 * Throws a RangeError unless `margin` is a finite number >= 0.
 * @example assertMargin(0.01, 'pairedResampleTest', "the metric's units") // passes
 */
export function assertMargin(margin: number, where: string, units: string): void {
  if (!(margin >= 0) || !Number.isFinite(margin)) {
    throw new RangeError(`${where}: margin ${String(margin)} is not a finite number >= 0 (in ${units})`)
  }
}

/**
 * Throws a RangeError unless `alpha` is strictly between 0 and 1.
 * @example assertAlpha(0.05, 'pairedSignFlipTest') // passes
 */
export function assertAlpha(alpha: number, where: string): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${where}: alpha ${String(alpha)} is not between 0 and 1`)
}

/**
 * The number of Monte-Carlo draws: `draws` when given, else max(`min`, ⌈20 / alpha⌉) capped at
 * `max` (a p-value resolution of at most alpha / 20); throws unless it is a positive integer.
 * @example monteCarloDrawCount(undefined, 0.001, 2000, 200_000, 'pairedPermutationTest') // 20000
 */
export function monteCarloDrawCount(draws: number | undefined, alpha: number, min: number, max: number, where: string): number {
  const count = draws ?? Math.min(max, Math.max(min, Math.ceil(20 / alpha)))
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`${where}: draws = ${String(count)} is not a positive integer`)
  return count
}
