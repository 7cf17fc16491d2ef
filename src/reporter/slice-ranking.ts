import type { EvalRun, SliceResult } from '../run/types.js'
import { textSliceRankingNames } from './text-headlines.js'
import { zeroDivisionNote } from '../run/zero-division-note.js'

const CLASSIFIER_SLICE_METRICS = ['f1_score', 'accuracy_score', 'recall_score', 'precision_score']
const REGRESSOR_SLICE_METRICS = ['root_mean_squared_error', 'mean_absolute_error', 'r2_score']

/**
 * The metric slices are ranked by: F1 (else accuracy, ...) for classifiers, RMSE (else MAE, R²)
 * for regressors, exact match / rougeL / NDCG for the text types (a text run: the share of
 * non-empty outputs, then toxicity). The first candidate whose value differs between slices is
 * taken, else the first the slices hold: one that is the same in every slice (every output
 * non-empty) ranks nothing.
 */
export function sliceRankingMetric(run: EvalRun): string | undefined {
  const slices = Object.values(run.slices)
  const candidates =
    textSliceRankingNames(run, [...new Set(slices.flatMap((s) => Object.keys(s.metrics)))]) ??
    (run.modelType === 'classifier' ? CLASSIFIER_SLICE_METRICS : REGRESSOR_SLICE_METRICS)
  const held = candidates.filter((m) => slices.some((s) => typeof s.metrics[m] === 'number'))
  const found = held.find((m) => new Set(slices.map((s) => s.metrics[m]).filter((v) => typeof v === 'number' && Number.isFinite(v))).size > 1) ?? held[0]
  if (found) return found
  return slices.flatMap((s) => Object.keys(s.metrics))[0]
}

/**
 * Slices worst first by the ranking metric (its direction taken from the run), and the worst
 * slice to call out (`worst`, none where no slice's value was measured); slices without
 * that metric (below `minSliceSize`), and slices where it is undefined and set to 0 by
 * scikit-learn's zero_division, or averages in such a 0 for a class (`zeroDivisionNote`), come
 * last, in key order: such a 0 is not a measured 0 (adversarial pass 56: a slice all correct, without a fraud row, was
 * called the worst slice at F1 0).
 */
export function slicesWorstFirst(run: EvalRun): { metric: string | undefined; slices: SliceResult[]; worst?: SliceResult } {
  const metric = sliceRankingMetric(run)
  const slices = Object.values(run.slices)
  if (metric === undefined) return { metric, slices: [...slices].sort((a, b) => (a.key < b.key ? -1 : 1)) }
  const greaterIsBetter = run.greaterIsBetter[metric] ?? true
  // a binary run's precision, recall or F1 whose ratio is undefined for the positive label (F1: no
  // positive rows and none predicted; adversarial pass 58), and a macro or weighted average that
  // averages in such a 0 for a class (macro F1 of a slice without one of the run's classes:
  // adversarial pass 68, F14), as the matchers' notes say; once per slice, not per comparison
  const measuredSlices = new Set(
    slices.filter((slice) => {
      const value = slice.metrics[metric]
      return typeof value === 'number' && Number.isFinite(value) && zeroDivisionNote(run, metric, slice.perClass, slice.key) === undefined
    }),
  )
  const measured = (slice: SliceResult): boolean => measuredSlices.has(slice)
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
