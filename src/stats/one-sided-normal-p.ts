import { normalCdf } from './normal-cdf.js'

/**
 * One-sided normal p-value P(Z ≥ excess / standardError) of an estimate's excess over the null
 * boundary (estimate − margin). A standard error of 0 (up to 1e-15) decides by the sign:
 * p = 0 when the excess is positive, 1 otherwise (rounding-safe).
 *
 * @example
 * oneSidedNormalP(0.03, 0.015) // => 0.02275... (z = 2)
 * oneSidedNormalP(0, 0) // => 1
 */
export function oneSidedNormalP(excess: number, standardError: number): number {
  if (!(standardError > 1e-15)) return excess > 1e-15 ? 0 : 1
  return normalCdf(-excess / standardError)
}
