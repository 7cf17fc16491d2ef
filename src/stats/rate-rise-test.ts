import { logFactorial } from './log-factorial.js'
import { oneSidedNormalP } from './one-sided-normal-p.js'

/**
 * One-sided test that a rate of failures rose from run A (`failedA` of `rowsA`) to run B
 * (`failedB` of `rowsB`) by more than `margin`: H0 rateB − rateA ≤ margin. Used for the rows a
 * served model failed on (`error_rate`), where both runs are counts of failed rows.
 *
 * - margin 0: Fisher's exact test, conditional on the failures of both runs together: the
 *   hypergeometric probability that B holds `failedB` or more of them (`fisher-exact`). Exact
 *   for independent runs; where the same rows fail in both (a deterministic failure), the two
 *   counts are positively correlated and the test is conservative. One failure against none in
 *   2,000 rows each gives p = 1/2, a third of them p below 1e-100.
 * - margin > 0: Farrington and Manning's (1990) score test of the difference
 *   (`score-difference`): z = (rateB − rateA − margin − c) / se, the variance from the rates that
 *   maximise the likelihood on H0's boundary (rateB = rateA + margin), c = ½ (1/rowsA + 1/rowsB) a
 *   continuity correction. Measured size at 5% (bench/gate/rate-rise-size.mjs: 10,000 seeded
 *   pairs each, 18 cells from 30 to 5,000 rows, rates 0 to 0.5, margins 0.001 to 0.1, equal and
 *   unequal sizes): 0.2–4.4%; without the correction up to 6.6% (200 rows, 1%, margin 2%).
 *   Berger and Boos's exact test, tried first, held its size but rejected 7.4% of 5% → 12% rises
 *   on 200 rows with a margin of 1% (adversarial pass 30); this test 63.5%, Fisher's without a
 *   margin 74.5%.
 *
 * @example rateRiseTest({ failedA: 0, rowsA: 2000, failedB: 667, rowsB: 2000 }).p < 1e-100 // true
 */
export function rateRiseTest(options: { failedA: number; rowsA: number; failedB: number; rowsB: number; margin?: number }): { p: number; method: 'fisher-exact' | 'score-difference' } {
  const { failedA, rowsA, failedB, rowsB, margin = 0 } = options
  if (!(rowsA >= 1) || !(rowsB >= 1) || !Number.isInteger(rowsA) || !Number.isInteger(rowsB)) throw new RangeError(`rateRiseTest: row counts ${String(rowsA)}, ${String(rowsB)} are not positive integers`)
  for (const [name, value, most] of [
    ['failedA', failedA, rowsA],
    ['failedB', failedB, rowsB],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > most) throw new RangeError(`rateRiseTest: ${name} = ${String(value)} is not a count between 0 and its ${String(most)} rows`)
  }
  if (!(margin >= 0) || !Number.isFinite(margin)) throw new RangeError(`rateRiseTest: margin ${String(margin)} is not a finite number >= 0`)
  if (margin > 0) {
    // Farrington and Manning's score test: the variance from the rates that maximise the likelihood under H0's boundary
    const rateA = failedA / rowsA
    const rateB = failedB / rowsB
    const restricted = restrictedRateA(failedA, rowsA, failedB, rowsB, margin)
    const rateAt = (rate: number): number => rate * (1 - rate)
    const se = Math.sqrt(rateAt(restricted) / rowsA + rateAt(restricted + margin) / rowsB)
    // with a continuity correction of half a row in each run: the score test alone is liberal at small counts
    const correction = 0.5 * (1 / rowsA + 1 / rowsB)
    return { p: oneSidedNormalP(rateB - rateA - margin - correction, se), method: 'score-difference' }
  }
  // P(X >= failedB), X ~ Hypergeometric(total rows, total failures, rowsB drawn)
  const total = rowsA + rowsB
  const failures = failedA + failedB
  const denominator = logChoose(total, rowsB)
  const most = Math.min(failures, rowsB)
  let p = 0
  for (let x = failedB; x <= most; x++) {
    if (failures - x > rowsA) continue
    p += Math.exp(logChoose(failures, x) + logChoose(total - failures, rowsB - x) - denominator)
  }
  return { p: Math.min(1, p), method: 'fisher-exact' }
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k)
}

/**
 * A's rate maximising the two runs' binomial likelihood where B's rate is A's plus `margin`
 * (bisection on the derivative of the concave log-likelihood over [0, 1 − margin]).
 */
function restrictedRateA(failedA: number, rowsA: number, failedB: number, rowsB: number, margin: number): number {
  const slope = (a: number): number => {
    const b = a + margin
    return (failedA > 0 ? failedA / a : 0) - (rowsA - failedA > 0 ? (rowsA - failedA) / (1 - a) : 0) + (failedB > 0 ? failedB / b : 0) - (rowsB - failedB > 0 ? (rowsB - failedB) / (1 - b) : 0)
  }
  let low = 0
  let high = 1 - margin
  const tiny = 1e-12
  if (slope(low + tiny) <= 0) return low
  if (slope(high - tiny) >= 0) return high
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2
    if (slope(mid) > 0) low = mid
    else high = mid
  }
  return (low + high) / 2
}
