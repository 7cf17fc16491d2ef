/**
 * One row's raw answer (from MLflow's `predictions` or a KServe output) turned into a
 * prediction: a label or number as is, a probability list mapped through `labels`, a record's
 * label and probability fields.
 */
import { answerText, probabilityPrediction } from './probabilities.js'
import type { Prediction } from './types.js'

export const DEFAULT_LABEL_FIELDS = ['label', 'prediction', 'predicted_label', 'class', 'output'] as const
export const DEFAULT_PROBABILITY_FIELDS = ['probabilities', 'probability', 'scores', 'predict_proba'] as const

export interface AnswerDecoding {
  /** The model's class order, for probability lists. */
  labels?: ReadonlyArray<string | number | boolean> | undefined
  /** Record field holding the label (default: the first of label, prediction, predicted_label, class, output). */
  labelField?: string | undefined
  /** Record field holding probabilities (default: the first of probabilities, probability, scores, predict_proba). */
  probabilitiesField?: string | undefined
}

/**
 * Decode one answer; `answers` `'id-list'` (`PredictContext.answers`): a retriever's list of
 * document ids, never probabilities.
 *
 * @example
 * decodeAnswer({ label: 'pos', probabilities: [0.1, 0.9] }, { labels: ['neg', 'pos'] })
 * // { label: 'pos', probabilities: { neg: 0.1, pos: 0.9 } }
 */
export function decodeAnswer(answer: unknown, decoding: AnswerDecoding, answers?: 'id-list'): Prediction {
  if (answers === 'id-list') return idList(answer, decoding.labelField)
  if (typeof answer === 'string' || typeof answer === 'boolean') return answer
  if (typeof answer === 'number') {
    if (!Number.isFinite(answer)) throw new Error(`the model returned ${answer} for a row, not a finite number`)
    return answer
  }
  if (Array.isArray(answer)) {
    if (answer.length === 1) return decodeAnswer(answer[0], decoding)
    return probabilityPrediction(answer, decoding.labels)
  }
  if (typeof answer === 'object' && answer !== null) {
    const record = answer as Record<string, unknown>
    const labelField = pickField(record, decoding.labelField, DEFAULT_LABEL_FIELDS)
    const probabilitiesField = pickField(record, decoding.probabilitiesField, DEFAULT_PROBABILITY_FIELDS)
    if (labelField === undefined && probabilitiesField === undefined) {
      throw new Error(
        `a prediction record has fields ${Object.keys(record).join(', ') || '(none)'}; none holds a label or probabilities. Pass labelField / probabilitiesField`,
      )
    }
    const label = labelField === undefined ? undefined : scalarLabel(record[labelField], labelField)
    if (probabilitiesField === undefined) return label as Prediction
    return probabilityPrediction(record[probabilitiesField], decoding.labels, label)
  }
  throw new Error(`the model returned ${JSON.stringify(answer)} for a row; expected a label, a number, probabilities or a record`)
}

/**
 * A retriever's answer for one row: its list of document ids, best first, as given (the
 * retriever type checks each id, naming the row and position); a list holding just that list
 * (`[["d1", "d2"]]`) is unwrapped, and so is a record (`{"docs": [...], "scores": [...]}`, also
 * from a column-oriented answer): its `labelField` if named, else its one list field, else its one
 * list of ids (text or integers) beside lists of scores (fractions), else its one list holding text;
 * lists all empty are a query that found nothing. A list of one id stays a list.
 *
 * @example idList([['d1', 'd2']]) // ['d1', 'd2']
 * @example idList({ docs: ['d1', 'd2'], scores: [0.9, 0.4] }) // ['d1', 'd2']
 */
function idList(answer: unknown, field?: string): Prediction {
  if (Array.isArray(answer)) {
    if (answer.length === 1 && Array.isArray(answer[0])) return idList(answer[0])
    return answer as ReadonlyArray<string | number>
  }
  if (typeof answer === 'object' && answer !== null) {
    const record = answer as Record<string, unknown>
    const fields = Object.keys(record).join(', ') || '(none)'
    if (field !== undefined) {
      if (!Object.hasOwn(record, field)) throw new Error(`a retriever's answer for a row has no field "${field}" (labelField); its fields are ${fields}`)
      return idList(record[field])
    }
    const lists = Object.entries(record).filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]))
    // Ids are text or integers: a list holding a fraction is scores. A query that found nothing
    // answers empty lists (adversarial pass 63: {docs: [], scores: []} failed its row).
    const idLike = lists.filter(([, value]) => value.every((id) => typeof id === 'string' || Number.isInteger(id)))
    const texts = idLike.filter(([, value]) => value.some((id) => typeof id === 'string'))
    if (lists.length > 0 && lists.every(([, value]) => value.length === 0)) return []
    const chosen = lists.length === 1 ? lists[0] : idLike.length === 1 ? idLike[0] : texts.length === 1 ? texts[0] : undefined
    if (chosen !== undefined) return idList(chosen[1])
    throw new Error(`a retriever's answer for a row is a record with fields ${fields}; expected a list of document ids: name the field that holds them with labelField: '<field>'`)
  }
  throw new Error(`a retriever's answer for a row is ${answerText(answer)}; expected a list of document ids, best first`)
}

function pickField(record: Record<string, unknown>, chosen: string | undefined, defaults: readonly string[]): string | undefined {
  if (chosen !== undefined) {
    if (!(chosen in record)) {
      throw new Error(`a prediction record has no field "${chosen}"; its fields are ${Object.keys(record).join(', ') || '(none)'}`)
    }
    return chosen
  }
  return defaults.find((field) => field in record)
}

function scalarLabel(value: unknown, field: string): string | number | boolean {
  if (Array.isArray(value) && value.length === 1) return scalarLabel(value[0], field)
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value
  throw new Error(`field "${field}" of a prediction record is ${answerText(value)}, not a label`)
}
