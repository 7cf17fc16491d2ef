import type { EvalRun, SliceResult } from '../run/types.js'
import { textSliceRankingNames } from './text-headlines.js'

const CLASSIFIER_SLICE_METRICS = ['f1_score', 'accuracy_score', 'recall_score', 'precision_score']
const REGRESSOR_SLICE_METRICS = ['root_mean_squared_error', 'mean_absolute_error', 'r2_score']

/** The metric slices are ranked by: F1 (else accuracy, ...) for classifiers, RMSE (else MAE, R²) for regressors, exact match / rougeL / NDCG for the text types. */
export function sliceRankingMetric(run: EvalRun): string | undefined {
  const slices = Object.values(run.slices)
  const candidates =
    textSliceRankingNames(run, [...new Set(slices.flatMap((s) => Object.keys(s.metrics)))]) ??
    (run.modelType === 'classifier' ? CLASSIFIER_SLICE_METRICS : REGRESSOR_SLICE_METRICS)
  const found = candidates.find((m) => slices.some((s) => typeof s.metrics[m] === 'number'))
  if (found) return found
  return slices.flatMap((s) => Object.keys(s.metrics))[0]
}

/**
 * Slices worst first by the ranking metric (its direction taken from the run), and the worst
 * slice to call out (`worst`, none where no slice's value was measured); slices without
 * that metric (below `minSliceSize`), and a binary run's slices where it is undefined and set to
 * 0 by scikit-learn's zero_division ({@link setByZeroDivision}), come last, in key order: such a
 * 0 is not a measured 0 (adversarial pass 56: a slice all correct, without a fraud row, was
 * called the worst slice at F1 0).
 */
export function slicesWorstFirst(run: EvalRun): { metric: string | undefined; slices: SliceResult[]; worst?: SliceResult } {
  const metric = sliceRankingMetric(run)
  const slices = Object.values(run.slices)
  if (metric === undefined) return { metric, slices: [...slices].sort((a, b) => (a.key < b.key ? -1 : 1)) }
  const greaterIsBetter = run.greaterIsBetter[metric] ?? true
  const measured = (slice: SliceResult): boolean => {
    const value = slice.metrics[metric]
    return typeof value === 'number' && Number.isFinite(value) && !setByZeroDivision(run, metric, slice)
  }
  const ranked = [...slices].sort((a, b) => {
    const va = a.metrics[metric]
    const vb = b.metrics[metric]
    const ha = measured(a)
    const hb = measured(b)
    if (ha && hb && va !== vb) return greaterIsBetter ? va - vb : vb - va
    if (ha !== hb) return ha ? -1 : 1
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
  })
  // the worst slice called out: the first whose value was measured
  const worst = ranked.find(measured)
  return { metric, slices: ranked, ...(worst === undefined ? {} : { worst }) }
}

/**
 * Whether a binary run's precision, recall or F1 on `slice` is 0 by scikit-learn's zero_division,
 * not measured: its denominator is 0 for the positive label. Precision: nothing predicted
 * positive; recall: no positive row; F1 = 2tp / (2tp + fp + fn): neither (adversarial pass 58: F1
 * is a measured 0 where the slice's positive rows were all missed, or where it has none but false
 * alarms, and such slices are the worst).
 */
function setByZeroDivision(run: EvalRun, metric: string, slice: SliceResult): boolean {
  if (run.posLabel === undefined) return false
  const positive = slice.perClass?.find((row) => row.label === run.posLabel)
  if (positive === undefined) return false
  if (metric === 'precision_score') return positive.predicted === 0
  if (metric === 'recall_score') return positive.support === 0
  if (metric === 'f1_score') return positive.support === 0 && positive.predicted === 0
  return false
}

