/**
 * Per-row scores of a summarization model: MLflow's `rouge1/v1`, `rouge2/v1`, `rougeL/v1` and
 * `rougeLsum/v1` (google-research `rouge_score`, F-measure per row, `use_stemmer=False` unless
 * the opt-in NLTK Porter stemmer is asked for).
 */
import { cachedPorterStemmer, rougeScores } from '../../metrics/text/index.js'
import type { RowScoreMetric } from '../text/row-score-metric.js'

/** Options of the summarization scores. */
export interface SummarizationOptions {
  /** Stem words longer than 3 letters with NLTK's PorterStemmer (rouge_score's `use_stemmer=True`). */
  stemmer?: boolean
}

/**
 * The four ROUGE F-measures of every row.
 *
 * @example
 * summarizationRowScores(['testing one'], ['testing one two'], {})[0]
 * // { name: 'rouge1/v1', scores: Float64Array [0.8], ... }
 */
export function summarizationRowScores(predictions: readonly unknown[], targets: readonly unknown[], options: SummarizationOptions): RowScoreMetric[] {
  const columns = rougeScores(predictions, targets, options.stemmer === true ? { stemmer: cachedPorterStemmer() } : {})
  const metric = (name: string, scores: Float64Array): RowScoreMetric => ({ name, scores, aggregates: 'standard', greaterIsBetter: true, nonNegative: true })
  return [
    metric('rouge1/v1', columns.rouge1),
    metric('rouge2/v1', columns.rouge2),
    metric('rougeL/v1', columns.rougeL),
    metric('rougeLsum/v1', columns.rougeLsum),
  ]
}
