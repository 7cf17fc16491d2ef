/**
 * The `text` model type (MLflow's `model_type="text"`): no targets; per row of the model's
 * outputs `token_count/v1`, `flesch_kincaid_grade_level/v1`, `ari_grade_level/v1` and, with a
 * scorer, `toxicity/v1`, each logged as `/mean`, `/variance`, `/p90` (toxicity also `/ratio`).
 */
import type { ModelType } from '../model-type.js'
import { rowScoreType, type RowScorePart } from './row-score-type.js'
import { TEXT_METRIC_NAMES, checkToxicityOption, textMetricDirection } from './text-options.js'
import { textRowScores, type TextMetricOptions } from './text-row-scores.js'

/** The `text` model type. */
export const textModelType: ModelType<RowScorePart> = rowScoreType({
  name: 'text',
  aliases: [],
  optionNames: ['toxicity'],
  metricNames: TEXT_METRIC_NAMES,
  direction: textMetricDirection,
  needsTargets: false,
  resolveOptions: (request) => {
    checkToxicityOption(request.options)
    return { settings: {} }
  },
  score: (request) => textRowScores(request.outputs, request.options as TextMetricOptions),
})
