/**
 * The matcher types. Importing this module (type-only) anywhere in a program adds the evalgate
 * matchers to Vitest's `expect(...)`: `evalgate`'s main entry, `evalgate/vitest` and
 * `evalgate/setup` all re-export from it, so an editor completes `expect(run).toHaveSliceF1(`
 * without any declaration by the user.
 */
import type { BaselineOptions } from '../baselines/types.js'
import type { ConfusionRateExpectation, OutperformOptions, SliceGapExpectation, Threshold, ThresholdOptions } from './matchers/index.js'

/** The evalgate matchers, as they appear on `expect(run)`. */
export interface EvalgateMatchers<R = unknown> {
  /** The run-level metric is at least `threshold` (at most when lower is better), or within `{ min?, max? }`. */
  toHaveMetric(name: string, threshold: Threshold, options?: ThresholdOptions): R
  /** A slice's metric (`'category=technical_support'` or a bare value) meets `threshold`. */
  toHaveSliceMetric(slice: string, name: string, threshold: Threshold, options?: ThresholdOptions): R
  /** The slice's `f1_score` is at least `min`. */
  toHaveSliceF1(slice: string, min: Threshold, options?: ThresholdOptions): R
  /** The slice's `accuracy_score` is at least `min`. */
  toHaveSliceAccuracy(slice: string, min: Threshold, options?: ThresholdOptions): R
  /** The slice's `precision_score` is at least `min`. */
  toHaveSlicePrecision(slice: string, min: Threshold, options?: ThresholdOptions): R
  /** The slice's `recall_score` is at least `min`. */
  toHaveSliceRecall(slice: string, min: Threshold, options?: ThresholdOptions): R
  /** Per-class precision, recall or F1 of `label` meets `threshold`. */
  toHaveClassMetric(label: string | number, name: 'precision' | 'recall' | 'f1' | 'precision_score' | 'recall_score' | 'f1_score', threshold: Threshold, options?: ThresholdOptions): R
  /** The share of class `actual` predicted as `predicted` is at most `max`. */
  toHaveConfusionRate(expectation: ConfusionRateExpectation): R
  /** The gap between the best and the worst slice of `column` on `metric` is at most `max`. */
  toHaveSliceGap(expectation: SliceGapExpectation): R
  /** This run beats `otherRun` on the same data (paired test). */
  toOutperform(otherRun: unknown, options?: OutperformOptions): R
  /** The run does not regress against its stored baseline (written locally, gated in CI). */
  toMatchBaseline(options?: BaselineOptions): R
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends EvalgateMatchers<T> {}
}
