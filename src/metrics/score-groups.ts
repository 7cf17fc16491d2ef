/**
 * Ranking under row weights without re-sorting: sort the scores once into distinct-threshold
 * groups, then each weighting (e.g. a Poisson bootstrap resample) is one O(n) accumulation.
 */
import type { BinaryRanking } from './binary-ranking.js'
import { sortFloat64Ascending } from './float-sort.js'

/** Distinct scores (descending) and, per row, the index of its score among them. */
export interface ScoreGroups { thresholds: Float64Array; group: Int32Array }

/**
 * Sort the scores once (radix sort) and map each row to its distinct-threshold group.
 * Scores must not be NaN.
 *
 * @example scoreGroups(Float64Array.of(0.2, 0.9, 0.2)) // { thresholds: [0.9, 0.2], group: [1, 0, 1] }
 */
export function scoreGroups(scores: Float64Array): ScoreGroups {
  const n = scores.length
  for (let i = 0; i < n; i++) {
    if (scores[i] !== scores[i]) throw new RangeError(`scoreGroups: score at row ${i} is NaN; ranking metrics need a finite score for every example`)
  }
  const sorted = sortFloat64Ascending(scores.slice())
  const distinct = new Float64Array(n)
  let m = 0
  for (let i = n - 1; i >= 0; i--) {
    if (m === 0 || sorted[i] !== distinct[m - 1]) distinct[m++] = sorted[i]
  }
  const thresholds = distinct.slice(0, m)
  const group = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const s = scores[i]
    // thresholds descend: first index whose value <= s
    let lo = 0
    let hi = m - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (thresholds[mid] > s) lo = mid + 1
      else hi = mid
    }
    group[i] = lo
  }
  return { thresholds, group }
}

/**
 * The {@link BinaryRanking} of weighted rows (sklearn `sample_weight`): each row adds its weight
 * to the true or false positives of its group; groups whose rows all weigh 0 are dropped, as
 * sklearn drops zero-weight samples. Without weights every row weighs 1.
 *
 * @example weightedRanking(scoreGroups(Float64Array.of(0.2, 0.9)), Uint8Array.of(0, 1), Float64Array.of(3, 1)).fps // [0, 3]
 */
export function weightedRanking(groups: ScoreGroups, isPositive: Uint8Array, weights?: Float64Array, scratch?: RankingScratch): BinaryRanking {
  const n = groups.group.length
  if (isPositive.length !== n || (weights !== undefined && weights.length !== n)) {
    throw new RangeError(`weightedRanking: ${n} grouped rows, ${isPositive.length} labels${weights === undefined ? '' : ` and ${weights.length} weights`}; pass one per row`)
  }
  const m = groups.thresholds.length
  // Each group's negative and positive weight side by side (slot 2t + 1 for positives): one write
  // per row and no branch on its label, which a bootstrap of 15,000 rows mispredicted for about
  // half of them (bench/evaluate/slices-custom-metric.mjs, binary case). Each slot adds its rows'
  // weights in row order, as two arrays did.
  const buffers = scratch?.of(m) ?? { sums: new Float64Array(2 * m), thresholds: new Float64Array(m), tps: new Float64Array(m), fps: new Float64Array(m) }
  const { sums, thresholds, tps, fps } = buffers
  const g = groups.group
  if (weights === undefined) for (let i = 0; i < n; i++) sums[2 * g[i] + (isPositive[i] !== 0 ? 1 : 0)] += 1
  else for (let i = 0; i < n; i++) sums[2 * g[i] + (isPositive[i] !== 0 ? 1 : 0)] += weights[i]
  let tp = 0
  let fp = 0
  let k = 0
  for (let t = 0; t < m; t++) {
    const negative = sums[2 * t]
    const positive = sums[2 * t + 1]
    if (positive === 0 && negative === 0) continue
    tp += positive
    fp += negative
    thresholds[k] = groups.thresholds[t]
    tps[k] = tp
    fps[k] = fp
    k++
  }
  if (scratch !== undefined) return { thresholds: thresholds.subarray(0, k), tps: tps.subarray(0, k), fps: fps.subarray(0, k), positives: tp, negatives: fp }
  return { thresholds: thresholds.slice(0, k), tps: tps.slice(0, k), fps: fps.slice(0, k), positives: tp, negatives: fp }
}

/**
 * Buffers one caller reuses across many {@link weightedRanking} calls (a bootstrap's resamples):
 * the ranking each call returns is a view into them, valid until the next call with the same
 * scratch. Saves allocating and collecting five arrays of the group count per call.
 */
export class RankingScratch {
  #buffers: { sums: Float64Array; thresholds: Float64Array; tps: Float64Array; fps: Float64Array } | undefined

  /** The buffers for `m` groups, the sums zeroed. */
  of(m: number): { sums: Float64Array; thresholds: Float64Array; tps: Float64Array; fps: Float64Array } {
    if (this.#buffers === undefined || this.#buffers.tps.length !== m) this.#buffers = { sums: new Float64Array(2 * m), thresholds: new Float64Array(m), tps: new Float64Array(m), fps: new Float64Array(m) }
    else this.#buffers.sums.fill(0)
    return this.#buffers
  }
}
