import { logFactorial } from './log-factorial.js'

/**
 * One-sided exact McNemar test, with a non-inferiority margin, for accuracy-type comparisons of
 * two runs on the same `total` rows (method `mcnemar-mid-p`, or `mcnemar-exact` with
 * `midP: false`).
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
 * p = P(X ≥ lost) (exact), or with `midP` (default) P(X > lost) + P(X = lost) / 2.
 *
 * Why mid-p: the exact conditional p-value is conservative when few rows differ (its size at
 * nominal 5% is 2.3% averaged over 20 expected discordant rows, 1.1% when exactly 10 differ),
 * which costs power; the mid-p value's size, averaged over the random number of discordant rows,
 * stays near and below nominal (3.0%, 4.2%, 4.9% for 5, 10, 20 expected discordant rows;
 * Fagerland, Lydersen & Laake 2013 recommend it for McNemar). Conditional on one particular n it
 * can exceed nominal (7.3% when exactly 12 rows differ): pass `midP: false` for a test whose size
 * never exceeds alpha for any n.
 *
 * Unweighted counts only: a weighted run (sample weights) uses {@link pairedPermutationTest}.
 * Degenerate: no discordant row (n = 0), or p0 = 1 (the margin exceeds every possible drop),
 * gives p = 1.
 *
 * @example
 * exactMcNemarTest({ lost: 7, gained: 0, total: 800, midP: false }) // => { p: 0.0078125, method: 'mcnemar-exact' } (2^-7)
 * exactMcNemarTest({ lost: 7, gained: 0, total: 800 }) // => { p: 0.00390625, method: 'mcnemar-mid-p' }
 * exactMcNemarTest({ lost: 30, gained: 10, total: 800, margin: 0.01 }) // p0 = 0.6 => { p: 0.02539..., method: 'mcnemar-mid-p' }
 */
export function exactMcNemarTest(options: {
  lost: number
  gained: number
  total: number
  margin?: number
  midP?: boolean
}): { p: number; method: 'mcnemar-mid-p' | 'mcnemar-exact' } {
  const { lost, gained, total, margin = 0, midP = true } = options
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
