import { rougeScore, ZERO_ROUGE, type RougeScore } from './rouge-score.js'

/** Length of the longest common subsequence, two rolling rows. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Int32Array(b.length + 1)
  let current = new Int32Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1]
    for (let j = 1; j <= b.length; j++) {
      current[j] = ai === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1])
    }
    const swap = previous
    previous = current
    current = swap
  }
  return previous[b.length]
}

/**
 * Indices into `ref` of one longest common subsequence with `can`, read back from the full table
 * exactly as rouge_score's `_backtrack_norec` does (which one is taken matters for ROUGE-Lsum).
 */
function lcsIndices(ref: readonly string[], can: readonly string[]): number[] {
  const cols = can.length + 1
  const table = new Int32Array((ref.length + 1) * cols)
  for (let i = 1; i <= ref.length; i++) {
    for (let j = 1; j <= can.length; j++) {
      table[i * cols + j] = ref[i - 1] === can[j - 1]
        ? table[(i - 1) * cols + j - 1] + 1
        : Math.max(table[(i - 1) * cols + j], table[i * cols + j - 1])
    }
  }
  const out: number[] = []
  let i = ref.length
  let j = can.length
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.push(i - 1)
      i--
      j--
    } else if (table[i * cols + j - 1] > table[(i - 1) * cols + j]) {
      j--
    } else {
      i--
    }
  }
  return out.reverse()
}

/**
 * ROUGE-L of token lists (`rouge_score`'s `rougeL`): LCS length over the prediction's length
 * (precision) and the target's (recall); 0 when either is empty.
 *
 * @param prediction prediction tokens
 * @param target target tokens
 * @example
 * rougeL(['testing', 'two'], ['testing', 'one', 'two']) // => { precision: 1, recall: 0.666..., fmeasure: 0.8 }
 */
export function rougeL(prediction: readonly string[], target: readonly string[]): RougeScore {
  if (prediction.length === 0 || target.length === 0) return { ...ZERO_ROUGE }
  const lcs = lcsLength(target, prediction)
  return rougeScore(lcs / prediction.length, lcs / target.length)
}

/**
 * Summary-level ROUGE-L (`rouge_score`'s `rougeLsum`, ROUGE paper section 3.2) of sentences
 * already tokenized: for each target sentence, the union of its LCS index sets with every
 * prediction sentence; a hit is counted only while both sides still have that token left (as
 * ROUGE-1.5.5 prevents double counting). Precision = hits / prediction tokens, recall = hits /
 * target tokens; 0 when either side has no sentences or no tokens.
 *
 * @param prediction prediction sentences, each a token list
 * @param target target sentences, each a token list
 * @example
 * rougeLsum([['w1','w2','w6','w7','w8'], ['w1','w3','w8','w9','w5']], [['w1','w2','w3','w4','w5']])
 * // => { precision: 0.4, recall: 0.8, fmeasure: 0.5333... }
 */
export function rougeLsum(prediction: readonly (readonly string[])[], target: readonly (readonly string[])[]): RougeScore {
  if (prediction.length === 0 || target.length === 0) return { ...ZERO_ROUGE }
  let m = 0
  let n = 0
  const leftInTarget = new Map<string, number>()
  const leftInPrediction = new Map<string, number>()
  for (const sentence of target) {
    m += sentence.length
    for (const t of sentence) leftInTarget.set(t, (leftInTarget.get(t) ?? 0) + 1)
  }
  for (const sentence of prediction) {
    n += sentence.length
    for (const t of sentence) leftInPrediction.set(t, (leftInPrediction.get(t) ?? 0) + 1)
  }
  if (m === 0 || n === 0) return { ...ZERO_ROUGE }
  let hits = 0
  for (const ref of target) {
    const union = new Set<number>()
    for (const can of prediction) for (const index of lcsIndices(ref, can)) union.add(index)
    const indices = Array.from(union).sort((a, b) => a - b)
    for (const index of indices) {
      const token = ref[index]
      const c = leftInPrediction.get(token) ?? 0
      const r = leftInTarget.get(token) ?? 0
      if (c > 0 && r > 0) {
        hits++
        leftInPrediction.set(token, c - 1)
        leftInTarget.set(token, r - 1)
      }
    }
  }
  return rougeScore(hits / n, hits / m)
}
