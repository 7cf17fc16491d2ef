/**
 * The matcher types. Importing this module (type-only) anywhere in a program adds the evalgate
 * matchers to Vitest's `expect(...)`: `evalgate`'s main entry, `evalgate/vitest` and
 * `evalgate/setup` all re-export from it, so an editor completes `expect(run).toHaveSliceF1(`
 * without any declaration by the user.
 */
import type { BaselineOptions } from '../baselines/types.js'
import type { EvalRun } from '../run/types.js'
import type { ConfusionRateExpectation, OutperformOptions, PassRateExpectation, SliceGapExpectation, Threshold, ThresholdOptions } from './matchers/index.js'

/**
 * What a matcher becomes when `expect()` was given a promise (`expect(evaluate({...}))` without
 * `await`): a function no argument list fits, so `tsc` rejects the call and names the fix. At
 * run time the matcher would throw "expects the EvalRun returned by evaluate()". Vitest types
 * `.resolves` with the promise's own type, so `expect(promise).resolves.toHaveMetric(...)` is
 * rejected too; write `expect(await evaluate({...}))`.
 */
export type AwaitTheRunFirst = (fix: 'expect() received a Promise: write expect(await evaluate({...}))') => never

/** `Matcher`, unless `T` (what `expect()` received) is a promise; `any` and `unknown` keep the matcher. */
export type UnlessPromise<T, Matcher> = 0 extends 1 & T ? Matcher : [T] extends [PromiseLike<unknown>] ? AwaitTheRunFirst : Matcher

/**
 * The evalgate matchers, as they appear on `expect(run)`. `R` is Vitest's type parameter of
 * `Matchers<T>`: the type of what `expect()` received (and what a matcher returns).
 */
export interface EvalgateMatchers<R = unknown> {
  /** The run-level metric is at least `threshold` (at most when lower is better), or within `{ min?, max? }`. */
  toHaveMetric: UnlessPromise<R, (name: string, threshold: Threshold, options?: ThresholdOptions) => R>
  /** A slice's metric (`'category=technical_support'` or a bare value) meets `threshold`. */
  toHaveSliceMetric: UnlessPromise<R, (slice: string, name: string, threshold: Threshold, options?: ThresholdOptions) => R>
  /** The slice's `f1_score` is at least `min`. */
  toHaveSliceF1: UnlessPromise<R, (slice: string, min: Threshold, options?: ThresholdOptions) => R>
  /** The slice's `accuracy_score` is at least `min`. */
  toHaveSliceAccuracy: UnlessPromise<R, (slice: string, min: Threshold, options?: ThresholdOptions) => R>
  /** The slice's `precision_score` is at least `min`. */
  toHaveSlicePrecision: UnlessPromise<R, (slice: string, min: Threshold, options?: ThresholdOptions) => R>
  /** The slice's `recall_score` is at least `min`. */
  toHaveSliceRecall: UnlessPromise<R, (slice: string, min: Threshold, options?: ThresholdOptions) => R>
  /** Per-class precision, recall or F1 of `label` meets `threshold`. */
  toHaveClassMetric: UnlessPromise<R, (label: string | number, name: 'precision' | 'recall' | 'f1' | 'precision_score' | 'recall_score' | 'f1_score', threshold: Threshold, options?: ThresholdOptions) => R>
  /** The share of class `actual` predicted as `predicted` is at most `max`. */
  toHaveConfusionRate: UnlessPromise<R, (expectation: ConfusionRateExpectation) => R>
  /** The gap between the best and the worst slice of `column` on `metric` is at most `max`. */
  toHaveSliceGap: UnlessPromise<R, (expectation: SliceGapExpectation) => R>
  /** The share of rows whose per-row score (`exact_match`, `rouge1/v1`, `precision_at_3`) passes `threshold` is at least `min`. */
  toHavePassRate: UnlessPromise<R, (metric: string, expectation: PassRateExpectation) => R>
  /** This run beats `otherRun` (the EvalRun another `evaluate()` returned, awaited) on the same data (paired test). */
  toOutperform: UnlessPromise<R, (otherRun: EvalRun, options?: OutperformOptions) => R>
  /** The run does not regress against its stored baseline (written locally, gated in CI). */
  toMatchBaseline: UnlessPromise<R, (options?: BaselineOptions) => R>
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends EvalgateMatchers<T> {}
}
