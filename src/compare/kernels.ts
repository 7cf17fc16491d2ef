/**
 * The paired-test kernels the comparison calls, behind one import so the comparison does not
 * depend on where they live. Interim implementations with the signatures agreed with the
 * gate-stats branch (which writes them in `src/stats`, with their size simulations); when that
 * branch is merged these become re-exports of `src/stats`.
 *
 * Convention of every kernel here: the tested quantity ("excess") is how much model A is better
 * than model B, in the metric's better direction, and the one-sided null is `excess <= margin`;
 * `p` is small when A is better than B by significantly more than `margin`.
 */
import { createRandom, logFactorial, normalCdf, poissonWeights, aucStructuralComponents } from '../stats/index.js'

/** The kernels' common answer. */
export interface KernelResult {
  p: number
}

function binomialPmf(k: number, m: number, theta: number): number {
  if (theta <= 0) return k === 0 ? 1 : 0
  if (theta >= 1) return k === m ? 1 : 0
  return Math.exp(logFactorial(m) - logFactorial(k) - logFactorial(m - k) + k * Math.log(theta) + (m - k) * Math.log(1 - theta))
}

/**
 * Exact (mid-p) McNemar test of `excess = (lost - gained) / total <= margin`: `lost` rows A got
 * right and B wrong, `gained` the reverse. Conditional on the `lost + gained` discordant rows,
 * `lost` is binomial with success probability 1/2 when the accuracies are equal; a margin moves
 * it to 1/2 + margin·total / (2·discordant) (plug-in for the discordant rate).
 * @example exactMcNemarTest({ lost: 7, gained: 0, total: 800, margin: 0, midP: false }).p // 2^-7
 */
export function exactMcNemarTest(options: { lost: number; gained: number; total: number; margin: number; midP: boolean }): KernelResult {
  const { lost, gained, total, margin, midP } = options
  const m = lost + gained
  if (m === 0) return { p: margin < 0 ? 0 : 1 }
  const theta = Math.min(1, Math.max(0, 0.5 + (margin * total) / (2 * m)))
  let above = 0
  for (let k = lost + 1; k <= m; k++) above += binomialPmf(k, m, theta)
  const at = binomialPmf(lost, m, theta)
  return { p: Math.min(1, midP ? above + 0.5 * at : above + at) }
}

/**
 * Permutation test over the `pairs` rows whose outcome differs between A and B: under the null
 * the two models' outputs on such a row are exchangeable, so `statistic(swap)` (the excess with
 * the rows flagged in `swap` exchanged) is drawn over random swaps; exact enumeration when
 * 2^pairs <= draws. p = share of swaps whose excess reaches `observed - margin` (Monte Carlo:
 * (1 + count) / (1 + draws)).
 */
export function pairedPermutationTest(options: { pairs: number; statistic: (swap: Uint8Array) => number; observed: number; margin: number; seed: number; draws: number; alpha?: number }): KernelResult {
  const { pairs, statistic, observed, margin, seed, draws } = options
  const target = observed - margin - 1e-12
  const swap = new Uint8Array(pairs)
  if (pairs === 0) return { p: observed - margin > 1e-12 ? 0 : 1 }
  if (pairs <= 20 && 2 ** pairs <= draws) {
    const total = 2 ** pairs
    let reach = 0
    for (let mask = 0; mask < total; mask++) {
      for (let j = 0; j < pairs; j++) swap[j] = (mask >>> j) & 1
      if (statistic(swap) >= target) reach++
    }
    return { p: reach / total }
  }
  const random = createRandom(seed)
  let reach = 0
  for (let r = 0; r < draws; r++) {
    for (let j = 0; j < pairs; j++) swap[j] = random.uniform() < 0.5 ? 1 : 0
    if (statistic(swap) >= target) reach++
  }
  return { p: (1 + reach) / (1 + draws) }
}

/**
 * Paired test of the mean of per-example differences (A better by `differences[i]`), optionally
 * weighted: z = (mean - margin) / se, p = 1 - Φ(z).
 */
export function pairedMeanDifferenceTest(options: { differences: Float64Array; weights?: Float64Array; margin: number }): KernelResult {
  const { differences, weights, margin } = options
  const n = differences.length
  if (n === 0) return { p: Number.NaN }
  let total = 0
  let sum = 0
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1
    total += w
    sum += w * differences[i]
  }
  const mean = sum / total
  let squares = 0
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1
    squares += w * w * (differences[i] - mean) ** 2
  }
  const se = Math.sqrt((squares / (total * total)) * (n / Math.max(1, n - 1)))
  if (!(se > 0)) return { p: mean - margin > 1e-12 ? 0 : 1 }
  return { p: 1 - normalCdf((mean - margin) / se) }
}

/** Per-example influence of one binary AUC difference A - B (DeLong structural components). */
function aucDifferenceInfluence(isPositive: Uint8Array, scoresA: Float64Array, scoresB: Float64Array, out: Float64Array, weight: number, corrected: boolean): number {
  const a = aucStructuralComponents(scoresA, isPositive)
  const b = aucStructuralComponents(scoresB, isPositive)
  const delta = a.auc - b.auc
  if (!Number.isFinite(delta)) return Number.NaN
  // DeLong's S10 / m + S01 / n, written as a sum of squared per-example influences.
  const m = a.positives
  const n = a.negatives
  const scaleP = corrected ? Math.sqrt(m / Math.max(1, m - 1)) : 1
  const scaleN = corrected ? Math.sqrt(n / Math.max(1, n - 1)) : 1
  for (let i = 0; i < isPositive.length; i++) {
    const d = a.components[i] - b.components[i] - delta
    out[i] += weight * (isPositive[i] !== 0 ? (d / m) * scaleP : (d / n) * scaleN)
  }
  return delta
}

function influenceP(influence: Float64Array, delta: number, margin: number): KernelResult {
  let variance = 0
  for (let i = 0; i < influence.length; i++) variance += influence[i] * influence[i]
  const se = Math.sqrt(variance)
  if (!(se > 0)) return { p: delta - margin > 1e-12 ? 0 : 1 }
  return { p: 1 - normalCdf((delta - margin) / se) }
}

/** Paired DeLong test of two binary ROC AUCs on the same rows: excess = AUC_A - AUC_B. */
export function pairedDeLongTest(options: { labels: Uint8Array; scoresA: Float64Array; scoresB: Float64Array; margin: number }): KernelResult & { difference: number } {
  const influence = new Float64Array(options.labels.length)
  const delta = aucDifferenceInfluence(options.labels, options.scoresA, options.scoresB, influence, 1, true)
  if (!Number.isFinite(delta)) return { p: Number.NaN, difference: Number.NaN }
  return { ...influenceP(influence, delta, options.margin), difference: delta }
}

/**
 * Paired DeLong test of two one-vs-rest averaged AUCs (`macro`: equal class weights,
 * `weighted`: prevalence, `micro`: one ranking of every (row, class) cell, influences summed
 * per row). Excess = AUC_A - AUC_B.
 */
export function pairedOvrDeLongTest(options: { targetIndex: Int32Array; classCount: number; probabilitiesA: Float64Array; probabilitiesB: Float64Array; average: 'macro' | 'weighted' | 'micro'; weights?: Float64Array; margin: number }): KernelResult & { difference: number } {
  const { targetIndex, classCount: k, probabilitiesA, probabilitiesB, average, margin } = options
  const n = targetIndex.length
  const influence = new Float64Array(n)
  if (average === 'micro') {
    const labels = new Uint8Array(n * k)
    for (let i = 0; i < n; i++) labels[i * k + targetIndex[i]] = 1
    const cells = new Float64Array(n * k)
    const delta = aucDifferenceInfluence(labels, probabilitiesA, probabilitiesB, cells, 1, false)
    if (!Number.isFinite(delta)) return { p: Number.NaN, difference: Number.NaN }
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) influence[i] += cells[i * k + c]
    return { ...influenceP(influence, delta, margin), difference: delta }
  }
  const support = new Float64Array(k)
  for (let i = 0; i < n; i++) support[targetIndex[i]]++
  let delta = 0
  const isPositive = new Uint8Array(n)
  const scoresA = new Float64Array(n)
  const scoresB = new Float64Array(n)
  for (let c = 0; c < k; c++) {
    const weight = average === 'macro' ? 1 / k : support[c] / n
    for (let i = 0; i < n; i++) {
      isPositive[i] = targetIndex[i] === c ? 1 : 0
      scoresA[i] = probabilitiesA[i * k + c]
      scoresB[i] = probabilitiesB[i * k + c]
    }
    const classDelta = aucDifferenceInfluence(isPositive, scoresA, scoresB, influence, weight, false)
    if (!Number.isFinite(classDelta)) return { p: Number.NaN, difference: Number.NaN }
    delta += weight * classDelta
  }
  return { ...influenceP(influence, delta, margin), difference: delta }
}

/**
 * Paired resampling test of a statistic recomputed on Poisson(1)-weighted resamples of the n
 * rows (the same weights for both models, inside `statistic`, which returns the excess):
 * p = (1 + #{excess* <= margin}) / (1 + #defined).
 */
export function pairedResampleTest(options: { n: number; statistic: (weights: Float64Array) => number; observed: number; margin: number; seed: number; draws: number }): KernelResult {
  const { n, statistic, margin, seed, draws } = options
  const random = createRandom(seed)
  const weights = new Float64Array(n)
  let defined = 0
  let notAbove = 0
  for (let r = 0; r < draws; r++) {
    poissonWeights(n, random, weights)
    const excess = statistic(weights)
    if (Number.isNaN(excess)) continue
    defined++
    if (excess <= margin) notAbove++
  }
  return { p: defined === 0 ? Number.NaN : (1 + notAbove) / (1 + defined) }
}
