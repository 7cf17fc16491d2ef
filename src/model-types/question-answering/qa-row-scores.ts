/**
 * Per-row scores of a question-answering model: MLflow's `exact_match/v1` (raw string equality,
 * as scikit-learn's accuracy on the strings) and, opt-in, SQuAD v1.1's normalised exact match
 * and token F1 (`squad_exact_match/v1`, `squad_f1/v1`), each the maximum over a row's gold
 * answers when the target holds several.
 */
import { describeValue, oneOrListCell } from '../../data/index.js'
import { PredictionError } from '../../errors.js'
import { squadScores } from '../../metrics/text/index.js'
import type { RowScoreMetric } from '../text/row-score-metric.js'
import { rowList } from '../text/row-list.js'

/** Options of the question-answering scores. */
export interface QuestionAnsweringOptions {
  /** Add SQuAD's normalised exact match and token F1 (`squad_exact_match/v1`, `squad_f1/v1`). */
  squad?: boolean
}

/**
 * A row's gold answers: one string, a list of strings, or a CSV cell holding a JSON array of
 * strings; a finite number is read as its text (a CSV column of answers such as `42` and `1999`
 * loads as numbers, and no CSV can "give a string": adversarial pass 67). Anything else is an
 * error naming the column and the row.
 */
export function goldAnswers(cell: unknown, column: string, row: number): readonly string[] {
  const answers = oneOrListCell(cell).map((answer) => (typeof answer === 'number' && Number.isFinite(answer) ? String(answer) : answer))
  for (const answer of answers) {
    if (typeof answer !== 'string') {
      throw new PredictionError(
        'QA_TARGET',
        `targets column "${column}", row ${row + 1}: a gold answer must be text, got ${JSON.stringify(answer)}; give a string or a list of strings per row`,
      )
    }
  }
  if (answers.length === 0) {
    throw new PredictionError('QA_TARGET', `targets column "${column}", row ${row + 1}: the list of gold answers is empty; give at least one answer`)
  }
  return answers as readonly string[]
}

/** The prediction of a row as text (none, `null`, as the empty answer), or an error naming the row. */
function predictionText(value: unknown, row: number): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return ''
  throw new PredictionError('QA_PREDICTION', `row ${row + 1}: a question-answering prediction must be text, got ${describeValue(value)}; return a string per row (null for no answer)`)
}

/**
 * A note counting and naming the rows without an answer (`null`), which score 0 as an empty
 * answer does (an LLM client's `content` is `string | null`; it was an error that stopped the run).
 */
export function unansweredNote(predictions: readonly unknown[]): string[] {
  const rows: number[] = []
  predictions.forEach((value, row) => {
    if (value === null || value === undefined) rows.push(row + 1)
  })
  return rows.length === 0 ? [] : [`exact_match/v1: ${rows.length} of ${predictions.length} rows have no answer (null; row ${rowList(rows)}) and score 0, as an empty answer does`]
}

/**
 * `exact_match/v1` per row (1 when the prediction equals a gold answer exactly; MLflow's
 * equality with one answer), and the SQuAD scores when asked.
 *
 * @example
 * qaRowScores(['Paris', 'paris'], ['Paris', 'Paris'], 'answer', { squad: true })
 * // exact_match/v1: [1, 0]; squad_exact_match/v1: [1, 1]; squad_f1/v1: [1, 1]
 */
export function qaRowScores(predictions: readonly unknown[], targets: readonly unknown[], targetColumn: string, options: QuestionAnsweringOptions): RowScoreMetric[] {
  const n = predictions.length
  const texts = predictions.map((value, row) => predictionText(value, row))
  const answers = targets.map((cell, row) => goldAnswers(cell, targetColumn, row))
  const exact = new Float64Array(n)
  for (let i = 0; i < n; i++) exact[i] = answers[i].includes(texts[i]) ? 1 : 0
  const metrics: RowScoreMetric[] = [{ name: 'exact_match/v1', scores: exact, aggregates: 'mean', greaterIsBetter: true, nonNegative: true, atMostOne: true }]
  if (options.squad === true) {
    const squad = squadScores(texts, answers)
    metrics.push(
      { name: 'squad_exact_match/v1', scores: squad.exactMatch, aggregates: 'standard', greaterIsBetter: true, nonNegative: true, atMostOne: true },
      { name: 'squad_f1/v1', scores: squad.f1, aggregates: 'standard', greaterIsBetter: true, nonNegative: true, atMostOne: true },
    )
  }
  return metrics
}
