/**
 * The `text` model type (MLflow's `model_type="text"`): no targets; per row of the model's
 * outputs `token_count/v1`, `flesch_kincaid_grade_level/v1`, `ari_grade_level/v1` and, with a
 * scorer, `toxicity/v1`, each logged as `/mean`, `/variance`, `/p90` (toxicity also `/ratio`), and
 * `non_empty_output_rate`, the share of rows whose output is non-empty text (`non-empty-output.ts`):
 * the gate's guard against a model that stops answering, which every text metric scores as better.
 */
import type { ModelType } from '../model-type.js'
import { rowScoreType, type RowScorePart } from './row-score-type.js'
import { TEXT_METRIC_NAMES, checkToxicityOption, textMetricDirection } from './text-options.js'
import { textRowScores, type TextMetricOptions } from './text-row-scores.js'
import { NON_EMPTY_OUTPUT_RATE, nonEmptyOutputScores } from './non-empty-output.js'

/** The `text` model type. */
export const textModelType: ModelType<RowScorePart> = rowScoreType({
  name: 'text',
  aliases: [],
  optionNames: ['toxicity'],
  metricNames: [NON_EMPTY_OUTPUT_RATE, ...TEXT_METRIC_NAMES],
  direction: (metric) => (metric === NON_EMPTY_OUTPUT_RATE ? true : textMetricDirection(metric)),
  needsTargets: false,
  resolveOptions: (request) => {
    checkToxicityOption(request.options)
    return { settings: {} }
  },
  score: async (request) => {
    const present = nonEmptyOutputScores(request.outputs, request.rowNumber)
    const text = await textRowScores(request.outputs, request.options as TextMetricOptions)
    return { metrics: [...text.metrics, present.metric], notes: [...present.notes, ...text.notes] }
  },
})
