/**
 * evalgate statistics: seeded random draws, bootstrap and analytic intervals, and the
 * significance tests the matchers and baselines use. Pure TypeScript over typed arrays; one
 * function per file. Every method's assumptions and degenerate cases are in its doc comment.
 */
export type { RandomSource } from './random-source.js'
export { createRandom } from './random-source.js'
export { sampleBinomial } from './binomial-sample.js'
export { samplePoisson } from './poisson-sample.js'
export { logFactorial } from './log-factorial.js'
export { multinomialResample } from './multinomial-resample.js'
export { bootstrapCounts } from './bootstrap-counts.js'
export { countsBcaIntervals, countsJackknife } from './counts-bca-intervals.js'
export { percentileInterval } from './percentile-interval.js'
export type { AucComponents } from './auc-structural-components.js'
export { aucStructuralComponents } from './auc-structural-components.js'
export type { OrderWithTies } from './ascending-order.js'
export { ascendingOrder, ascendingOrderWithTies } from './ascending-order.js'
export { delongAuc } from './delong-auc.js'
export type { AucIntervalScale } from './auc-interval.js'
export { aucInterval } from './auc-interval.js'
export { ovrAucWithVariance } from './ovr-auc-with-variance.js'
export { microAucWithVariance } from './micro-auc-with-variance.js'
export { meanInterval } from './mean-interval.js'
export { studentizedMeanIntervals } from './studentized-mean-intervals.js'
export type { PengTailMeanInterval } from './peng-tail-mean-interval.js'
export { pengTailMeanInterval, pengTailSize } from './peng-tail-mean-interval.js'
export type { PengTailUpperBound } from './peng-tail-upper-bound.js'
export { pengTailUpperBound } from './peng-tail-upper-bound.js'
export { studentTQuantile } from './student-t-quantile.js'
export { bcaInterval } from './bca-interval.js'
export { jackknifeAcceleration, weightedJackknifeAcceleration } from './jackknife-acceleration.js'
export { r2DeltaInterval } from './r2-delta-interval.js'
export { r2TailInterval } from './r2-tail-interval.js'
export { r2RatioInterval } from './r2-ratio-interval.js'
export type { R2TailInterval } from './r2-tail-interval.js'
export { averagePrecisionLogitInterval } from './average-precision-logit-interval.js'
export { poissonWeights } from './poisson-weights.js'
export { exactMcNemarTest } from './exact-mcnemar-test.js'
export { pairedMeanDifferenceTest } from './paired-mean-difference-test.js'
export { pairedPermutationTest } from './paired-permutation-test.js'
export { pairedSignFlipTest } from './paired-sign-flip-test.js'
export { pairedDeLongTest } from './paired-delong-test.js'
export { pairedOvrDeLongTest } from './paired-ovr-delong-test.js'
export { pairedResampleTest } from './paired-resample-test.js'
export type { EstimateWithInterval } from './unpaired-change-test.js'
export { unpairedChangeTest } from './unpaired-change-test.js'
export { normalQuantile } from './normal-quantile.js'
export { normalCdf } from './normal-cdf.js'
export { studentTSurvival } from './student-t-survival.js'
export { criticalValue } from './critical-value.js'
export { assertLevel } from './assert-level.js'
export { INTERVAL_METHODS } from './interval-methods.js'

/** A two-sided interval. */
export interface Interval {
  lower: number
  upper: number
}
