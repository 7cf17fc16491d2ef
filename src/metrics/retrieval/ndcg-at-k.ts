import { checkDocIdRow, checkK, checkSameLength, type DocId } from './doc-ids.js'

/** 1 / log2(i + 2), computed as scikit-learn's `_dcg_sample_scores` does. */
function discount(i: number): number {
  return 1 / (Math.log(i + 2) / Math.LN2)
}

/**
 * MLflow's `ndcg_at_k` for one row: scikit-learn's `ndcg_score(..., k=min(k, retrieved),
 * ignore_ties=True)` with binary relevance over the first `k` retrieved documents in their order.
 *
 * - 1 when both lists are empty, 0 when exactly one is.
 * - A document retrieved again counts as relevant again (MLflow gives each repeat a fresh id that
 *   joins the relevant set when the original is relevant), so the ideal DCG grows with it.
 *
 * DCG = sum over the first min(k, retrieved) positions i of rel_i / log2(i + 2); the ideal DCG
 * puts all R relevant documents first (R = distinct relevant ids + relevant repeats among the
 * first k retrieved) over the same number of positions.
 *
 * @param retrieved retrieved ids, best first
 * @param relevant ground-truth ids (a set)
 * @param k how many retrieved documents to look at
 * @example
 * ndcgAtK(['a', 'b'], ['b'], 3)  // => 0.6309297535714575 (1/log2(3))
 * ndcgAtK([], [], 3)             // => 1
 * ndcgAtK(['a'], [], 3)          // => 0
 */
export function ndcgAtK(retrieved: readonly DocId[], relevant: readonly DocId[], k: number): number {
  checkK(k)
  if (retrieved.length === 0 && relevant.length === 0) return 1
  if (retrieved.length === 0 || relevant.length === 0) return 0
  const truth = new Set<DocId>(relevant)
  const n = Math.min(k, retrieved.length)
  const seen = new Set<DocId>()
  let dcg = 0
  let relevantRepeats = 0
  for (let i = 0; i < n; i++) {
    const id = retrieved[i]
    if (!truth.has(id)) continue
    dcg += discount(i)
    if (seen.has(id)) relevantRepeats++
    else seen.add(id)
  }
  const ideal = Math.min(n, truth.size + relevantRepeats)
  let idcg = 0
  for (let i = 0; i < ideal; i++) idcg += discount(i)
  return dcg / idcg
}

/**
 * {@link ndcgAtK} for every row of two columns, after checking each row is a list of ids.
 *
 * @example
 * ndcgAtKScores([['a', 'b'], []], [['b'], []], 3) // => Float64Array [0.6309297535714575, 1]
 */
export function ndcgAtKScores(retrieved: readonly unknown[], relevant: readonly unknown[], k: number): Float64Array {
  checkK(k)
  checkSameLength(retrieved, relevant)
  const out = new Float64Array(retrieved.length)
  for (let i = 0; i < retrieved.length; i++) {
    out[i] = ndcgAtK(checkDocIdRow(retrieved[i], i, 'retrieved'), checkDocIdRow(relevant[i], i, 'relevant'), k)
  }
  return out
}
