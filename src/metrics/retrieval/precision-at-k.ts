import { checkDocIdRow, checkK, checkSameLength, type DocId } from './doc-ids.js'

/**
 * MLflow's `precision_at_k` for one row: the share of the first `k` retrieved documents that are
 * relevant. Relevance is binary; a document retrieved twice counts twice. An empty retrieval
 * scores 0.
 *
 * @param retrieved retrieved ids, best first
 * @param relevant ground-truth ids (a set: repeats do not matter)
 * @param k how many retrieved documents to look at
 * @example
 * precisionAtK(['a', 'x', 'b'], ['a', 'b'], 2) // => 0.5
 * precisionAtK(['a', 'a'], ['a'], 3)           // => 1 (duplicates counted)
 * precisionAtK([], ['a'], 3)                   // => 0
 */
export function precisionAtK(retrieved: readonly DocId[], relevant: readonly DocId[], k: number): number {
  checkK(k)
  const top = retrieved.length > k ? retrieved.slice(0, k) : retrieved
  if (top.length === 0) return 0
  const truth = new Set<DocId>(relevant)
  let hits = 0
  for (const id of top) if (truth.has(id)) hits++
  return hits / top.length
}

/**
 * {@link precisionAtK} for every row of two columns, after checking each row is a list of ids.
 *
 * @param retrieved one list of retrieved ids per row
 * @param relevant one list of relevant ids per row
 * @example
 * precisionAtKScores([['a', 'b'], []], [['a'], ['c']], 3) // => Float64Array [0.5, 0]
 */
export function precisionAtKScores(retrieved: readonly unknown[], relevant: readonly unknown[], k: number): Float64Array {
  checkK(k)
  checkSameLength(retrieved, relevant)
  const out = new Float64Array(retrieved.length)
  for (let i = 0; i < retrieved.length; i++) {
    out[i] = precisionAtK(checkDocIdRow(retrieved[i], i, 'retrieved'), checkDocIdRow(relevant[i], i, 'relevant'), k)
  }
  return out
}
