import { logFactorial } from './log-factorial.js'

/**
 * One-sided exact McNemar test, with a non-inferiority margin, for accuracy-type comparisons of
 * two runs on the same `total` rows (method `mcnemar-mid-p`, or `mcnemar-exact` with
 * `midP: false`, the default when margin > 0).
 *
 * `lost` = rows the current run got wrong and the baseline right, `gained` = the reverse. The
 * accuracy drop is (lost − gained) / total; H0: drop ≤ margin, H1: drop > margin (for
 * `toOutperform`, "A beats B by more than margin" is the same test with A's losses as `gained`).
 *
 * Conditional on the n = lost + gained discordant rows, `lost` is Binomial(n, p0) with
 * p0 = π_lost / (π_lost + π_gained). On the boundary of H0, π_lost − π_gained = margin; the
 * unknown discordance rate π_lost + π_gained is replaced by the observed n / total, so
 * p0 = (n + margin·total) / (2n), clipped to [0, 1]. At margin 0, p0 = 1/2 and the test is
 * exact whatever the discordance; with a margin the plug-in makes it approximate.
 * p = P(X ≥ lost) (exact), or with `midP` (default at margin 0) P(X > lost) + P(X = lost) / 2.
 *
 * Why mid-p (the default at margin 0): the exact conditional p-value is conservative when few
 * rows differ (measured size at nominal 5%, 800 rows, 20,000 trials: 1.4%, 2.5%, 3.1% for 5, 10,
 * 20 expected discordant rows), which costs power; the mid-p value's size, averaged over the
 * random number of discordant rows, stays near and below nominal (3.2%, 4.4%, 4.9%; Fagerland,
 * Lydersen & Laake 2013 recommend it for McNemar). Conditional on one particular n it can exceed
 * nominal (7.3% when exactly 12 rows differ). With a margin the plug-in p0 makes mid-p
 * liberal (5.3–5.7% at the boundary), so the default there is the exact p (3.7–4.2%): `midP`
 * defaults to `margin === 0`. Pass `midP: false` for a test whose size never exceeds alpha for
 * any n at margin 0. Figures from bench/gate/paired-test-size.sim.ts.
 *
 * Unweighted counts only: a weighted run (sample weights) uses {@link pairedPermutationTest}.
 * Degenerate: no discordant row (n = 0), or p0 = 1 (the margin exceeds every possible drop),
 * gives p = 1.
 *
 * @example
 * exactMcNemarTest({ lost: 7, gained: 0, total: 800, midP: false }) // => { p: 0.0078125, method: 'mcnemar-exact' } (2^-7)
 * exactMcNemarTest({ lost: 7, gained: 0, total: 800 }) // => { p: 0.00390625, method: 'mcnemar-mid-p' }
 * exactMcNemarTest({ lost: 30, gained: 10, total: 800, margin: 0.01 }) // p0 = 0.6 => { p: 0.03522..., method: 'mcnemar-exact' }
 */
export function exactMcNemarTest(options: {
  lost: number
  gained: number
  total: number
  margin?: number
  /** Mid-p value; default true at margin 0, false with a margin (see above). */
  midP?: boolean
}): { p: number; method: 'mcnemar-mid-p' | 'mcnemar-exact' } {
  const { lost, gained, total, margin = 0 } = options
  const midP = options.midP ?? margin === 0
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
  if (!(margin >= 0) || !Number.isFinite(margin)) {
    throw new RangeError(`exactMcNemarTest: margin ${String(margin)} is not a finite number >= 0 (in accuracy units, e.g. 0.01)`)
  }
  const method = midP ? 'mcnemar-mid-p' : 'mcnemar-exact'
  const n = lost + gained
  if (n === 0) return { p: 1, method }
  const p0 = Math.min(1, (n + margin * total) / (2 * n))
  if (p0 >= 1) return { p: 1, method }
  const logP = Math.log(p0)
  const logQ = Math.log1p(-p0)
  const logNFactorial = logFactorial(n)
  const pmf = (k: number): number => Math.exp(logNFactorial - logFactorial(k) - logFactorial(n - k) + k * logP + (n - k) * logQ)
  // Upper tail above `lost`, summed from the far end so small terms are added first.
  let above = 0
  for (let k = n; k > lost; k--) above += pmf(k)
  const p = above + (midP ? 0.5 : 1) * pmf(lost)
  return { p: Math.min(1, p), method }
}
