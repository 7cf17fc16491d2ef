import { normalCdf } from './normal-cdf.js'

/** Below this number of discordant pairs the exact binomial test is used. */
const EXACT_LIMIT = 25

/**
 * McNemar's test of two classifiers on the same examples, from the discordant pairs:
 * `b` = examples A got right and B got wrong, `c` = A wrong and B right. Two-sided p-value for
 * "A and B have the same accuracy".
 *
 * - b + c < 25: exact binomial test (method `exact`): p = min(1, 2·P(X <= min(b, c))) with
 *   X ~ Binomial(b + c, 1/2); `statistic` is min(b, c) (as statsmodels reports it).
 * - otherwise: chi-square with Edwards' continuity correction (method `chi2-cc`):
 *   statistic = (|b - c| - 1)² / (b + c), p from χ²(1) (= 2·(1 - Φ(√statistic))).
 *
 * Assumptions: b and c are non-negative integer counts; the concordant pairs carry no
 * information and are not needed. b = c = 0 (identical outcomes) gives p = 1.
 *
 * @example
 * mcnemarTest(10, 2) // => { statistic: 2, pValue: 0.0385..., method: 'exact' }
 * mcnemarTest(30, 15) // => { statistic: 4.355..., pValue: 0.0369..., method: 'chi2-cc' }
 */
export function mcnemarTest(b: number, c: number): { statistic: number; pValue: number; method: 'exact' | 'chi2-cc' } {
  for (const [name, value] of [['b', b], ['c', c]] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`mcnemarTest: discordant count ${name} = ${String(value)} is not a non-negative integer`)
    }
  }
  const discordant = b + c
  if (discordant < EXACT_LIMIT) {
    const smaller = Math.min(b, c)
    // P(X <= smaller) for X ~ Binomial(discordant, 1/2), summed exactly (discordant < 25).
    let term = Math.pow(0.5, discordant)
    let cumulative = term
    for (let i = 1; i <= smaller; i++) {
      term *= (discordant - i + 1) / i
      cumulative += term
    }
    return { statistic: smaller, pValue: Math.min(1, 2 * cumulative), method: 'exact' }
  }
  const excess = Math.max(0, Math.abs(b - c) - 1)
  const statistic = (excess * excess) / discordant
  return { statistic, pValue: Math.min(1, 2 * normalCdf(-Math.sqrt(statistic))), method: 'chi2-cc' }
}
