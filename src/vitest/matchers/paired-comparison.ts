/**
 * Paired comparison of two runs on the same examples, for `toOutperform`: McNemar's test on
 * the per-example correctness for accuracy, a paired (Poisson-weight) bootstrap of the metric
 * difference otherwise (classifier metrics recomputed from weighted confusion counts, regressor
 * metrics from weighted errors).
 */
import { ConfigError } from '../../errors.js'
import { classificationMetricsFromCounts, confusionCounts, confusionCountsWeighted } from '../../metrics/index.js'
import { getRunInternals, type RunInternals } from '../../run/internals.js'
import type { EvalRun } from '../../run/types.js'
import { mcnemarTest, pairedBootstrapTest } from '../../stats/index.js'

export interface PairedResult {
  /** Candidate minus other, in the metric's units. */
  difference: number
  /** One-sided p-value that the candidate is not better. */
  pValue: number
  test: 'mcnemar' | 'paired-bootstrap'
  detail: string
}

/** Metrics the paired bootstrap can recompute from weighted per-example values. */
export const REGRESSOR_PAIRED_METRICS = ['mean_absolute_error', 'mean_squared_error', 'root_mean_squared_error', 'r2_score'] as const

function weightedConfusion(internals: RunInternals, k: number, weights: Float64Array | null): Float64Array {
  const target = internals.targetIndex!
  const predicted = internals.predictedIndex!
  return weights ? confusionCountsWeighted(target, predicted, k, weights) : confusionCounts(target, predicted, k)
}

function regressorMetric(internals: RunInternals, metric: string, weights: Float64Array | null): number {
  const errors = internals.errors!
  const targets = internals.targetValues!
  let total = 0
  let absolute = 0
  let squared = 0
  let targetSum = 0
  for (let i = 0; i < errors.length; i++) {
    const w = weights ? weights[i] : 1
    total += w
    absolute += w * Math.abs(errors[i])
    squared += w * errors[i] * errors[i]
    targetSum += w * targets[i]
  }
  if (metric === 'mean_absolute_error') return absolute / total
  if (metric === 'mean_squared_error') return squared / total
  if (metric === 'root_mean_squared_error') return Math.sqrt(squared / total)
  const mean = targetSum / total
  let spread = 0
  for (let i = 0; i < targets.length; i++) spread += (weights ? weights[i] : 1) * (targets[i] - mean) ** 2
  return spread === 0 ? Number.NaN : 1 - squared / spread
}

/**
 * Compares `candidate` with `other` on `metric` with a paired test.
 * @example pairedComparison(candidate, other, 'accuracy_score', true).test // 'mcnemar'
 */
export function pairedComparison(candidate: EvalRun, other: EvalRun, metric: string, greaterIsBetter: boolean, seed: number): PairedResult {
  const a = getRunInternals(candidate)
  const b = getRunInternals(other)
  if (!a || !b) {
    throw new ConfigError('outperform-not-in-memory', 'toOutperform needs both runs in memory (as returned by evaluate()), not read back from JSON: the paired test uses per-example outcomes')
  }
  if (metric === 'accuracy_score' && a.correct && b.correct) {
    let wins = 0
    let losses = 0
    for (let i = 0; i < a.correct.length; i++) {
      if (a.correct[i] && !b.correct[i]) wins++
      else if (!a.correct[i] && b.correct[i]) losses++
    }
    const { pValue } = mcnemarTest(wins, losses)
    return {
      difference: (wins - losses) / a.correct.length,
      pValue: wins > losses ? pValue / 2 : 1 - pValue / 2,
      test: 'mcnemar',
      detail: `${wins} examples right only for the candidate, ${losses} right only for the other model`,
    }
  }
  let statistic: (weights: Float64Array | null) => [number, number]
  if (candidate.modelType === 'classifier') {
    const labels = candidate.labels ?? []
    if (JSON.stringify(labels) !== JSON.stringify(other.labels ?? []) || !a.targetIndex || !a.predictedIndex || !b.predictedIndex) {
      throw new ConfigError('outperform-labels', `toOutperform: the runs have different labels (${labels.join(', ')} vs ${(other.labels ?? []).join(', ')}); evaluate both with the same labels option`)
    }
    const k = labels.length
    const options = { average: candidate.average ?? 'weighted', ...(candidate.posLabel !== undefined ? { posIndex: labels.indexOf(candidate.posLabel) } : {}) } as const
    const probe = classificationMetricsFromCounts(weightedConfusion(a, k, null), k, options).metrics
    if (typeof probe[metric] !== 'number') {
      throw new ConfigError('outperform-metric', `toOutperform: "${metric}" cannot be recomputed from confusion counts for the paired bootstrap; use one of ${Object.keys(probe).join(', ')}`)
    }
    statistic = (weights) => [
      classificationMetricsFromCounts(weightedConfusion(a, k, weights), k, options).metrics[metric],
      classificationMetricsFromCounts(weightedConfusion(b, k, weights), k, options).metrics[metric],
    ]
  } else {
    if (!(REGRESSOR_PAIRED_METRICS as readonly string[]).includes(metric) || !a.errors || !b.errors || !a.targetValues) {
      throw new ConfigError('outperform-metric', `toOutperform: "${metric}" is not supported for regressors; use one of ${REGRESSOR_PAIRED_METRICS.join(', ')}`)
    }
    statistic = (weights) => [regressorMetric(a, metric, weights), regressorMetric(b, metric, weights)]
  }
  const result = pairedBootstrapTest(candidate.exampleCount, statistic, { resamples: 1000, seed, greaterIsBetter })
  return {
    difference: result.difference,
    pValue: result.pValue,
    test: 'paired-bootstrap',
    detail: `paired bootstrap, 1000 resamples, difference interval [${result.interval.lower.toFixed(4)}, ${result.interval.upper.toFixed(4)}]`,
  }
}
