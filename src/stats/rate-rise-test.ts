import { logFactorial } from './log-factorial.js'

/** Berger–Boos's gamma: the part of the level spent on run A's rate being above its bound. */
const GAMMA = 0.001

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
 * - margin > 0: Berger and Boos's (1994) exact test (`exact-shifted-binomial`): with u the
 *   Clopper–Pearson upper bound of A's rate at confidence 1 − γ (γ = 0.001), p = P(Binomial(rowsB,
 *   min(1, u + margin)) ≥ failedB) + γ. Under H0, B's rate is at most A's plus the margin, which
 *   is at most u + margin except with probability γ, so the size is at most the level whatever
 *   the rates and counts (the normal test of two proportions it replaces rejected 10.7% at 5%
 *   with 200 rows, a rate of 1% and a margin of 2%: adversarial pass 29).
 *
 * @example rateRiseTest({ failedA: 0, rowsA: 2000, failedB: 667, rowsB: 2000 }).p < 1e-100 // true
 */
export function rateRiseTest(options: { failedA: number; rowsA: number; failedB: number; rowsB: number; margin?: number }): { p: number; method: 'fisher-exact' | 'exact-shifted-binomial' } {
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
    const bound = Math.min(1, clopperPearsonUpper(failedA, rowsA, GAMMA) + margin)
    return { p: Math.min(1, binomialUpperTail(rowsB, bound, failedB) + GAMMA), method: 'exact-shifted-binomial' }
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

/** log P(X = x), X ~ Binomial(n, rate), 0 < rate < 1. */
function logBinomialPmf(n: number, rate: number, x: number): number {
  return logChoose(n, x) + x * Math.log(rate) + (n - x) * Math.log1p(-rate)
}

/**
 * P(X >= x), X ~ Binomial(n, rate): the terms from x up where x lies above the mean (they fall
 * geometrically; summed until they no longer add), else 1 − P(X < x).
 */
export function binomialUpperTail(n: number, rate: number, x: number): number {
  if (x <= 0) return 1
  if (x > n) return 0
  if (rate <= 0) return 0
  if (rate >= 1) return 1
  if (x > n * rate) {
    let sum = 0
    for (let k = x; k <= n; k++) {
      const term = Math.exp(logBinomialPmf(n, rate, k))
      sum += term
      if (term < 1e-17 * sum) break
    }
    return Math.min(1, sum)
  }
  let below = 0
  for (let k = 0; k < x; k++) below += Math.exp(logBinomialPmf(n, rate, k))
  return Math.max(0, 1 - below)
}

/** Clopper–Pearson upper bound of a rate at confidence 1 − gamma: the rate u with P(Binomial(n, u) ≤ failed) = gamma (bisection). */
function clopperPearsonUpper(failed: number, n: number, gamma: number): number {
  if (failed >= n) return 1
  let low = failed / n
  let high = 1
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2
    // P(X <= failed) = 1 - P(X >= failed + 1), falling in the rate
    if (1 - binomialUpperTail(n, mid, failed + 1) > gamma) low = mid
    else high = mid
  }
  return high
}
