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
  toHavePassRate,
  toOutperform,
  toMatchBaseline,
}

export type { Threshold, ThresholdOptions } from './threshold-check.js'
export type { ConfusionRateExpectation } from './to-have-confusion-rate.js'
export type { SliceGapExpectation } from './to-have-slice-gap.js'
export type { PassRateExpectation } from './to-have-pass-rate.js'
export type { OutperformOptions } from './to-outperform.js'
