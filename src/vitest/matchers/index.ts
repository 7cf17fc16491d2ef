/** Every evalgate matcher, for `expect.extend`. */
import { toHaveClassMetric } from './toHaveClassMetric.js'
import { toHaveConfusionRate } from './toHaveConfusionRate.js'
import { toHaveMetric } from './toHaveMetric.js'
import { toHaveSliceAccuracy } from './toHaveSliceAccuracy.js'
import { toHaveSliceF1 } from './toHaveSliceF1.js'
import { toHaveSliceGap } from './toHaveSliceGap.js'
import { toHaveSliceMetric } from './toHaveSliceMetric.js'
import { toHaveSlicePrecision } from './toHaveSlicePrecision.js'
import { toHaveSliceRecall } from './toHaveSliceRecall.js'
import { toMatchBaseline } from './toMatchBaseline.js'
import { toOutperform } from './toOutperform.js'

/** The matchers `evalgate/setup` passes to `expect.extend`. */
export const evalgateMatchers = {
  toHaveMetric,
  toHaveSliceMetric,
  toHaveSliceF1,
  toHaveSliceAccuracy,
  toHaveSlicePrecision,
  toHaveSliceRecall,
  toHaveClassMetric,
  toHaveConfusionRate,
  toHaveSliceGap,
  toOutperform,
  toMatchBaseline,
}

export type { Threshold, ThresholdOptions } from './threshold-check.js'
export type { ConfusionRateExpectation } from './toHaveConfusionRate.js'
export type { SliceGapExpectation } from './toHaveSliceGap.js'
export type { OutperformOptions } from './toOutperform.js'
