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
 * - margin > 0: the normal test of the difference of the two proportions with that margin
 *   (`normal-proportions`), its variance from both proportions, each at least 1 / (2 n) so that a
 *   run with no failure is not taken as certain.
 *
 * @example rateRiseTest({ failedA: 0, rowsA: 2000, failedB: 667, rowsB: 2000 }).p < 1e-100 // true
 */
export function rateRiseTest(options: { failedA: number; rowsA: number; failedB: number; rowsB: number; margin?: number }): { p: number; method: 'fisher-exact' | 'normal-proportions' } {
  const { failedA, rowsA, failedB, rowsB, margin = 0 } = options
  for (const [name, value, most] of [
    ['failedA', failedA, rowsA],
    ['failedB', failedB, rowsB],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > most) throw new RangeError(`rateRiseTest: ${name} = ${String(value)} is not a count between 0 and its ${String(most)} rows`)
  }
  if (!(rowsA >= 1) || !(rowsB >= 1) || !Number.isInteger(rowsA) || !Number.isInteger(rowsB)) throw new RangeError(`rateRiseTest: row counts ${String(rowsA)}, ${String(rowsB)} are not positive integers`)
  if (!(margin >= 0) || !Number.isFinite(margin)) throw new RangeError(`rateRiseTest: margin ${String(margin)} is not a finite number >= 0`)
  if (margin > 0) {
    const rateA = failedA / rowsA
    const rateB = failedB / rowsB
    const floorA = Math.max(rateA, 1 / (2 * rowsA))
    const floorB = Math.max(rateB, 1 / (2 * rowsB))
    const se = Math.sqrt((floorA * (1 - floorA)) / rowsA + (floorB * (1 - floorB)) / rowsB)
    return { p: oneSidedNormalP(rateB - rateA - margin, se), method: 'normal-proportions' }
  }
  // P(X >= failedB), X ~ Hypergeometric(total rows, total failures, rowsB drawn)
  const total = rowsA + rowsB
  const failures = failedA + failedB
  const logChoose = (n: number, k: number): number => logFactorial(n) - logFactorial(k) - logFactorial(n - k)
  const denominator = logChoose(total, rowsB)
  const most = Math.min(failures, rowsB)
  let p = 0
  for (let x = failedB; x <= most; x++) {
    if (failures - x > rowsA) continue
    p += Math.exp(logChoose(failures, x) + logChoose(total - failures, rowsB - x) - denominator)
  }
  return { p: Math.min(1, p), method: 'fisher-exact' }
}
