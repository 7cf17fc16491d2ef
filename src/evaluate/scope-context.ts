/**
 * How the engine asks a model type for a scope's metrics: the interval settings, whether the
 * detail tables are wanted, and the engine's interval methods (`interval-methods.ts`), handed to
 * the model type so every type computes intervals the same way without importing `src/evaluate`.
 */
import type { IntervalMethods, ScopeContext } from '../model-types/model-type.js'
import type { IntervalConfig } from '../run/types.js'
import { freshRowWeights, type RowWeightSource } from '../stats/resample-weights.js'
import {
  MAX_ERROR_NOTE,
  PENG_TAIL_MIN_ROWS,
  ROW_BOOTSTRAP_MAX_ROWS,
  bcaBootstrapIntervals,
  finiteInterval,
  meanIntervals,
  percentileIntervals,
  sqrtInterval,
} from './interval-methods.js'

/** The engine's interval methods, as a model type receives them. */
export const ENGINE_INTERVAL_METHODS: IntervalMethods = Object.freeze({
  rowBootstrapMaxRows: ROW_BOOTSTRAP_MAX_ROWS,
  pengTailMinRows: PENG_TAIL_MIN_ROWS,
  maxErrorNote: MAX_ERROR_NOTE,
  meanIntervals,
  bcaBootstrapIntervals,
  rowWeights: freshRowWeights,
  percentileIntervals,
  finiteInterval,
  sqrtInterval,
})

/**
 * The context of one scope: intervals (null: none) and details (per-class table, confusion matrix).
 * `rowWeights`: where the row bootstraps take their weights (a `replayedRowWeights` source shared
 * with the custom metrics' bootstraps, so each stream is drawn once); default drawn afresh.
 * @example classifierType.scopeMetrics(part, rows, scopeContext(null, false)).metrics.accuracy_score
 */
export function scopeContext(intervals: IntervalConfig | null, details: boolean, rowWeights?: RowWeightSource): ScopeContext {
  if (rowWeights === undefined) return { intervals, details, methods: ENGINE_INTERVAL_METHODS }
  const methods: IntervalMethods = {
    ...ENGINE_INTERVAL_METHODS,
    meanIntervals: (means, config, notes, followers, heavyTails) => meanIntervals(means, config, notes, followers, heavyTails, rowWeights),
    bcaBootstrapIntervals: (n, estimates, statistic, config) => bcaBootstrapIntervals(n, estimates, statistic, config, rowWeights),
    rowWeights,
  }
  return { intervals, details, methods: Object.freeze(methods) }
}
