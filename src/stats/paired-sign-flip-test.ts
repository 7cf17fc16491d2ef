import { createRandom } from './random-source.js'
import { assertAlpha, assertMargin, monteCarloDrawCount } from './paired-test-options.js'
import { oneSidedNormalP } from './one-sided-normal-p.js'
import { FIRST_LOOK, surelyAbove } from './early-stop.js'

/** Up to this many non-zero terms every one of the 2^terms sign patterns is enumerated (65,536 at most). */
const EXACT_LIMIT = 16
/** Fewest Monte-Carlo draws, whatever alpha. */
const MIN_DRAWS = 2000
/** Most Monte-Carlo draws, whatever alpha (resolution about 5e-6). */
const MAX_DRAWS = 200_000
/** Above this many sign draws (terms × draws) the flip distribution's normal limit is used, when no term dominates. */
const WORK_LIMIT = 40_000_000
/** No term may carry more than this share of Σ e² for the normal limit to be used. */
const LINDEBERG_SHARE = 0.01

/**
 * One-sided paired sign-flip (randomization) test of the mean of per-example differences, with
 * a margin in the null: method `exact`, `monte-carlo` or `normal-limit`. For metrics that are
 * means of per-example terms (`log_loss`, `brier_score_loss`, MAE, MSE, MAPE).
 *
 * `differences[i]` = current term − baseline term on row i (larger is worse). H0: mean ≤ margin;
 * H1: mean > margin. With e_i = d_i − margin, S = Σ e_i is compared with its sign-flip
 * distribution S* = Σ ±e_i (each sign + or − with probability 1/2, independently):
 * p = P(S* ≥ S). The studentized statistic (mean / standard error) is a monotone function of S
 * here, because Σ e_i² is the same under every flip, so this is the studentized sign-flip test.
 *
 * Why: when the two runs' terms on a row are exchangeable (neither run better: re-training noise,
 * or only a few rows changed), e_i is symmetric about 0 at margin 0 and the test is exact, its
 * size never above alpha however few rows differ (rows with e_i = 0 are unaffected by a flip and
 * left out). Without symmetry it is still asymptotically valid for the mean (Janssen 1997), as the
 * t-test is, with the same small-sample trouble on strongly skewed differences; the comparison
 * pairs it with Hall's skewness-corrected t ({@link pairedMeanDifferenceTest}) for that reason.
 *
 * - at most 16 non-zero e_i: all 2^terms sign patterns are enumerated, p = #{S* ≥ S} / 2^terms;
 * - otherwise Monte Carlo: `draws` seeded sign patterns, p = (1 + #{S* ≥ S}) / (1 + draws)
 *   (valid at any draw count). Default draws = max(2,000, ⌈20 / alpha⌉) capped at 200,000, so
 *   the resolution is at most alpha / 20: pass the strictest level the p will be compared with;
 * - when terms × draws would exceed 4·10⁷ but sizes repeat (integer errors, rounded
 *   probabilities), the draws are made per distinct |e_i| where that fits the work limit: the
 *   flips of c equal terms sum to |e|·(c − 2B) with B ~ Binomial(c, 1/2), one exact binomial draw
 *   (costed as 16 sign draws), so the Monte-Carlo p above, exact as it is, at a cost that follows
 *   the distinct sizes, not the rows;
 * - otherwise, when terms × draws would exceed 4·10⁷ and no e_i² carries more than 1% of Σ e_i², the flip
 *   distribution's normal limit is used instead: p = 1 − Φ(S / √Σ e_i²) (Lindeberg's condition;
 *   at that size the Monte-Carlo p agrees with it to within its own resolution). A sum of ±e_i
 *   has lighter tails than that normal (its fourth cumulant is −2 Σ e_i⁴), so for smooth terms the
 *   limit errs on the large side of the p in the far tail; on tied magnitudes (a lattice) it has
 *   no continuity correction and can err the other way (1.3 times alpha at 0.005 over 300 rows of
 *   two sizes, bench/gate/README.md), which is why tied sizes are drawn where the work allows;
 * - where a few terms do carry more (D, the largest, taken until none of the rest R carries more
 *   than 1% of R's Σ e_i²), R's sum is given its normal limit and D's signs are enumerated (up to
 *   16 of them: p = 2^-|D| Σ over D's patterns of 1 − Φ((S − S_D*) / √Σ_R e_i²),
 *   `exact-and-normal-limit`) or drawn (`monte-carlo-and-normal-limit`: the same mean over the
 *   draws, as (1 + Σ) / (1 + draws)), where |D| × draws is within the work limit. A broken model's
 *   log loss over 20,000 rows (23 rows far worse) drew 130,560 sign patterns of all 20,000 terms
 *   before.
 *
 * With `stopAbove` (the most lenient level the p-value will be compared with: alpha at Holm's
 * last step), the Monte Carlo draws stop once the p-value is surely above it (looks at 50, 100,
 * 200, ... draws; src/stats/early-stop.ts), as the paired resampling test's do: the p-value is
 * then the one of the draws made (`stoppedEarly`). An entry of 550 slices of 36 rows spent 29 of
 * its 34 seconds drawing 51,400 sign patterns for each slice's log loss.
 *
 * A flipped sum within 1e-12 (relative to max(1, Σ|e|)) of S counts as reaching it, so rounding
 * does not split ties. Unweighted rows only.
 *
 * @example
 * // 7 rows each 0.1 worse, the rest equal: only the identity pattern is as extreme, p = 2^-7
 * const d = new Float64Array(800); d.fill(0.1, 0, 7)
 * pairedSignFlipTest({ differences: d }) // => { p: 0.0078125, method: 'exact', draws: 128 }
 */
export function pairedSignFlipTest(options: {
  differences: Float64Array
  margin?: number
  seed?: number
  draws?: number
  alpha?: number
  stopAbove?: number
}): { p: number; method: 'exact' | 'monte-carlo' | 'normal-limit' | 'exact-and-normal-limit' | 'monte-carlo-and-normal-limit'; draws: number; stoppedEarly?: true } {
  const { differences, margin = 0, seed = 1, alpha = 0.05 } = options
  assertMargin(margin, 'pairedSignFlipTest', "the term's units")
  assertAlpha(alpha, 'pairedSignFlipTest')
  const terms: number[] = []
  let observed = 0
  let sumSquares = 0
  let sumAbsolute = 0
  let largestSquare = 0
  for (let i = 0; i < differences.length; i++) {
    const d = differences[i]
    if (!Number.isFinite(d)) {
      throw new RangeError(`pairedSignFlipTest: difference at row ${i} is ${String(d)}; per-example terms must be finite (clip probabilities as the metric does)`)
    }
    const e = d - margin
    if (e === 0) continue
    terms.push(e)
    observed += e
    sumSquares += e * e
    sumAbsolute += Math.abs(e)
    largestSquare = Math.max(largestSquare, e * e)
  }
  const m = terms.length
  if (m === 0) return { p: 1, method: 'exact', draws: 1 }
  const threshold = observed - 1e-12 * Math.max(1, sumAbsolute)
  if (m <= EXACT_LIMIT) {
    const total = 2 ** m
    let count = 0
    for (let pattern = 0; pattern < total; pattern++) {
      let sum = 0
      for (let i = 0; i < m; i++) sum += (pattern >>> i) & 1 ? -terms[i] : terms[i]
      if (sum >= threshold) count++
    }
    return { p: count / total, method: 'exact', draws: total }
  }
  const draws = monteCarloDrawCount(options.draws, alpha, MIN_DRAWS, MAX_DRAWS, 'pairedSignFlipTest')
  const { stopAbove } = options
  if (stopAbove !== undefined) assertAlpha(stopAbove, 'pairedSignFlipTest (stopAbove)')
  if (m * draws > WORK_LIMIT) {
    const tied = tiedMagnitudes(terms)
    if (tied !== undefined && tied.cost * draws <= WORK_LIMIT) return drawTied(tied, threshold, { draws, seed, stopAbove })
    if (largestSquare <= LINDEBERG_SHARE * sumSquares) return { p: oneSidedNormalP(observed, Math.sqrt(sumSquares)), method: 'normal-limit', draws: 0 }
    const hybrid = dominantRowsAndNormalLimit(terms, observed, sumSquares, { draws, seed, stopAbove })
    if (hybrid !== undefined) return hybrid
  }
  const random = createRandom(seed)
  return { method: 'monte-carlo', ...drawnP(draws, stopAbove, () => (flippedSum(terms, m, random) >= threshold ? 1 : 0)) }
}

/**
 * The Monte-Carlo p (1 + Σ reached) / (1 + draws) of `draws` draws, each adding what `reach()`
 * returns (1 or 0 for a flipped sum that reaches the observed one, or its chance), stopping once
 * the p is surely above `stopAbove` (looks at 50, 100, 200, ... draws; src/stats/early-stop.ts).
 */
function drawnP(draws: number, stopAbove: number | undefined, reach: () => number): { p: number; draws: number; stoppedEarly?: true } {
  let look = FIRST_LOOK
  let reached = 0
  for (let r = 0; r < draws; r++) {
    if (stopAbove !== undefined && r === look) {
      if (surelyAbove(reached, r, stopAbove)) return { p: (1 + reached) / (1 + r), draws: r, stoppedEarly: true }
      look *= 2
    }
    reached += reach()
  }
  return { p: (1 + reached) / (1 + draws), draws }
}

/**
 * {@link pairedSignFlipTest}'s p where a few terms dominate: the largest terms (D) taken until none
 * of the rest carries more than {@link LINDEBERG_SHARE} of the rest's Σ e², and the rest's flipped
 * sum given its normal limit. D's sign patterns are enumerated up to {@link EXACT_LIMIT} of them
 * (p their mean of 1 − Φ((S − S_D*) / √Σ_R e²)); above, `draws` seeded patterns of D's signs
 * alone, p = (1 + Σ of those) / (1 + draws) as the Monte-Carlo p is, with the same early stop
 * (the terms are in [0, 1], so the Chernoff bound holds). Undefined where D's draws would cost
 * more than the work limit, or the rest has no spread.
 */
function dominantRowsAndNormalLimit(terms: readonly number[], observed: number, sumSquares: number, drawing: { draws: number; seed: number; stopAbove: number | undefined }): { p: number; method: 'exact-and-normal-limit' | 'monte-carlo-and-normal-limit'; draws: number; stoppedEarly?: true } | undefined {
  const bySize = terms.map((e) => Math.abs(e)).sort((x, y) => y - x)
  const { draws, seed, stopAbove } = drawing
  let rest = sumSquares
  let taken = 0
  while (taken < bySize.length && bySize[taken]! * bySize[taken]! > LINDEBERG_SHARE * rest) {
    if ((taken + 1) * draws > WORK_LIMIT) return undefined
    rest -= bySize[taken]! * bySize[taken]!
    taken++
  }
  // the rest's Σ e² by summing it again (the running difference loses its digits when D dominates)
  let restSquares = 0
  for (let i = taken; i < bySize.length; i++) restSquares += bySize[i]! * bySize[i]!
  if (!(restSquares > 0)) return undefined
  const spread = Math.sqrt(restSquares)
  // a flip of |e| moves the sum by the same amount whatever e's sign: S_D* = Σ ±|e_i| over D
  if (taken <= EXACT_LIMIT) {
    const total = 2 ** taken
    let p = 0
    for (let pattern = 0; pattern < total; pattern++) {
      let sum = 0
      for (let i = 0; i < taken; i++) sum += (pattern >>> i) & 1 ? -bySize[i]! : bySize[i]!
      p += oneSidedNormalP(observed - sum, spread)
    }
    return { p: p / total, method: 'exact-and-normal-limit', draws: total }
  }
  const random = createRandom(seed)
  return { method: 'monte-carlo-and-normal-limit', ...drawnP(draws, stopAbove, () => oneSidedNormalP(observed - flippedSum(bySize, taken, random), spread)) }
}

/** A binomial draw of a tied group's flips costs about as much as this many single sign draws (40-70 ns against 5). */
const BINOMIAL_COST = 16

/** Terms grouped by magnitude: the magnitudes shared by two terms or more with their counts, and the rest. */
interface TiedMagnitudes {
  magnitudes: number[]
  counts: number[]
  singles: number[]
  /** Sign draws a flipped sum costs: one per single term, {@link BINOMIAL_COST} per group. */
  cost: number
}

/**
 * The terms' magnitudes grouped where they are equal (exactly: a group's flipped sum is then
 * |e|·(c − 2B) with B ~ Binomial(c, 1/2), the same distribution as c signs drawn one by one), or
 * undefined where no two are equal.
 */
function tiedMagnitudes(terms: readonly number[]): TiedMagnitudes | undefined {
  const countOf = new Map<number, number>()
  for (const e of terms) {
    const size = Math.abs(e)
    countOf.set(size, (countOf.get(size) ?? 0) + 1)
  }
  if (countOf.size === terms.length) return undefined
  const tied: TiedMagnitudes = { magnitudes: [], counts: [], singles: [], cost: 0 }
  for (const [size, count] of countOf) {
    if (count === 1) {
      tied.singles.push(size)
      tied.cost += 1
    } else {
      tied.magnitudes.push(size)
      tied.counts.push(count)
      tied.cost += BINOMIAL_COST
    }
  }
  return tied
}

/**
 * {@link pairedSignFlipTest}'s Monte-Carlo p over tied magnitudes: each group's flips drawn as one
 * binomial count, the single terms' signs one by one; the same p = (1 + #{S* ≥ S}) / (1 + draws)
 * and early stop as the plain draws, at a cost that follows the distinct magnitudes, not the rows.
 * Where the terms sit on a lattice (integer errors, rounded probabilities) the normal limit has no
 * continuity correction and can reject up to 1.2 times alpha; these draws keep the test exact.
 */
function drawTied(tied: TiedMagnitudes, threshold: number, drawing: { draws: number; seed: number; stopAbove: number | undefined }): { p: number; method: 'monte-carlo'; draws: number; stoppedEarly?: true } {
  const { magnitudes, counts, singles } = tied
  const { draws, seed, stopAbove } = drawing
  const random = createRandom(seed)
  const reach = (): number => {
    let sum = flippedSum(singles, singles.length, random)
    for (let g = 0; g < magnitudes.length; g++) sum += magnitudes[g]! * (counts[g]! - 2 * random.binomial(counts[g]!, 0.5))
    return sum >= threshold ? 1 : 0
  }
  return { method: 'monte-carlo', ...drawnP(draws, stopAbove, reach) }
}

/** Σ ±terms[j] over the first `count` terms, each sign drawn: 26 from each uniform (53 random bits). */
function flippedSum(terms: readonly number[], count: number, random: { uniform: () => number }): number {
  let sum = 0
  for (let i = 0; i < count; i += 26) {
    let bits = Math.floor(random.uniform() * 67108864)
    const end = Math.min(count, i + 26)
    for (let j = i; j < end; j++) {
      sum += bits & 1 ? -terms[j]! : terms[j]!
      bits >>>= 1
    }
  }
  return sum
}
