/**
 * `expect(run).toHaveSliceAccuracy(slice, min, options?)`: shorthand for
 * `toHaveSliceMetric(slice, 'accuracy_score', min, options)`.
 */
import type { EvalgateMatcherState, SyncExpectationResult } from './matcher-context.js'
import type { Threshold, ThresholdOptions } from './threshold-check.js'
import { checkSliceMetric } from './to-have-slice-metric.js'

/** Asserts the slice's accuracy_score against a threshold. */
export function toHaveSliceAccuracy(this: EvalgateMatcherState, received: unknown, slice: string, min: Threshold, options?: ThresholdOptions): SyncExpectationResult {
  return checkSliceMetric(this, 'toHaveSliceAccuracy', received, slice, 'accuracy_score', min, options, 'slice, min')
}
