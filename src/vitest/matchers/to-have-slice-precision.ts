/**
 * `expect(run).toHaveSlicePrecision(slice, min, options?)`: shorthand for
 * `toHaveSliceMetric(slice, 'precision_score', min, options)`.
 */
import type { EvalgateMatcherState, SyncExpectationResult } from './matcher-context.js'
import type { Threshold, ThresholdOptions } from './threshold-check.js'
import { checkSliceMetric } from './to-have-slice-metric.js'

/** Asserts the slice's precision_score against a threshold. */
export function toHaveSlicePrecision(this: EvalgateMatcherState, received: unknown, slice: string, min: Threshold, options?: ThresholdOptions): SyncExpectationResult {
  return checkSliceMetric(this, 'toHaveSlicePrecision', received, slice, 'precision_score', min, options, 'slice, min')
}
