import { checkDocIdRow, checkK, checkSameLength, type DocId } from './doc-ids.js'

/**
 * MLflow's `recall_at_k` for one row: the share of distinct relevant documents found among the
 * first `k` retrieved. With no relevant documents it is 1 when nothing was retrieved, else 0.
 *
 * @param retrieved retrieved ids, best first
 * @param relevant ground-truth ids (a set)
 * @param k how many retrieved documents to look at
 * @example
 * recallAtK(['a', 'x', 'b'], ['a', 'b'], 2) // => 0.5
 * recallAtK([], [], 3)                      // => 1
 * recallAtK(['a'], [], 3)                   // => 0
 */
export function recallAtK(retrieved: readonly DocId[], relevant: readonly DocId[], k: number): number {
  checkK(k)
  const truth = new Set<DocId>(relevant)
  const found = new Set<DocId>(retrieved.length > k ? retrieved.slice(0, k) : retrieved)
  if (truth.size === 0) return found.size === 0 ? 1 : 0
  let hits = 0
  for (const id of found) if (truth.has(id)) hits++
  return hits / truth.size
}

/**
 * {@link recallAtK} for every row of two columns, after checking each row is a list of ids.
 *
 * @example
 * recallAtKScores([['a', 'b'], []], [['a', 'c'], []], 3) // => Float64Array [0.5, 1]
 */
export function recallAtKScores(retrieved: readonly unknown[], relevant: readonly unknown[], k: number): Float64Array {
  checkK(k)
  checkSameLength(retrieved, relevant)
  const out = new Float64Array(retrieved.length)
  for (let i = 0; i < retrieved.length; i++) {
    out[i] = recallAtK(checkDocIdRow(retrieved[i], i, 'retrieved'), checkDocIdRow(relevant[i], i, 'relevant'), k)
  }
  return out
}
