/**
 * evaluate(): the orchestration that turns a model (or stored predictions) and a dataset into
 * an EvalRun.
 */
export { evaluate } from './evaluate.js'
export type { EvaluateOptions, IntervalOptions } from './options.js'
export { EVALUATE_DEFAULTS } from './options.js'
export { defineMetric, isMetricDefinition } from './define-metric.js'
export type { MetricDefinition, MetricFunction } from './define-metric.js'
export { defineArtifact, isArtifactDefinition } from './define-artifact.js'
export type { ArtifactDefinition, ArtifactFunction, ArtifactValue } from './define-artifact.js'
export type { EvalTable, ClassifierEvalTable, RegressorEvalTable, TextEvalTable } from './eval-table.js'
