/**
 * The `question-answering` model type (MLflow's default evaluator of the same name):
 * `exact_match/v1` (raw string equality, the maximum over a row's gold answers), opt-in SQuAD
 * normalised exact match and token F1 (`squad: true`), and the text metrics of the answers.
 */
import { oneOrListCell } from '../../data/index.js'
import type { ModelType } from '../model-type.js'
import { rowScoreType, type RowScorePart } from '../text/row-score-type.js'
import { TEXT_METRIC_NAMES, booleanOption, checkToxicityOption, textMetricDirection } from '../text/text-options.js'
import { textRowScores, type TextMetricOptions } from '../text/text-row-scores.js'

/** A stored target read back as exact match reads it: the list of gold answers, or the one answer itself. */
function goldAnswerCell(text: string): unknown {
  const answers = oneOrListCell(text)
  return answers.length === 1 && answers[0] === text ? text : answers
}

const SQUAD = /^squad_(exact_match|f1)\/v1\/(mean|p90)$/

/** The `question-answering` model type. */
export const questionAnsweringModelType: ModelType<RowScorePart> = rowScoreType({
  name: 'question-answering',
  aliases: ['question_answering'],
  optionNames: ['squad', 'toxicity'],
  metricNames: ['exact_match/v1', ...['squad_exact_match/v1', 'squad_f1/v1'].flatMap((n) => [`${n}/mean`, `${n}/variance`, `${n}/p90`]), ...TEXT_METRIC_NAMES],
  direction: (metric) => (metric === 'exact_match/v1' || SQUAD.test(metric) ? true : textMetricDirection(metric, 'described')),
  needsTargets: true,
  targetsColumn: { holds: 'the gold answers (a text, or a list of texts, per row)', example: 'answer' },
  resolveOptions: (request) => {
    checkToxicityOption(request.options)
    return { settings: { squad: booleanOption(request.options, 'squad', 'question-answering') } }
  },
  score: async (request) => {
    // Imported on use: the SQuAD kernels cost nothing to other model types.
    const { qaRowScores, unansweredNote } = await import('./qa-row-scores.js')
    const qa = qaRowScores(request.outputs, request.targets ?? [], request.targetColumn, { squad: request.settings.squad === true })
    const text = await textRowScores(request.outputs, request.options as TextMetricOptions, 'described')
    return { metrics: [...qa, ...text.metrics], notes: [...unansweredNote(request.outputs), ...text.notes] }
  },
  // A row with several gold answers (a list, or a CSV cell holding a JSON array) reaches a custom
  // metric as the list, read as exact_match reads it; a single answer stays its string.
  tableCell: { targets: goldAnswerCell },
})
