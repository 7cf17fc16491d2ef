import { createRandom } from './random-source.js'
import { assertAlpha, assertMargin, monteCarloDrawCount } from './paired-test-options.js'
import { poissonWeights32 } from './poisson-weights.js'
import { FIRST_LOOK, surelyAbove } from './early-stop.js'

/** Fewest resamples, whatever alpha. */
const MIN_DRAWS = 2000
/** Most resamples, whatever alpha. */
const MAX_DRAWS = 100_000
/** Most resamples when a drop lies beyond every one of the first (`maxDraws`). */
const MAX_EXTENDED_DRAWS = 200_000
/** Draw indices per seed: each resample's weights are seeded by seed's stream base · 2^21 + index (below 2^53). */
const DRAW_STREAMS = 2 ** 21
/**
 * One-sided paired resampling test for metrics recomputed on resamples (`precision_recall_auc`,
 * `r2_score`, custom metrics): method `poisson-bootstrap-both-rules`.
 *
 * `statistic(weights, draw)` recomputes the drop (baseline metric − current metric, larger is worse)
 * with row i counted `weights[i]` times in both runs (the same weights for both: that is what
 * pairs the test); the buffer is reused between calls. `observed` is the drop on the data as
 * they are (all weights 1). H0: drop ≤ margin, H1: drop > margin.
 *
 * Scheme: Poisson(1) row weights ({@link poissonWeights32}, the row bootstrap the rest of
 * evalgate uses; integer counts, so a custom metric can be called on a table that repeats each
 * row weights[i] times). Over the R resamples D* with a defined drop, two bootstrap p-values:
 * - centred (basic): p_c = (1 + #{D* − observed ≥ observed − margin}) / (1 + R): the
 *   distribution of D* − observed stands for that of observed − true drop;
 * - percentile: p_q = (1 + #{D* ≤ margin}) / (1 + R): the distribution of D* stands for that of
 *   the drop itself.
 * p = max(p_c, p_q): the test rejects only when both rules do. Why: the two rules are mirror
 * images, and a skewed sampling distribution makes one liberal and the other conservative, by
 * the same first-order amount in opposite directions; whichever way the skew points, the larger
 * p is on the safe side. With k rows lost and none gained the percentile rule alone gives about
 * e^-k where the exact answer is 2^-k (it was the old pairedBootstrapTest), the centred one
 * P(Poisson(k) ≥ 2k) ≥ 2^-k. When the drop's distribution is symmetric the two agree.
 *
 * Measured size at nominal 5% (bench/gate/paired-test-size.sim.ts, trials and SE there): average
 * precision of two equally good scorers 4.7% at n = 100 (7.3% with the centred rule alone, 600
 * trials) and 4.3% at n = 800; r² of two equally good regressors 3.4% / 4.9% (n = 100 / 800);
 * macro F1 recomputed as a custom metric with 5, 10, 20 differing rows 3.1%, 4.1%, 4.0%. Known limit:
 * r² when one model's errors are so heavy-tailed that their squares barely have a variance
 * (Student t with 5 degrees of freedom, n = 400): the resamples rarely contain the rare huge
 * errors and understate the spread, and neither rule sees them (7.8%; Laplace baseline errors at
 * n = 200: 6.2%; 2,000 trials each). No test of a mean
 * can hold its size over every distribution (Bahadur & Savage 1956); the gate's answer is the
 * intervals' and the tolerance's, not this test's.
 *
 * Resamples: `draws` default max(2,000, ⌈20 / alpha⌉), capped at 100,000, so the p-value's
 * resolution is at most alpha / 20 (pass alpha / m for Holm's first step over m tests); at least
 * 2,000 because the tail count, not only the resolution, must be stable. A NaN drop (e.g. a
 * resample without a positive for average precision) is skipped; `draws` in the result counts
 * the defined ones (NaN p when none), `undefinedDraws` the others; `percentileP` is the percentile rule's p alone (the caller weighs it where one row dominates the change); `stoppedEarly` says the p-value was found surely above `stopAbove`. A drop within 1e-12 (relative) of a threshold counts
 * as reaching it. Cost: draws × the statistic's cost. With `maxDraws` above `draws`, a drop
 * beyond every one of the `draws` resamples gets more, up to `maxDraws` in all (at most
 * 200,000): the gate caps a family's draws at 10,000 for their cost, so in an entry of more than
 * 500 hypotheses (Holm's first level 0.05 / m below the floor 1 / 10,001) no resampled metric
 * could fail however far it fell; only the samples that need more draws pay for them.
 *
 * With `stopAbove` (the most lenient level the p-value will be compared with: alpha at Holm's
 * last step), resampling stops early once the p-value, and the percentile rule's alone, are surely above it, whatever further draws
 * would show (at 50, 100, 200, ... draws; src/stats/early-stop.ts): such a drop cannot fail
 * at any level of the family, and most drops of an unchanged model are of this kind, so an entry
 * with hundreds of resampled hypotheses costs a few hundred draws for most of them instead of
 * 10,000. The p-value returned is then the one of the draws made (coarser, still a p-value of
 * the same test).
 *
 * Assumptions: rows independent; the metric smooth enough for the bootstrap (a mean, a ratio of
 * means, an AUC; not a maximum); a few dozen rows at least.
 *
 * @example
 * // mean of per-row differences d as the drop
 * const drop = (w: Float64Array) => { let s = 0, t = 0; for (let i = 0; i < d.length; i++) { s += w[i] * d[i]; t += w[i] } return s / t }
 * pairedResampleTest({ n: d.length, statistic: drop, observed: mean(d), seed: 1 })
 * // => { p: about the paired t-test's p, draws: 2000, method: 'poisson-bootstrap-both-rules' }
 */
export function pairedResampleTest(options: {
  n: number
  statistic: (weights: Float64Array, draw: number) => number
  observed: number
  margin?: number
  seed?: number
  draws?: number
  alpha?: number
  /**
   * When the drop lies beyond every one of the `draws` resamples (p at its floor 1 / (1 + draws)),
   * draw on up to this many in all, so the test can reach a level as strict as Holm's first step
   * over a large family (default: `draws`, no more; the caller sizes it to the level it needs).
   */
  maxDraws?: number
  /**
   * The most lenient level the p-value will be compared with (Holm's last step: the family's
   * alpha): once the p-value is surely above it, no more resamples are drawn. Default: none, every
   * draw is made.
   */
  stopAbove?: number
  /**
   * The drop of resample `draw` (0, 1, ...) where the caller already has it, else undefined:
   * resample `draw`'s weights depend on `seed` and `draw` alone, so another metric tested on the
   * same rows with the same seed saw the same resample, and its recomputed values give this
   * metric's drop without drawing the weights again.
   */
  known?: (draw: number) => number | undefined
}): { p: number; percentileP: number; draws: number; undefinedDraws: number; stoppedEarly: boolean; method: 'poisson-bootstrap-both-rules' } {
  const { n, statistic, observed, margin = 0, seed = 1, alpha = 0.05 } = options
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`pairedResampleTest: n = ${String(n)} is not a positive row count`)
  assertMargin(margin, 'pairedResampleTest', "the metric's units")
  if (!Number.isFinite(observed)) {
    throw new RangeError(`pairedResampleTest: observed drop ${String(observed)} is not a finite number; pass the drop on the unweighted rows`)
  }
  assertAlpha(alpha, 'pairedResampleTest')
  const draws = monteCarloDrawCount(options.draws, alpha, MIN_DRAWS, MAX_DRAWS, 'pairedResampleTest')
  const threshold = 2 * observed - margin
  const slack = 1e-12 * Math.max(1, Math.abs(threshold))
  const percentileSlack = 1e-12 * Math.max(1, Math.abs(margin))
  // Each resample's weights come from a stream of their own, seeded by (seed, draw index): a
  // caller that already knows a draw's drop (another metric of the same rows and seed, `known`)
  // skips drawing its weights, and the draws after it are the same as without the skip.
  const weightsOf = pairedResampleWeights(seed)
  const weights = new Float64Array(n)
  let defined = 0
  let skipped = 0
  let count = 0
  let below = 0
  let index = 0
  const draw = (): void => {
    const r = index++
    let drop = options.known?.(r)
    if (drop === undefined) {
      weightsOf(r, weights)
      drop = statistic(weights, r)
    }
    if (Number.isNaN(drop)) {
      skipped++
      return
    }
    defined++
    if (drop >= threshold - slack) count++
    if (drop <= margin + percentileSlack) below++
  }
  const stopAbove = options.stopAbove
  if (stopAbove !== undefined) assertAlpha(stopAbove, 'pairedResampleTest (stopAbove)')
  let look = FIRST_LOOK
  for (let r = 0; r < draws; r++) {
    draw()
    if (stopAbove !== undefined && r + 1 === look) {
      // the percentile rule surely above too (so both are): the caller may weigh it alone
      if (surelyAbove(below, defined, stopAbove)) {
        return { p: (1 + Math.max(count, below)) / (1 + defined), percentileP: (1 + below) / (1 + defined), draws: defined, undefinedDraws: skipped, stoppedEarly: true, method: 'poisson-bootstrap-both-rules' }
      }
      look *= 2
    }
  }
  // Beyond every resample, where the caller asks for a lower floor: more resamples,
  // all of them counted (the p-value is the one of the larger number drawn from the start on the
  // samples that get there; elsewhere it is the first draws', so its size holds either way).
  const maxDraws = Math.min(options.maxDraws ?? draws, MAX_EXTENDED_DRAWS)
  const firstDraws = defined === 0 ? Number.NaN : (1 + Math.max(count, below)) / (1 + defined)
  const centredReached = count > 0
  // Also where the percentile rule alone is beyond every resample while the centred rule is not,
  // and the both-rules p is above `alpha` (Holm's strictest level, below which the p is moot): one
  // row dominates the change, and the caller may weigh the percentile p alone there. Its p gets the
  // more draws, by the same argument; the both-rules p stays the first draws'. Without them a large
  // family's Holm level (0.05 / m below 1 / 10,001 past 500 hypotheses) was out of its reach: 25
  // key accounts all worse, one of them by 50, passed an entry of 605 hypotheses that failed with
  // that one worse by 1.5.
  if (below === 0 && defined > 0 && maxDraws > draws && (!centredReached || firstDraws > alpha)) {
    for (let r = draws; r < maxDraws; r++) draw()
  }
  const p = centredReached ? firstDraws : defined === 0 ? Number.NaN : (1 + Math.max(count, below)) / (1 + defined)
  return { p, percentileP: defined === 0 ? Number.NaN : (1 + below) / (1 + defined), draws: defined, undefinedDraws: skipped, stoppedEarly: false, method: 'poisson-bootstrap-both-rules' }
}

/**
 * The Poisson(1) row weights of {@link pairedResampleTest}'s resample `draw` for `seed`, written
 * into `out` (its length is the row count): each resample has a stream of its own, seeded by the
 * seed's stream base and the draw index, so resample r is the same whichever resamples were
 * drawn before it.
 *
 * @example
 * const weightsOf = pairedResampleWeights(7)
 * weightsOf(3, new Float64Array(5)) // => resample 3's weights, e.g. [0, 2, 1, 1, 0]
 */
export function pairedResampleWeights(seed: number): (draw: number, out: Float64Array) => Float64Array {
  const base = Math.floor(createRandom(seed).uniform() * 2 ** 32)
  return (draw, out) => {
    if (!Number.isInteger(draw) || draw < 0 || draw >= DRAW_STREAMS) throw new RangeError(`pairedResampleWeights: draw ${String(draw)} is not an index below ${DRAW_STREAMS}`)
    return poissonWeights32(out.length, createRandom(base * DRAW_STREAMS + draw), out)
  }
}
