/**
 * `expect(run).toHaveSliceRecall(slice, min, options?)`: shorthand for
 * `toHaveSliceMetric(slice, 'recall_score', min, options)`.
 */
import type { EvalgateMatcherState, SyncExpectationResult } from './matcher-context.js'
import type { Threshold, ThresholdOptions } from './threshold-check.js'
import { checkSliceMetric } from './to-have-slice-metric.js'

/** Asserts the slice's recall_score against a threshold. */
export function toHaveSliceRecall(this: EvalgateMatcherState, received: unknown, slice: string, min: Threshold, options?: ThresholdOptions): SyncExpectationResult {
  return checkSliceMetric(this, 'toHaveSliceRecall', received, slice, 'recall_score', min, options, 'slice, min')
}
