/**
 * The family of hypotheses Holm's step-down runs over: one per distinct (rows, values) pair.
 * Two compared rows are the same hypothesis when they are computed on the same examples and
 * give the same baseline and current values (to 12 significant digits): weighted multiclass
 * recall and accuracy, a custom metric that re-implements a built-in one, a slice that holds
 * every row. Such rows share one test and count once.
 */

/** FNV-1a over the row indices (null: every row of `n`), so equal row sets share a signature. */
export function rowsSignature(rows: Int32Array | null, n: number): string {
  let hash = 0x811c9dc5
  const count = rows ? rows.length : n
  for (let j = 0; j < count; j++) {
    const row = rows ? rows[j] : j
    hash = Math.imul(hash ^ (row & 0xffff), 0x01000193)
    hash = Math.imul(hash ^ (row >>> 16), 0x01000193)
  }
  return `${count}:${(hash >>> 0).toString(16)}`
}

/**
 * The hypothesis a compared value pair on a row set tests.
 * @example hypothesisKey('600:ab12', 0.9, 0.88) === hypothesisKey('600:ab12', 0.9000000000000001, 0.88) // true
 */
export function hypothesisKey(signature: string, valueA: number, valueB: number): string {
  return `${signature}|${valueA.toPrecision(12)}|${valueB.toPrecision(12)}`
}

/**
 * Holm's step-down over a family of `familySize` hypotheses of which `pValues` were tested
 * (the others are not rejected): which of `pValues` are rejected, each at its own family-wise
 * level `alphas[i]` (a number: one level for all). Returns the level each was compared with too.
 *
 * With levels of their own the hypotheses are taken in the order of p / alpha (with one level,
 * of p): a hypothesis held to a far stricter level (`perMetric: { accuracy_score: { significance:
 * 1e-12 } }`) is not rejected first and so does not stop the step-down for the others
 * (adversarial pass 28: it kept a recall drop of p = 0.00024 at its own alpha 0.05 from failing).
 * The family-wise error stays at most the largest alpha in any order: the first true null
 * hypothesis taken has at most m − m0 before it, so its level is at most alpha_i / m0 (m0 true
 * nulls), and P(some true null i has p_i < alpha_i / m0) ≤ Σ alpha_i / m0.
 * @example holmRejections([0.001, 0.02, 0.3], 0.05, 3).rejected // [true, false, false]
 */
export function holmRejections(pValues: readonly number[], alphas: number | readonly number[], familySize: number): { rejected: boolean[]; levels: number[] } {
  const alphaOf = (i: number): number => (typeof alphas === 'number' ? alphas : alphas[i])
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] / alphaOf(x[1]) - y[0] / alphaOf(y[1]))
  const rejected = new Array<boolean>(pValues.length).fill(false)
  const levels = new Array<number>(pValues.length).fill(0)
  const m = Math.max(familySize, pValues.length, 1)
  let rejecting = true
  for (let rank = 0; rank < order.length; rank++) {
    const [p, i] = order[rank]
    levels[i] = alphaOf(i) / (m - rank)
    rejecting = rejecting && p < levels[i]
    rejected[i] = rejecting
  }
  return { rejected, levels }
}

/**
 * Monte Carlo draws so that the smallest p-value a permutation or resampling test can give,
 * 1 / (draws + 1), is at most half the strictest level Holm uses (alpha / m).
 * @example monteCarloDraws(0.05, 30, 2000, 50_000) // 2400
 */
export function monteCarloDraws(alpha: number, familySize: number, minimum: number, maximum: number): number {
  return Math.min(maximum, Math.max(minimum, Math.ceil((2 * Math.max(1, familySize)) / alpha)))
}

/**
 * Draws of a resampling test that has found a drop beyond every one of its first draws, so that
 * the floor 1 / (draws + 1) lies below Holm's strictest level alpha / m (by 5%); at most
 * `maximum`. Fewer than {@link monteCarloDraws} gives (half that level): these are drawn only
 * for the drops beyond every draw, each costing a recomputation of the metric for both models.
 * @example floorReachingDraws(0.05, 839, 200_000) // 17619
 */
export function floorReachingDraws(alpha: number, familySize: number, maximum: number): number {
  return Math.min(maximum, Math.ceil((1.05 * Math.max(1, familySize)) / alpha))
}

/** A tested hypothesis for {@link refinedHolm}: its p, or a lower bound and how to refine it. */
export interface RefinableP {
  p: number
  alpha: number
  /** `lowerP` ≤ what `refine()` returns; `refine` is called at most once. */
  deferred?: { lowerP: number; refine: () => number }
}

/**
 * Holm's step-down (or, `holm` false, each hypothesis at its own alpha) where some p-values are
 * costly to finish (a resampled metric's recomputing exchange test): first over the lower bounds,
 * then only the hypotheses that rejects are refined, then over the refined p-values with the
 * others' as given. The rejections are those of Holm over every p refined: a hypothesis the
 * lower bounds do not reject is not rejected with its refined p either (Holm is monotone), and
 * its p, at least its lower bound, which is at least alpha / (m - r1) for r1 first rejections,
 * sorts after every p Holm then rejects, so it changes no rank before them. Returns the p-values
 * decided on (refined where refined), the rejections, and each one's level.
 * @example refinedHolm([{ p: 0.3, alpha: 0.05 }, { p: 0.01, alpha: 0.05, deferred: { lowerP: 0.001, refine: () => 0.004 } }], 2, true).rejected // [false, true]
 */
export function refinedHolm(tested: readonly RefinableP[], familySize: number, holm: boolean): { p: number[]; rejected: boolean[]; levels: number[] } {
  const alphas = tested.map((item) => item.alpha)
  const decide = (p: readonly number[]): { rejected: boolean[]; levels: number[] } => (holm ? holmRejections(p, alphas, familySize) : { rejected: p.map((value, i) => value < alphas[i]), levels: alphas })
  const first = decide(tested.map((item) => item.deferred?.lowerP ?? item.p))
  const p = tested.map((item, i) => (item.deferred && first.rejected[i] ? item.deferred.refine() : item.p))
  return { p, ...decide(p) }
}
