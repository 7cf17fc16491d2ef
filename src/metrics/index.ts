/**
 * The metric engine: pure functions over typed arrays, at scikit-learn 1.2.1 parity.
 * Stub bodies while the implementation lands; signatures are final.
 */

const notYet = (name: string): never => {
  throw new Error(`evalgate metrics: ${name} is not implemented yet`)
}

/** k*k counts, index `t*k + p` (row = actual, column = predicted). Mergeable: add arrays. */
export function confusionCounts(yTrue: Int32Array, yPred: Int32Array, k: number): Float64Array {
  void yTrue; void yPred; void k
  return notYet('confusionCounts')
}

export interface ClassMetricsRow { precision: number; recall: number; f1: number; support: number; predicted: number }
export interface ClassificationResult { metrics: Record<string, number>; perClass: ClassMetricsRow[]; notes: string[] }

/** Classification metrics (MLflow names) from confusion counts. */
export function classificationMetricsFromCounts(counts: Float64Array, k: number,
  options: { average: 'weighted' | 'macro' | 'micro'; posIndex?: number }): ClassificationResult {
  void counts; void k; void options
  return notYet('classificationMetricsFromCounts')
}

/** One sorted pass (sklearn `_binary_clf_curve`): distinct thresholds descending, cumulative tps/fps. */
export interface BinaryRanking { thresholds: Float64Array; tps: Float64Array; fps: Float64Array; positives: number; negatives: number }
/** Build the ranking. */
export function binaryRanking(scores: Float64Array, isPositive: Uint8Array): BinaryRanking {
  void scores; void isPositive
  return notYet('binaryRanking')
}
/** ROC AUC; NaN if one class only. */
export function rocAucFromRanking(r: BinaryRanking): number { void r; return notYet('rocAucFromRanking') }
/** sklearn average_precision_score. */
export function averagePrecisionFromRanking(r: BinaryRanking): number { void r; return notYet('averagePrecisionFromRanking') }
/** ROC curve. */
export function rocCurveFromRanking(r: BinaryRanking, maxPoints?: number): { fpr: number[]; tpr: number[]; thresholds: number[] } {
  void r; void maxPoints
  return notYet('rocCurveFromRanking')
}
/** PR curve. */
export function prCurveFromRanking(r: BinaryRanking, maxPoints?: number): { precision: number[]; recall: number[]; thresholds: number[] } {
  void r; void maxPoints
  return notYet('prCurveFromRanking')
}
/** sklearn roc_auc_score(multi_class='ovr'); proba is row-major n*k. NaN when undefined. */
export function multiclassRocAuc(proba: Float64Array, yTrue: Int32Array, k: number, average: 'macro' | 'weighted' | 'micro'): number {
  void proba; void yTrue; void k; void average
  return notYet('multiclassRocAuc')
}
/** sklearn 1.2.1 log_loss (eps='auto' clipping, row normalisation); `normalized` says rows were rescaled. */
export function logLoss(proba: Float64Array, yTrue: Int32Array, k: number): { value: number; normalized: boolean } {
  void proba; void yTrue; void k
  return notYet('logLoss')
}
/** sklearn brier_score_loss. */
export function brierScoreLoss(probPositive: Float64Array, isPositive: Uint8Array): number {
  void probPositive; void isPositive
  return notYet('brierScoreLoss')
}
/** sklearn calibration_curve(strategy='uniform'), empty bins omitted, with bin bounds and counts. */
export function calibrationCurve(probPositive: Float64Array, isPositive: Uint8Array, nBins?: number):
  Array<{ lower: number; upper: number; meanPredicted: number; fractionPositive: number; count: number }> {
  void probPositive; void isPositive; void nBins
  return notYet('calibrationCurve')
}
/** Mergeable regression accumulator. */
export interface RegressionState {
  count: number
}
/** Build a regression state. */
export function regressionState(yTrue: Float64Array, yPred: Float64Array): RegressionState {
  void yTrue; void yPred
  return notYet('regressionState')
}
/** Merge two regression states. */
export function mergeRegressionStates(a: RegressionState, b: RegressionState): RegressionState {
  void a; void b
  return notYet('mergeRegressionStates')
}
/** Regression metrics (MLflow names). */
export function regressionMetrics(state: RegressionState): Record<string, number> {
  void state
  return notYet('regressionMetrics')
}
/** greaterIsBetter for every built-in metric name (counts included). */
export const METRIC_DIRECTIONS: Readonly<Record<string, boolean>> = Object.freeze({})
