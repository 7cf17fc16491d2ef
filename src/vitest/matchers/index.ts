/** Every evalgate matcher, for `expect.extend`. */
import { toHaveClassMetric } from './to-have-class-metric.js'
import { toHaveConfusionRate } from './to-have-confusion-rate.js'
import { toHaveMetric } from './to-have-metric.js'
import { toHavePassRate } from './to-have-pass-rate.js'
import { toHaveSliceAccuracy } from './to-have-slice-accuracy.js'
import { toHaveSliceF1 } from './to-have-slice-f1.js'
import { toHaveSliceGap } from './to-have-slice-gap.js'
import { toHaveSliceMetric } from './to-have-slice-metric.js'
import { toHaveSlicePrecision } from './to-have-slice-precision.js'
import { toHaveSliceRecall } from './to-have-slice-recall.js'
import { toMatchBaseline } from './to-match-baseline.js'
import { toOutperform } from './to-outperform.js'
import { EvalgateError } from '../../errors.js'
import { predictionCacheNote } from '../../run/cache-note.js'
import { showControls } from '../../run/visible-controls.js'
import type { EvalRun } from '../../run/types.js'
import type { EvalgateMatcherState, SyncExpectationResult } from './matcher-context.js'

type Matcher = (this: EvalgateMatcherState, received: unknown, ...args: never[]) => SyncExpectationResult

/**
 * The matcher, its failure message ending with the run's prediction-cache note when a served
 * model answered from the local cache (`run/cache-note.ts`): a redeployed model that is not asked
 * again would otherwise fail locally with no hint why.
 */
function withCacheNote<M extends Matcher>(matcher: M): M {
  return function (this: EvalgateMatcherState, received: unknown, ...args: never[]): SyncExpectationResult {
    const result = withVisibleErrorControls(() => matcher.call(this, received, ...args))
    const note = typeof received === 'object' && received !== null && 'model' in received ? predictionCacheNote(received as EvalRun) : undefined
    if (note === undefined) return result
    return { pass: result.pass, message: () => `${result.message()}\n\nNote: ${showControls(note)}` }
  } as M
}

/**
 * Runs `check`; an evalgate error it throws (a slice, label or metric not found, listing the names
 * the data has) gets its message, and the message's copy in the stack, with control and bidi
 * characters shown as escapes, as the matchers' failure messages are: Vitest prints both to the
 * terminal and the CI log.
 *
 * @example withVisibleErrorControls(() => expect(run).toHaveSliceF1('seg=\u001b[2J', 0.9)) // throws 'slice "seg=\\x1b[2J" not found ...'
 */
export function withVisibleErrorControls<T>(check: () => T): T {
  try {
    return check()
  } catch (error) {
    if (error instanceof EvalgateError) {
      const shown = showControls(error.message)
      if (shown !== error.message) {
        if (error.stack !== undefined) error.stack = error.stack.replace(error.message, shown)
        error.message = shown
      }
    }
    throw error
  }
}

/** The matchers `evalgate/setup` passes to `expect.extend`. */
export const evalgateMatchers = {
  toHaveMetric: withCacheNote(toHaveMetric),
  toHaveSliceMetric: withCacheNote(toHaveSliceMetric),
  toHaveSliceF1: withCacheNote(toHaveSliceF1),
  toHaveSliceAccuracy: withCacheNote(toHaveSliceAccuracy),
  toHaveSlicePrecision: withCacheNote(toHaveSlicePrecision),
  toHaveSliceRecall: withCacheNote(toHaveSliceRecall),
  toHaveClassMetric: withCacheNote(toHaveClassMetric),
  toHaveConfusionRate: withCacheNote(toHaveConfusionRate),
  toHaveSliceGap: withCacheNote(toHaveSliceGap),
  toHavePassRate: withCacheNote(toHavePassRate),
  toOutperform: withCacheNote(toOutperform),
  toMatchBaseline: withCacheNote(toMatchBaseline),
}

export type { Threshold, ThresholdOptions } from './threshold-check.js'
export type { ConfusionRateExpectation } from './to-have-confusion-rate.js'
export type { SliceGapExpectation } from './to-have-slice-gap.js'
export type { PassRateExpectation } from './to-have-pass-rate.js'
export type { OutperformOptions } from './to-outperform.js'
