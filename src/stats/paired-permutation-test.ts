import { createRandom } from './random-source.js'
import { assertAlpha, assertMargin, monteCarloDrawCount } from './paired-test-options.js'

/** Up to this many differing rows every one of the 2^pairs swaps is enumerated (65,536 at most). */
const EXACT_LIMIT = 16
/** Fewest Monte-Carlo draws, whatever alpha. */
const MIN_DRAWS = 2000
/** Most Monte-Carlo draws, whatever alpha (resolution 1/200,001 ≈ 5e-6, below alpha = 0.05/10,000). */
const MAX_DRAWS = 200_000

/**
 * One-sided paired permutation (randomization) test over the rows whose outcome differs between
 * two runs, for label metrics that are not means of per-row terms (F1, precision, recall, per
 * class or averaged, Matthews correlation, ...). Method `exact` or `monte-carlo`.
 *
 * `pairs` is the number of rows whose prediction differs between the runs (rows that agree are
 * unchanged by any swap and need not be passed). `statistic(swap)` returns the drop
 * (baseline metric − current metric, oriented so that larger is worse) after exchanging the
 * baseline's and the current run's predictions on every differing row i with swap[i] = 1 (the
 * buffer is reused between calls: read it, do not keep it). `observed` is the unswapped drop,
 * `statistic(all zeros)`.
 *
 * Null: on each differing row, the two predictions are exchangeable (neither run is better), so
 * every swap pattern is equally likely; H1: the current run is worse. The margin enters as a
 * shift model: H0 "drop ≤ margin" is tested by comparing observed − margin with the permutation
 * distribution D* of the drop, p = P(D* ≥ observed − margin) (the permutation distribution is
 * taken to be that of the drop's noise, shifted by the true drop). At margin 0 the test is exact:
 * its size never exceeds alpha, however few rows differ.
 *
 * - pairs ≤ 16 (`exactLimit`): all 2^pairs swaps are enumerated (the identity included),
 *   p = #{D* ≥ observed − margin} / 2^pairs; `draws` reports 2^pairs.
 * - otherwise Monte-Carlo: `draws` seeded random swaps (each row swapped with probability 1/2),
 *   p = (1 + #{D* ≥ observed − margin}) / (1 + draws), which keeps the test valid. Default
 *   draws = max(2,000, ⌈20 / alpha⌉) capped at 200,000, so the p-value's resolution
 *   1 / (1 + draws) is at most alpha / 20: pass the level the p-value will be compared with
 *   (alpha / m for the first step of Holm over m tests).
 *
 * - `stopAfter` (Monte Carlo only): stop as soon as that many draws have reached the threshold,
 *   with p = stopAfter / draws so far (Besag and Clifford 1991, "Sequential Monte Carlo
 *   p-values", Biometrika 78: still a valid p-value); a test whose p is far above alpha then
 *   costs about stopAfter / p draws instead of all of them.
 *
 * Accuracy is the special case where the drop counts lost minus gained rows: then this test is
 * {@link exactMcNemarTest} with `midP: false` (a faster route) wherever margin·total is an even
 * number of rows (McNemar interpolates between the two thresholds otherwise). A drop within 1e-12 (relative
 * to max(1, |observed − margin|)) of the threshold counts as reaching it, so that rounding in
 * the statistic does not split ties; a NaN drop counts as reaching it (conservative).
 *
 * @example
 * // 7 rows lost, none gained, accuracy on 100 rows: only the identity swap is as extreme.
 * const drop = (swap: Uint8Array) => { let d = 0; for (let i = 0; i < 7; i++) d += swap[i] ? -1 : 1; return d / 100 }
 * pairedPermutationTest({ pairs: 7, statistic: drop, observed: 0.07 }) // => { p: 0.0078125, method: 'exact', draws: 128 }
 */
export function pairedPermutationTest(options: {
  pairs: number
  statistic: (swap: Uint8Array) => number
  observed: number
  margin?: number
  seed?: number
  draws?: number
  alpha?: number
  /** Enumerate every swap up to this many pairs (default 16; at most 24). */
  exactLimit?: number
  /** Monte Carlo: stop once this many draws reached the threshold (p = stopAfter / draws so far). */
  stopAfter?: number
}): { p: number; method: 'exact' | 'monte-carlo'; draws: number } {
  const { pairs, statistic, observed, margin = 0, seed = 1, alpha = 0.05, exactLimit = EXACT_LIMIT } = options
  if (!Number.isInteger(pairs) || pairs < 0) {
    throw new RangeError(`pairedPermutationTest: pairs = ${String(pairs)} is not a non-negative integer count of differing rows`)
  }
  assertMargin(margin, 'pairedPermutationTest', "the metric's units")
  if (!Number.isFinite(observed)) {
    throw new RangeError(`pairedPermutationTest: observed drop ${String(observed)} is not a finite number; pass statistic(all zeros)`)
  }
  assertAlpha(alpha, 'pairedPermutationTest')
  if (!Number.isInteger(exactLimit) || exactLimit < 0 || exactLimit > 24) {
    throw new RangeError(`pairedPermutationTest: exactLimit ${String(exactLimit)} must be an integer from 0 to 24`)
  }
  const { stopAfter } = options
  if (stopAfter !== undefined && !(Number.isInteger(stopAfter) && stopAfter >= 1)) {
    throw new RangeError(`pairedPermutationTest: stopAfter ${String(stopAfter)} must be a positive integer count of draws`)
  }
  const threshold = observed - margin
  const slack = 1e-12 * Math.max(1, Math.abs(threshold))
  const reaches = (value: number): boolean => !(value < threshold - slack)
  const swap = new Uint8Array(pairs)

  if (pairs <= exactLimit) {
    const total = 2 ** pairs
    let count = 0
    for (let pattern = 0; pattern < total; pattern++) {
      for (let i = 0; i < pairs; i++) swap[i] = (pattern >>> i) & 1
      if (reaches(statistic(swap))) count++
    }
    return { p: count / total, method: 'exact', draws: total }
  }

  const draws = monteCarloDrawCount(options.draws, alpha, MIN_DRAWS, MAX_DRAWS, 'pairedPermutationTest')
  const random = createRandom(seed)
  let count = 0
  for (let r = 0; r < draws; r++) {
    // 26 swap bits from each uniform (53 random bits), drawn 26 at a time.
    for (let i = 0; i < pairs; i += 26) {
      let bits = Math.floor(random.uniform() * 67108864)
      const end = Math.min(pairs, i + 26)
      for (let j = i; j < end; j++) {
        swap[j] = bits & 1
        bits >>>= 1
      }
    }
    if (reaches(statistic(swap))) {
      count++
      if (count === stopAfter) return { p: count / (r + 1), method: 'monte-carlo', draws: r + 1 }
    }
  }
  return { p: (1 + count) / (1 + draws), method: 'monte-carlo', draws }
}
