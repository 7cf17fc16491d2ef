/**
 * Per-row scores of a retriever: MLflow's `precision_at_k`, `recall_at_k` and `ndcg_at_k`
 * (no version in the name; k from the `k` option, default 3), over the retrieved document ids
 * (the predictions) and the relevant ones (the targets), ids kept as strings or integers.
 */
import { checkK, ndcgAtKScores, precisionAtKScores, recallAtKScores } from '../../metrics/retrieval/index.js'
import type { RowScoreMetric } from '../text/row-score-metric.js'

/** MLflow's default k. */
export const DEFAULT_RETRIEVER_K = 3

/**
 * The three retriever scores of every row at `k`.
 *
 * @example
 * retrieverRowScores([['x', 'a']], [['a']], 3).map((m) => [m.name, m.scores[0]])
 * // => [['precision_at_3', 0.5], ['recall_at_3', 1], ['ndcg_at_3', 0.6309...]]
 */
export function retrieverRowScores(retrieved: readonly unknown[], relevant: readonly unknown[], k: number = DEFAULT_RETRIEVER_K): RowScoreMetric[] {
  checkK(k)
  const metric = (name: string, scores: Float64Array): RowScoreMetric => ({ name: `${name}_at_${k}`, scores, aggregates: 'standard', greaterIsBetter: true, nonNegative: true })
  return [
    metric('precision', precisionAtKScores(retrieved, relevant, k)),
    metric('recall', recallAtKScores(retrieved, relevant, k)),
    metric('ndcg', ndcgAtKScores(retrieved, relevant, k)),
  ]
}
