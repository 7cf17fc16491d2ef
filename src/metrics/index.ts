/**
 * The metric engine: pure functions over typed arrays, equal to scikit-learn 1.2.1 (relative
 * 1e-9). Classes are indices `0..k-1` (the caller encodes labels). Classification metrics come
 * from confusion counts, ranking metrics from one sorted pass over the scores, regression
 * metrics from a mergeable accumulator. Nothing here knows of Vitest, rows or label strings.
 */
export { confusionCounts, confusionCountsWeighted } from './confusion-counts.js'
export { classificationMetricsFromCounts, matthewsCorrcoefFromCounts, nonzeroCells } from './classification-metrics.js'
export type { ClassMetricsRow, ClassificationResult, ClassificationOptions } from './classification-metrics.js'
export { binaryRanking, rankingFromSplitScores, rocAucFromSplitScores } from './binary-ranking.js'
export type { BinaryRanking } from './binary-ranking.js'
export { rocAucFromRanking, averagePrecisionFromRanking } from './ranking-metrics.js'
export { RankingScratch, scoreGroups, weightedRanking } from './score-groups.js'
export type { ScoreGroups } from './score-groups.js'
export { rocCurveFromRanking, prCurveFromRanking, DEFAULT_CURVE_POINTS } from './curves.js'
export { thinCurveIndices, thinCurve, PLOT_CURVE_TOLERANCE } from './curve-thinning.js'
export type { CurveInterpolation, CurveThinningOptions, ThinnedCurve } from './curve-thinning.js'
export { averageClassAucs, multiclassRocAuc } from './multiclass-roc-auc.js'
export { logLoss, logLossPerExample, logLossBinary, brierScoreLoss, FLOAT64_EPS } from './probability-losses.js'
export type { ClassProbabilities } from './class-probabilities.js'
export { calibrationCurve, calibrationCurveFromRanking } from './calibration-curve.js'
export type { CalibrationBinCounts } from './calibration-curve.js'
export { regressionState, regressionMetrics, emptyRegressionState } from './regression.js'
export type { RegressionState } from './regression.js'
export { METRIC_DIRECTIONS } from './metric-directions.js'
export { metricRange, metricValueBounds } from './metric-range.js'
export { sortFloat64Ascending } from './float-sort.js'
export { METRIC_COMPARISONS, isBuiltinMetric, metricComparison, sameHypothesisAs, perExampleTerms } from './metric-comparison.js'
export type { ComparisonKind, PerExampleTerm, MetricComparison, TermInputs } from './metric-comparison.js'
