import { HALF_LOG_2PI, logFactorial } from './log-factorial.js'

/**
 * Stirling correction term fc(k) = log(k!) - [(k + 1/2) log(k + 1) - (k + 1) + log(2π)/2],
 * as used by Hörmann's BTRD binomial sampler.
 *
 * @example
 * stirlingCorrection(0) // => 0.0810614667953...
 */
export function stirlingCorrection(k: number): number {
  const x = k + 1
  if (k < 10) return logFactorial(k) - ((k + 0.5) * Math.log(x) - x + HALF_LOG_2PI)
  const inv = 1 / x
  const inv2 = inv * inv
  return inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260))
}
