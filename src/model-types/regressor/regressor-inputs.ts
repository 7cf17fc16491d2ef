/**
 * Reads a regressor's targets and predictions as `Float64Array`s, checking every value is a
 * finite number.
 */
import type { Dataset } from '../../data/index.js'
import { numericColumn } from '../../data/index.js'
import { DatasetError, PredictionError } from '../../errors.js'
import type { Prediction } from '../../models/types.js'

export interface RegressorInputs {
  targetValues: Float64Array
  predictedValues: Float64Array
}

export interface RegressorSource {
  dataset: Dataset
  targets: string
  predictionsColumn?: string
  modelPredictions?: readonly Prediction[]
  rowNumber: (row: number) => number
}

/** Reads and checks targets and predictions. */
export function readRegressorInputs(source: RegressorSource): RegressorInputs {
  const { dataset, rowNumber } = source
  const targetValues = numericColumn(dataset, source.targets, 'targets')
  for (let i = 0; i < targetValues.length; i++) {
    if (!Number.isFinite(targetValues[i])) {
      throw new DatasetError(
        'INVALID_TARGET',
        `targets column "${source.targets}": row ${rowNumber(i)} is ${targetValues[i]}; a regression target must be a finite number — fix or drop that row`,
      )
    }
  }
  let predictedValues: Float64Array
  if (source.predictionsColumn !== undefined) {
    predictedValues = numericColumn(dataset, source.predictionsColumn, 'predictions')
    for (let i = 0; i < predictedValues.length; i++) {
      if (!Number.isFinite(predictedValues[i])) {
        throw new PredictionError(
          'INVALID_PREDICTION',
          `predictions column "${source.predictionsColumn}": row ${rowNumber(i)} is ${predictedValues[i]}; predictions must be finite numbers — fix the model output or drop that row`,
        )
      }
    }
  } else {
    const model = source.modelPredictions ?? []
    predictedValues = new Float64Array(model.length)
    for (let i = 0; i < model.length; i++) {
      const p = model[i]
      if (typeof p !== 'number' || !Number.isFinite(p)) {
        throw new PredictionError(
          'INVALID_PREDICTION',
          `model predictions: row ${rowNumber(i)} is ${typeof p === 'number' ? p : JSON.stringify(p) ?? String(p)}; a regressor must return one finite number per row`,
        )
      }
      predictedValues[i] = p
    }
  }
  return { targetValues, predictedValues }
}
