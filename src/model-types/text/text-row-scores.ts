/**
 * MLflow's `text` metrics of a column of texts (the outputs of a text, question-answering or
 * summarization model), per row: `token_count` (cl100k_base, js-tiktoken), the readability
 * grades `flesch_kincaid_grade_level/v1` and `ari_grade_level/v1` (textstat 0.7.11, from the
 * kernels in `src/metrics/text`), and `toxicity/v1` when a scorer is given. The kernels (and
 * js-tiktoken) are imported on the first call, so that a classifier or regressor evaluation (and
 * the CLI's start) does not load them.
 */
import type { RowScoreMetric } from './row-score-metric.js'
import { TOXICITY_MISSING_NOTE, toxicityScores, type ToxicityScorer } from './toxicity-scorer.js'
import type { Readability } from './text-options.js'

/** Options of the text metrics. */
export interface TextMetricOptions {
  /** Scores each text's toxicity; without one, `toxicity/v1` is left out with a note. */
  toxicity?: ToxicityScorer
}

/** Per-row scores of the text metrics, and notes on what was left out. */
export interface TextRowScores {
  metrics: RowScoreMetric[]
  notes: string[]
}

/**
 * The text metrics of every row. A row that is not text scores NaN (left out of the aggregates,
 * as MLflow leaves out None). The grade levels have a direction only when `readability` is
 * `'judged'` ({@link Readability}).
 *
 * @example
 * const { metrics } = await textRowScores(['hello world'], {}, 'judged')
 * metrics[0] // { name: 'token_count/v1', scores: Float64Array [2], ... }
 */
export async function textRowScores(texts: readonly unknown[], options: TextMetricOptions, readability: Readability): Promise<TextRowScores> {
  const [{ tokenCounts }, { readabilityGrades }] = await Promise.all([import('../../metrics/text/token-count.js'), import('../../metrics/text/readability.js')])
  const notes: string[] = []
  const metrics: RowScoreMetric[] = [
    { name: 'token_count/v1', scores: tokenCounts(texts), aggregates: 'standard', greaterIsBetter: null, nonNegative: true },
  ]
  // textstat 0.7.11's grades, both from one count per text (NaN for a row that is not text).
  // MLflow: greater_is_better=False for both grade levels (a lower grade reads more easily); none
  // where the outputs have references, which judge them.
  const grades = readabilityGrades(texts)
  const gradeDirection = readability === 'judged' ? false : null
  metrics.push(
    { name: 'flesch_kincaid_grade_level/v1', scores: grades.fleschKincaid, aggregates: 'standard', greaterIsBetter: gradeDirection, nonNegative: false },
    { name: 'ari_grade_level/v1', scores: grades.automatedReadability, aggregates: 'standard', greaterIsBetter: gradeDirection, nonNegative: false },
  )
  if (options.toxicity !== undefined) {
    const scores = await toxicityScores(texts, options.toxicity)
    metrics.push({ name: 'toxicity/v1', scores, aggregates: 'standard', ratioAt: 0.5, greaterIsBetter: false, nonNegative: true, atMostOne: true })
  } else {
    notes.push(TOXICITY_MISSING_NOTE)
  }
  return { metrics, notes }
}
