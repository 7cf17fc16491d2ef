/**
 * MLflow's `text` metrics of a column of texts (the outputs of a text, question-answering or
 * summarization model), per row: `token_count` (cl100k_base, js-tiktoken), the readability
 * grades `flesch_kincaid_grade_level/v1` and `ari_grade_level/v1` (textstat 0.7.11, from the
 * kernels in `src/metrics/text`), and `toxicity/v1` when a scorer is given.
 */
import { tokenCounts } from '../../metrics/text/index.js'
import { READABILITY_MISSING_NOTE, automatedReadabilityIndices, fleschKincaidGrades } from './readability-kernels.js'
import type { RowScoreMetric } from './row-score-metric.js'
import { TOXICITY_MISSING_NOTE, toxicityScores, type ToxicityScorer } from './toxicity-scorer.js'

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

/** Readability grades of the rows holding text (NaN elsewhere). */
function readability(texts: readonly unknown[], kernel: (texts: readonly string[]) => Float64Array): Float64Array {
  const rows: number[] = []
  for (let i = 0; i < texts.length; i++) if (typeof texts[i] === 'string') rows.push(i)
  const grades = kernel(rows.map((i) => texts[i] as string))
  const out = new Float64Array(texts.length).fill(Number.NaN)
  for (let j = 0; j < rows.length; j++) out[rows[j]] = grades[j]
  return out
}

/**
 * The text metrics of every row. A row that is not text scores NaN (left out of the aggregates,
 * as MLflow leaves out None).
 *
 * @example
 * const { metrics } = await textRowScores(['hello world'], {})
 * metrics[0] // { name: 'token_count/v1', scores: Float64Array [2], ... }
 */
export async function textRowScores(texts: readonly unknown[], options: TextMetricOptions): Promise<TextRowScores> {
  const notes: string[] = []
  const metrics: RowScoreMetric[] = [
    { name: 'token_count/v1', scores: tokenCounts(texts), aggregates: 'standard', greaterIsBetter: null, nonNegative: true },
  ]
  if (fleschKincaidGrades !== undefined && automatedReadabilityIndices !== undefined) {
    // MLflow: greater_is_better=False for both grade levels (a lower grade reads more easily).
    metrics.push(
      { name: 'flesch_kincaid_grade_level/v1', scores: readability(texts, fleschKincaidGrades), aggregates: 'standard', greaterIsBetter: false, nonNegative: false },
      { name: 'ari_grade_level/v1', scores: readability(texts, automatedReadabilityIndices), aggregates: 'standard', greaterIsBetter: false, nonNegative: false },
    )
  } else {
    notes.push(READABILITY_MISSING_NOTE)
  }
  if (options.toxicity !== undefined) {
    const scores = await toxicityScores(texts, options.toxicity)
    metrics.push({ name: 'toxicity/v1', scores, aggregates: 'standard', ratioAt: 0.5, greaterIsBetter: false, nonNegative: true })
  } else {
    notes.push(TOXICITY_MISSING_NOTE)
  }
  return { metrics, notes }
}
