/**
 * Poisson-bootstrap samples (and grouped-jackknife values, for the BCa acceleration) of
 * `precision_recall_auc` (average precision) without re-sorting:
 * the metric engine groups the scores into distinct thresholds once (`scoreGroups`); each
 * resample is one weighted accumulation (`weightedRanking`) handed to the engine's average
 * precision.
 */
import { RankingScratch, averagePrecisionFromRanking, scoreGroups, weightedRanking } from '../metrics/index.js'
import { freshRowWeights, type RowWeightStream } from './resample-weights.js'
import { JACKKNIFE_GROUPS } from './jackknife-acceleration.js'

/**
 * Samples of average precision under `resamples` Poisson(1) row reweightings: drawn from `seed`,
 * or taken from `weights` (a stream of the same seed and rows that another bootstrap of the scope
 * drew: `replayedRowWeights`, the same numbers).
 */
export function averagePrecisionSamples(
  scores: Float64Array,
  isPositive: Uint8Array,
  options: { resamples: number; seed: number } | { resamples: number; weights: RowWeightStream },
): Float64Array {
  const n = scores.length
  const groups = scoreGroups(scores)
  const stream: RowWeightStream = 'weights' in options ? options.weights : freshRowWeights(options.seed, n)
  const scratch = new RankingScratch()
  const weights = new Float64Array(n)
  const out = new Float64Array(options.resamples)
  for (let r = 0; r < options.resamples; r++) {
    stream.next(weights)
    const ranking = weightedRanking(groups, isPositive, weights, scratch)
    out[r] = ranking.positives > 0 ? averagePrecisionFromRanking(ranking) : Number.NaN
  }
  return out
}

/**
 * Grouped-jackknife values of average precision for the BCa acceleration: the rows i with
 * i mod g = group get weight 0, for g = min(n, JACKKNIFE_GROUPS) groups (NaN where no positive
 * is left).
 */
export function averagePrecisionJackknife(scores: Float64Array, isPositive: Uint8Array): Float64Array {
  const n = scores.length
  const groups = scoreGroups(scores)
  const count = Math.min(n, JACKKNIFE_GROUPS)
  const scratch = new RankingScratch()
  const weights = new Float64Array(n).fill(1)
  const out = new Float64Array(count)
  for (let g = 0; g < count; g++) {
    for (let i = g; i < n; i += count) weights[i] = 0
    const ranking = weightedRanking(groups, isPositive, weights, scratch)
    out[g] = ranking.positives > 0 ? averagePrecisionFromRanking(ranking) : Number.NaN
    for (let i = g; i < n; i += count) weights[i] = 1
  }
  return out
}
