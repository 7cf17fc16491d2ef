/**
 * `expect(run).toHaveSliceF1(slice, min, options?)`: shorthand for
 * `toHaveSliceMetric(slice, 'f1_score', min, options)`.
 */
import { ConfigError } from '../../errors.js'
import type { EvalgateMatcherState, SyncExpectationResult } from './matcher-context.js'
import { receivedRun } from './matcher-context.js'
import type { Threshold, ThresholdOptions } from './threshold-check.js'
import { checkSliceMetric } from './to-have-slice-metric.js'

/**
 * The error for a run with no `f1_score` that is not a classifier's: a question-answering user
 * reads "F1" as SQuAD's, and was told `metric "f1_score" not found` (adversarial pass 67, F5).
 */
function notAClassifier(modelType: string, metrics: Readonly<Record<string, number>>): ConfigError {
  const squad = 'squad_f1/v1/mean'
  const instead =
    squad in metrics
      ? `; for SQuAD's F1 of the answers, use toHaveSliceMetric(slice, '${squad}', min)`
      : modelType === 'question-answering'
        ? `; for SQuAD's F1 of the answers, evaluate with squad: true and use toHaveSliceMetric(slice, '${squad}', min)`
        : '; use toHaveSliceMetric(slice, metric, min) with one of the run\'s metrics'
  return new ConfigError('slice-f1-not-classifier', `toHaveSliceF1: checks a classifier's f1_score, which a ${modelType} run does not have${instead}`)
}

/** Asserts the slice's f1_score against a threshold. */
export function toHaveSliceF1(this: EvalgateMatcherState, received: unknown, slice: string, min: Threshold, options?: ThresholdOptions): SyncExpectationResult {
  const run = receivedRun(this, received, 'toHaveSliceF1')
  if (run.modelType !== 'classifier' && !('f1_score' in run.metrics)) throw notAClassifier(run.modelType, run.metrics)
  return checkSliceMetric(this, 'toHaveSliceF1', received, slice, 'f1_score', min, options, 'slice, min')
}
