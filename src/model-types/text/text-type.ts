/**
 * The `text` model type (MLflow's `model_type="text"`): no targets; per row of the model's
 * outputs `token_count/v1`, `flesch_kincaid_grade_level/v1`, `ari_grade_level/v1` and, with a
 * scorer, `toxicity/v1`, each logged as `/mean`, `/variance`, `/p90` (toxicity also `/ratio`), and
 * `non_empty_output_rate`, the share of rows whose output is non-empty text (`non-empty-output.ts`):
 * the gate's guard against a model that stops answering, which every text metric scores as better.
 */
import type { ModelType } from '../model-type.js'
import { describeValue } from '../../data/index.js'
import { DatasetError, PredictionError } from '../../errors.js'
import { rowScoreType, type RowScorePart, type ScoreRequest } from './row-score-type.js'
import { TEXT_METRIC_NAMES, checkToxicityOption, textMetricDirection } from './text-options.js'
import { textRowScores, type TextMetricOptions } from './text-row-scores.js'
import { NON_EMPTY_OUTPUT_RATE, nonEmptyOutputScores } from './non-empty-output.js'

/** The `text` model type. */
export const textModelType: ModelType<RowScorePart> = rowScoreType({
  name: 'text',
  aliases: [],
  optionNames: ['toxicity'],
  metricNames: [NON_EMPTY_OUTPUT_RATE, ...TEXT_METRIC_NAMES],
  direction: (metric) => (metric === NON_EMPTY_OUTPUT_RATE ? true : textMetricDirection(metric, 'judged')),
  needsTargets: false,
  resolveOptions: (request) => {
    checkToxicityOption(request.options)
    return { settings: {} }
  },
  score: async (request) => {
    checkOutputTexts(request)
    const present = nonEmptyOutputScores(request.outputs, request.rowNumber)
    const text = await textRowScores(request.outputs, request.options as TextMetricOptions, 'judged')
    return { metrics: [...text.metrics, present.metric], notes: [...present.notes, ...text.notes] }
  },
})

/**
 * Every output is text, or null / undefined for none (counted as empty): a number, a boolean, an
 * object or a list is an error naming the row, as the other text types give (adversarial pass 32:
 * `0`, `true`, `{}` and `['x']` were counted as empty outputs without a word).
 */
function checkOutputTexts(request: ScoreRequest): void {
  const row = request.outputs.findIndex((value) => value !== null && value !== undefined && typeof value !== 'string')
  if (row < 0) return
  const where = request.outputsFromModel ? request.outputsColumn : `predictions column "${request.outputsColumn}"`
  const message = `${where}, row ${request.rowNumber(row)}: a text model's output must be text, got ${describeValue(request.outputs[row])}; return a string per row (null for a row with no output, which counts as empty)`
  throw request.outputsFromModel ? new PredictionError('TEXT_PREDICTION', message) : new DatasetError('TEXT_OUTPUT', message)
}
