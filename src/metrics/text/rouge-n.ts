import { rougeScore, type RougeScore } from './rouge-score.js'
import { TokenIds } from './rouge-tokenize.js'

/** Ids below this fit two to a safe-integer key. */
const PAIR_BASE = 2 ** 26

function ngramKey(ids: Int32Array, i: number, n: number): number | string {
  if (n === 1) return ids[i]
  if (n === 2 && ids[i] < PAIR_BASE && ids[i + 1] < PAIR_BASE) return ids[i] * PAIR_BASE + ids[i + 1]
  return Array.prototype.join.call(ids.subarray(i, i + n), ' ')
}

function ngramCounts(ids: Int32Array, n: number): Map<number | string, number> {
  const counts = new Map<number | string, number>()
  for (let i = 0; i + n <= ids.length; i++) {
    const key = ngramKey(ids, i, n)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/** Per-id counts reused across calls (ids are dense); entries are put back to 0 after use. */
let counts = new Int32Array(1024)

/** Clipped unigram overlap with one counting pass over each side. */
function unigramOverlap(prediction: Int32Array, target: Int32Array): number {
  let max = 0
  for (let i = 0; i < target.length; i++) if (target[i] > max) max = target[i]
  if (counts.length <= max) counts = new Int32Array(Math.max(max + 1, counts.length * 2))
  for (let i = 0; i < target.length; i++) counts[target[i]]++
  let overlap = 0
  for (let i = 0; i < prediction.length; i++) {
    const id = prediction[i]
    if (id <= max && counts[id] > 0) {
      overlap++
      counts[id]--
    }
  }
  for (let i = 0; i < target.length; i++) counts[target[i]] = 0
  return overlap
}

/** Clipped bigram overlap: both sides' bigram keys sorted, then merged. */
function bigramOverlap(prediction: Int32Array, target: Int32Array): number {
  const p = new Float64Array(Math.max(prediction.length - 1, 0))
  const t = new Float64Array(Math.max(target.length - 1, 0))
  for (let i = 0; i < p.length; i++) p[i] = prediction[i] * PAIR_BASE + prediction[i + 1]
  for (let i = 0; i < t.length; i++) t[i] = target[i] * PAIR_BASE + target[i + 1]
  p.sort()
  t.sort()
  let overlap = 0
  let i = 0
  let j = 0
  while (i < p.length && j < t.length) {
    if (p[i] === t[j]) {
      overlap++
      i++
      j++
    } else if (p[i] < t[j]) i++
    else j++
  }
  return overlap
}

/** {@link rougeN} over token ids (the form `rouge()` uses). */
export function rougeNIds(prediction: Int32Array, target: Int32Array, n: number): RougeScore {
  const predictedTotal = Math.max(prediction.length - n + 1, 0)
  const expectedTotal = Math.max(target.length - n + 1, 0)
  if (n === 1 || (n === 2 && prediction.every((id) => id < PAIR_BASE) && target.every((id) => id < PAIR_BASE))) {
    const overlap = n === 1 ? unigramOverlap(prediction, target) : bigramOverlap(prediction, target)
    return rougeScore(overlap / Math.max(predictedTotal, 1), overlap / Math.max(expectedTotal, 1))
  }
  const predicted = ngramCounts(prediction, n)
  const expected = ngramCounts(target, n)
  let overlap = 0
  for (const [gram, count] of expected) {
    const other = predicted.get(gram)
    if (other !== undefined) overlap += Math.min(count, other)
  }
  return rougeScore(overlap / Math.max(predictedTotal, 1), overlap / Math.max(expectedTotal, 1))
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
  const ids = new TokenIds()
  return rougeNIds(ids.encode(prediction), ids.encode(target), n)
}
