/**
 * `expect(run).toHaveSliceF1(slice, min, options?)`: shorthand for
 * `toHaveSliceMetric(slice, 'f1_score', min, options)`.
 */
import type { EvalgateMatcherState, SyncExpectationResult } from './matcher-context.js'
import type { Threshold, ThresholdOptions } from './threshold-check.js'
import { checkSliceMetric } from './to-have-slice-metric.js'

/** Asserts the slice's f1_score against a threshold. */
export function toHaveSliceF1(this: EvalgateMatcherState, received: unknown, slice: string, min: Threshold, options?: ThresholdOptions): SyncExpectationResult {
  return checkSliceMetric(this, 'toHaveSliceF1', received, slice, 'f1_score', min, options, 'slice, min')
}
