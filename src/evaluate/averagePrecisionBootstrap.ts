/**
 * Poisson-bootstrap samples of `precision_recall_auc` (average precision) without re-sorting:
 * the metric engine groups the scores into distinct thresholds once (`scoreGroups`); each
 * resample is one weighted accumulation (`weightedRanking`) handed to the engine's average
 * precision.
 */
import { averagePrecisionFromRanking, scoreGroups, weightedRanking } from '../metrics/index.js'
import { createRandom, poissonWeights } from '../stats/index.js'

/** Samples of average precision under `resamples` Poisson(1) row reweightings. */
export function averagePrecisionSamples(
  scores: Float64Array,
  isPositive: Uint8Array,
  options: { resamples: number; seed: number },
): Float64Array {
  const n = scores.length
  const groups = scoreGroups(scores)
  const random = createRandom(options.seed)
  const weights = new Float64Array(n)
  const out = new Float64Array(options.resamples)
  for (let r = 0; r < options.resamples; r++) {
    poissonWeights(n, random, weights)
    const ranking = weightedRanking(groups, isPositive, weights)
    out[r] = ranking.positives > 0 ? averagePrecisionFromRanking(ranking) : Number.NaN
  }
  return out
}
