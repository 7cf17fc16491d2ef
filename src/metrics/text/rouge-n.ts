import { rougeScore, type RougeScore } from './rouge-score.js'

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>()
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' ')
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/**
 * ROUGE-N of token lists, as `rouge_score` computes `rouge1`, `rouge2`, ...: clipped n-gram
 * overlap over the prediction's n-grams (precision) and the target's (recall), each count
 * divided by at least 1, so no n-grams on a side give 0.
 *
 * @param prediction prediction tokens (from {@link rougeTokens})
 * @param target target tokens
 * @param n n-gram length, a positive integer
 * @example
 * rougeN(['testing', 'one'], ['testing', 'one', 'two'], 2) // => { precision: 1, recall: 0.5, fmeasure: 0.666... }
 */
export function rougeN(prediction: readonly string[], target: readonly string[], n: number): RougeScore {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`ROUGE-N needs a positive integer n, got ${String(n)}`)
  const predicted = ngramCounts(prediction, n)
  const expected = ngramCounts(target, n)
  let overlap = 0
  for (const [gram, count] of expected) {
    const other = predicted.get(gram)
    if (other !== undefined) overlap += Math.min(count, other)
  }
  const predictedTotal = Math.max(prediction.length - n + 1, 0)
  const expectedTotal = Math.max(target.length - n + 1, 0)
  return rougeScore(overlap / Math.max(predictedTotal, 1), overlap / Math.max(expectedTotal, 1))
}
