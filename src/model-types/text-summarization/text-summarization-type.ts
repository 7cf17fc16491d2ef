/**
 * The `text-summarization` model type (MLflow's default evaluator of the same name):
 * `rouge1/v1`, `rouge2/v1`, `rougeL/v1`, `rougeLsum/v1` (`/mean`, `/variance`, `/p90`; rouge_score's
 * F-measure, `use_stemmer=False` unless `stemmer: true`), and the text metrics of the summaries.
 */
import type { ModelType } from '../model-type.js'
import { rowScoreType, type RowScorePart } from '../text/row-score-type.js'
import { TEXT_METRIC_NAMES, booleanOption, checkToxicityOption, textMetricDirection } from '../text/text-options.js'
import { textRowScores, type TextMetricOptions } from '../text/text-row-scores.js'

const ROUGE = /^rouge(1|2|L|Lsum)\/v1\/(mean|p90)$/

/** The `text-summarization` model type. */
export const textSummarizationModelType: ModelType<RowScorePart> = rowScoreType({
  name: 'text-summarization',
  aliases: ['text_summarization'],
  optionNames: ['stemmer', 'toxicity'],
  metricNames: [...['rouge1', 'rouge2', 'rougeL', 'rougeLsum'].flatMap((n) => [`${n}/v1/mean`, `${n}/v1/variance`, `${n}/v1/p90`]), ...TEXT_METRIC_NAMES],
  direction: (metric) => (ROUGE.test(metric) ? true : textMetricDirection(metric, 'described')),
  needsTargets: true,
  targetsColumn: { holds: 'the reference summaries (a text per row)', example: 'reference' },
  resolveOptions: (request) => {
    checkToxicityOption(request.options)
    return { settings: { stemmer: booleanOption(request.options, 'stemmer', 'text-summarization') } }
  },
  score: async (request) => {
    // Imported on use: the ROUGE kernels and the stemmer cost nothing to other model types.
    const { summarizationRowScores } = await import('./summarization-row-scores.js')
    const rouge = summarizationRowScores(
      request.outputs,
      request.targets ?? [],
      { stemmer: request.settings.stemmer === true },
      { predictionsColumn: request.outputsColumn, predictionsFromModel: request.outputsFromModel, targetColumn: request.targetColumn, rowNumber: request.rowNumber },
    )
    const text = await textRowScores(request.outputs, request.options as TextMetricOptions, 'described')
    return { metrics: [...rouge.metrics, ...text.metrics], notes: [...rouge.notes, ...text.notes] }
  },
})
