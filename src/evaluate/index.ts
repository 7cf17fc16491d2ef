/**
 * evaluate(): the orchestration that turns a model (or stored predictions) and a dataset into
 * an EvalRun.
 */
export { evaluate } from './evaluate.js'
export type { EvaluateOptions, IntervalOptions } from './options.js'
export { EVALUATE_DEFAULTS } from './options.js'
export { defineMetric, isMetricDefinition } from './defineMetric.js'
export type { MetricDefinition, MetricFunction } from './defineMetric.js'
export { defineArtifact, isArtifactDefinition } from './defineArtifact.js'
export type { ArtifactDefinition, ArtifactFunction, ArtifactValue } from './defineArtifact.js'
export type { EvalTable, ClassifierEvalTable, RegressorEvalTable } from './evalTable.js'
