/**
 * Poisson-bootstrap samples of `precision_recall_auc` (average precision) without re-sorting:
 * the scores are sorted once; each resample only re-accumulates weighted true and false
 * positives at every distinct threshold and hands that ranking to the metric engine.
 */
import { averagePrecisionFromRanking } from '../metrics/index.js'
import type { BinaryRanking } from '../metrics/index.js'
import { ascendingOrder, createRandom, poissonWeights } from '../stats/index.js'

/** Row indices ordered by descending score (ties in any order: they form one threshold). */
export function descendingOrder(scores: Float64Array): Int32Array {
  const ascending = ascendingOrder(scores)
  const n = ascending.length
  const order = new Int32Array(n)
  for (let j = 0; j < n; j++) order[j] = ascending[n - 1 - j]
  return order
}

/** Samples of average precision under `resamples` Poisson(1) row reweightings. */
export function averagePrecisionSamples(
  scores: Float64Array,
  isPositive: Uint8Array,
  options: { resamples: number; seed: number },
): Float64Array {
  const n = scores.length
  const order = descendingOrder(scores)
  // Ends of runs of equal scores, in sorted order.
  const ends: number[] = []
  for (let j = 0; j < n; j++) if (j === n - 1 || scores[order[j]] !== scores[order[j + 1]]) ends.push(j)
  const m = ends.length
  const thresholds = new Float64Array(m)
  for (let t = 0; t < m; t++) thresholds[t] = scores[order[ends[t]]]
  const random = createRandom(options.seed)
  const weights = new Float64Array(n)
  const out = new Float64Array(options.resamples)
  for (let r = 0; r < options.resamples; r++) {
    poissonWeights(n, random, weights)
    const tps = new Float64Array(m)
    const fps = new Float64Array(m)
    let tp = 0
    let fp = 0
    let t = 0
    for (let j = 0; j < n; j++) {
      const row = order[j]
      const w = weights[row]
      if (isPositive[row] === 1) tp += w
      else fp += w
      if (j === ends[t]) {
        tps[t] = tp
        fps[t] = fp
        t++
      }
    }
    // Leading thresholds whose rows all drew weight 0 are not points of the curve.
    let first = 0
    while (first < m && tps[first] + fps[first] === 0) first++
    const ranking: BinaryRanking = {
      thresholds: thresholds.subarray(first),
      tps: tps.subarray(first),
      fps: fps.subarray(first),
      positives: tp,
      negatives: fp,
    }
    out[r] = tp > 0 ? averagePrecisionFromRanking(ranking) : Number.NaN
  }
  return out
}
