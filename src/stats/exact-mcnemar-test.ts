import { logFactorial } from './log-factorial.js'
import { assertMargin } from './paired-test-options.js'

/**
 * One-sided exact McNemar test, with a non-inferiority margin, for accuracy-type comparisons of
 * two runs on the same `total` rows (method `mcnemar-exact`, or `mcnemar-mid-p` with
 * `midP: true`).
 *
 * `lost` = rows the current run got wrong and the baseline right, `gained` = the reverse. The
 * accuracy drop is (lost − gained) / total; H0: drop ≤ margin, H1: drop > margin (for
 * `toOutperform`, "A beats B by more than margin" is the same test with A's losses as `gained`).
 *
 * Conditional on the n = lost + gained discordant rows, the exchange distribution of the two
 * models' outputs row by row makes `lost` Binomial(n, 1/2) under "no difference": at margin 0 the
 * test is exact whatever the discordance. A margin enters as a shift model, as in
 * {@link pairedPermutationTest}: the observed lost − gained, less margin·total, is compared with
 * that exchange distribution of lost − gained, p = P(B ≥ lost − margin·total / 2), B ~ Binomial(n,
 * 1/2). Between two of B's integers the p is interpolated linearly, so that a margin of one row
 * (half a step of lost − gained) is not rounded away. At the boundary of H0 the exchange
 * distribution is at least as wide as the true one (its variance n against total·(π_lost + π_gained
 * − margin²)), so the size holds: computed exactly over the trinomial of lost / gained rows, at
 * most 0.93 × alpha over discordance rates 0–90%, 20–800 rows, margins 0.001–0.3 and alpha
 * 1e-4–0.05 (bench/gate/mcnemar-margin-size.mjs).
 * The earlier conditional test plugged the observed discordance into p0 = (n + margin·total) /
 * (2n); where rows are only lost it is far from the truth (p0 < 1 while every discordant row is
 * lost), and its size at the boundary reached 3.7 × alpha at 0.05 and 25 × at 0.001 with 800 rows
 * and a margin of 0.05, 775 × at 1e-4 with a margin of 0.3 (white-box review 55).
 * p = P(B ≥ k) (exact, the default), or with `midP` P(B > k) + P(B = k) / 2, at each of the two
 * integers k the threshold lies between.
 *
 * Why exact by default: the gate needs a size that holds for every number of differing rows.
 * The exact conditional p never exceeds alpha at margin 0, for any n; the mid-p value does, given
 * one particular n (computed at nominal 5%: 5.5% when exactly 10 rows differ, 7.3% at 12, 5.8% at
 * 20).
 * The price is power when few rows differ (size 1.4% / 2.5% / 3.1% for 5 / 10 / 20 expected
 * discordant rows); measured power at 800 rows with 1.5% of rows moving each way: a 5-point drop
 * 99.98% (alpha 0.05) and 99.5% (alpha 0.005), a 3-point drop 96.3% and 80.0%, against 99.99 /
 * 99.65 / 97.3 / 83.4% for mid-p (bench/gate/paired-test-size.sim.ts, 20,000 trials each). With
 * a tolerance the shift model costs 1–7 points of power against the plug-in's (whose rejections
 * include its excess size): 800 rows, tolerance 0.02, a 5-point drop with 1.5% of rows gained,
 * 91.1% against 92.4% at 0.05 and 64.1% against 70.6% at 0.005 (computed exactly by the same
 * bench script).
 * `midP: true` is kept for callers that accept that trade (Fagerland, Lydersen & Laake 2013).
 *
 * Unweighted counts only: a weighted run (sample weights) uses {@link pairedPermutationTest}.
 * Degenerate: no discordant row (n = 0) gives p = 1.
 *
 * @example
 * exactMcNemarTest({ lost: 7, gained: 0, total: 800 }) // => { p: 0.0078125, method: 'mcnemar-exact' } (2^-7)
 * exactMcNemarTest({ lost: 7, gained: 0, total: 800, midP: true }) // => { p: 0.00390625, method: 'mcnemar-mid-p' }
 * exactMcNemarTest({ lost: 30, gained: 10, total: 800, margin: 0.01 }) // P(Binomial(40, 1/2) >= 26) => { p: 0.0403..., method: 'mcnemar-exact' }
 */
export function exactMcNemarTest(options: {
  lost: number
  gained: number
  total: number
  margin?: number
  /** Mid-p value (default false: the exact conditional p, whose size never exceeds alpha at margin 0). */
  midP?: boolean
}): { p: number; method: 'mcnemar-mid-p' | 'mcnemar-exact' } {
  const { lost, gained, total, margin = 0 } = options
  const midP = options.midP ?? false
  for (const [name, value] of [['lost', lost], ['gained', gained], ['total', total]] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`exactMcNemarTest: ${name} = ${String(value)} is not a non-negative integer row count`)
    }
  }
  if (lost + gained > total) {
    throw new RangeError(
      `exactMcNemarTest: lost (${lost}) + gained (${gained}) = ${lost + gained} rows exceed total = ${total}; count each differing row once`,
    )
  }
  assertMargin(margin, 'exactMcNemarTest', 'accuracy units, e.g. 0.01')
  const method = midP ? 'mcnemar-mid-p' : 'mcnemar-exact'
  const n = lost + gained
  if (n === 0) return { p: 1, method }
  // P(B >= k) (or its mid-p), B ~ Binomial(n, 1/2), from the far end so small terms are added first
  const logNFactorial = logFactorial(n)
  const pmf = (k: number): number => Math.exp(logNFactorial - logFactorial(k) - logFactorial(n - k) - n * Math.LN2)
  const atLeast = (k: number): number => {
    if (k <= 0) return 1
    if (k > n) return 0
    let above = 0
    for (let j = n; j > k; j--) above += pmf(j)
    return Math.min(1, above + (midP ? 0.5 : 1) * pmf(k))
  }
  // the threshold lost − margin·total / 2, within 1e-9 of an integer counted as that integer
  const threshold = lost - (margin * total) / 2
  const nearest = Math.round(threshold)
  if (Math.abs(threshold - nearest) < 1e-9) return { p: atLeast(nearest), method }
  const below = Math.floor(threshold)
  const weight = threshold - below
  return { p: Math.min(1, (1 - weight) * atLeast(below) + weight * atLeast(below + 1)), method }
}
