/**
 * The regressor model type: targets and predictions as Float64Arrays, every metric from the
 * metric engine's regression state, a predicted-vs-actual sample and residual histogram, and the
 * `largest_errors.csv` artifact.
 */
import { ownedFloat64 } from '../gather-rows.js'
import { directionsOf } from '../metric-directions.js'
import type { ModelType } from '../model-type.js'
import { requiredTargets } from '../model-type.js'
import { largestErrorsArtifact } from './largest-errors-artifact.js'
import { regressorCurves } from './regressor-curves.js'
import { readRegressorInputs } from './regressor-inputs.js'
import { regressorScope } from './regressor-scope.js'

/** A regressor's part of the run table. */
export type RegressorPart = {
  settings: Record<string, never>
  columns: {
    targetValues: Float64Array
    predictedValues: Float64Array
  }
}

/** Its built-in metrics (MLflow's names). */
const REGRESSOR_METRICS = [
    'example_count', 'mean_absolute_error', 'mean_squared_error', 'root_mean_squared_error', 'sum_on_target',
    'mean_on_target', 'r2_score', 'max_error', 'mean_absolute_percentage_error',
] as const

/** The regressor model type. */
export const regressorType: ModelType<RegressorPart> = {
  name: 'regressor',
  targetsColumn: { holds: 'the true values', example: 'target' },
  aliases: [],
  optionNames: [],
  metricNames: REGRESSOR_METRICS,
  metricDirections: directionsOf(REGRESSOR_METRICS),
  columnOptions: [],
  artifactNames: ['largest_errors', 'largest_errors.csv'],
  resolveOptions: () => ({ settings: {} }),
  encode(request) {
    const inputs = readRegressorInputs({
      dataset: request.dataset,
      targets: requiredTargets(request.targets),
      ...(request.predictionsColumn !== undefined ? { predictionsColumn: request.predictionsColumn } : {}),
      ...(request.modelPredictions !== undefined ? { modelPredictions: request.modelPredictions } : {}),
      rowNumber: request.rowNumber,
    })
    return { part: { settings: {}, columns: inputs }, runFields: {}, notes: [], warnings: [] }
  },
  scopeMetrics: (part, rows, context) => regressorScope(part.columns, rows, context),
  curves: (part, seed) => regressorCurves(part.columns.targetValues, part.columns.predictedValues, seed),
  artifacts(part, request) {
    return [
      largestErrorsArtifact({
        dataset: request.dataset,
        inputColumns: request.inputColumns,
        targetValues: part.columns.targetValues,
        predictedValues: part.columns.predictedValues,
        rowNumber: request.rowNumber,
        maxRows: request.maxRows,
      }),
    ]
  },
  tableFields(part, rows) {
    return {
      modelType: () => 'regressor',
      // New arrays: a custom metric may sort or write them (the run's columns stay as they are).
      targets: () => ownedFloat64(part.columns.targetValues, rows),
      predictions: () => ownedFloat64(part.columns.predictedValues, rows),
    }
  },
  outputs: (part) => ({ predictedValues: part.columns.predictedValues }),
  withOutputs(part, outputs) {
    const predictedValues = outputs.predictedValues instanceof Float64Array ? outputs.predictedValues : part.columns.predictedValues
    return { settings: part.settings, columns: { targetValues: part.columns.targetValues, predictedValues } }
  },
}
