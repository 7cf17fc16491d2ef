/**
 * evalgate: model evaluations as Vitest assertions. The public entry of the package.
 * Matchers and the Vitest plugin live in `evalgate/vitest` and `evalgate/setup`; the reporter in
 * `evalgate/reporter`; the EvalRun JSON Schema in `evalgate/schema.json`.
 */
export { evaluate, defineMetric, defineArtifact, EVALUATE_DEFAULTS } from './evaluate/index.js'
export type {
  EvaluateOptions,
  IntervalOptions,
  MetricDefinition,
  MetricFunction,
  ArtifactDefinition,
  ArtifactFunction,
  ArtifactValue,
  EvalTable,
  ClassifierEvalTable,
  RegressorEvalTable,
  TextEvalTable,
} from './evaluate/index.js'

export { loadDataset, datasetFromRecords, fingerprintDataset } from './data/index.js'
export type { Dataset, Column, CodedStrings, Row, RowLike, DatasetFormat, LoadDatasetOptions, NumberTyping } from './data/index.js'

export { EVAL_RUN_VERSION } from './run/types.js'
export type {
  EvalRun,
  ModelType,
  ModelTypeName,
  Average,
  MetricInterval,
  IntervalSettings,
  PerClassMetrics,
  ConfusionMatrix,
  RocCurve,
  PrCurve,
  CalibrationBin,
  CalibrationCurve,
  Curves,
  SliceResult,
  Artifact,
  ArtifactContent,
  DatasetInfo,
  ModelInfo,
} from './run/types.js'
export { observeRuns, observeWarnings } from './run/observers.js'
// The run table, the per-example contract beside the EvalRun: write it with a run, read both
// back, link them, and the run does all a fresh one does (on-demand slices, paired tests).
export { RUN_TABLE_VERSION, serializeRunTable, deserializeRunTable, linkRunTable, runTableOf } from './run/run-table.js'
export type { RunTable, TableColumn, EncodedColumn, EncodedPart } from './run/run-table.js'
export { slicesOf, scopeMetricsOf } from './evaluate/run-table-engine.js'
export type { ScopeMetricsOptions } from './evaluate/run-table-engine.js'
export type { RunObserver, RunWarning, WarningObserver } from './run/observers.js'

export { RowFailure, isModelAdapter, isRowFailure } from './models/types.js'
export type {
  Prediction,
  ProbabilisticPrediction,
  ModelFunction,
  ModelCallContext,
  ModelAdapter,
  AdapterProgress,
  AdapterStats,
} from './models/types.js'
// Served-model adapters (src/models/), exported by their helper:
export { mlflowModel, kserveModel, openAIChatModel } from './models/index.js'
export type {
  MlflowModelOptions,
  KserveModelOptions,
  TensorDatatype,
  OpenAIChatModelOptions,
  ChatMessage,
  ServedModelOptions,
  ServedModelStats,
  OnErrorPolicy,
  AnswerDecoding,
} from './models/index.js'

// The metric functions, for use outside evaluate(): pure functions over typed arrays, equal to
// scikit-learn 1.2.1. Classes are indices 0..k-1 (encode labels first).
export {
  confusionCounts,
  confusionCountsWeighted,
  classificationMetricsFromCounts,
  matthewsCorrcoefFromCounts,
  binaryRanking,
  rocAucFromRanking,
  rocAucFromSplitScores,
  averagePrecisionFromRanking,
  multiclassRocAuc,
  rocCurveFromRanking,
  prCurveFromRanking,
  calibrationCurve,
  logLoss,
  logLossPerExample,
  logLossBinary,
  brierScoreLoss,
  regressionState,
  regressionMetrics,
  emptyRegressionState,
} from './metrics/index.js'
export type { ClassificationOptions, ClassificationResult, ClassMetricsRow, BinaryRanking, RegressionState, CalibrationBinCounts } from './metrics/index.js'

export {
  EvalgateError,
  DatasetError,
  PredictionError,
  ConfigError,
  ModelError,
  BaselineError,
} from './errors.js'

// The matcher types: importing `evalgate` anywhere adds the matchers to Vitest's `expect(...)`.
export type { EvalgateMatchers } from './vitest/matcher-types.js'
