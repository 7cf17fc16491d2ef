import { rougeScore, ZERO_ROUGE, type RougeScore } from './rouge-score.js'
import { TokenIds } from './rouge-tokenize.js'

/** Scratch memory reused by every LCS table (grown on demand). */
let scratch = new Int32Array(1024)
function table(size: number): Int32Array {
  if (scratch.length < size) scratch = new Int32Array(Math.max(size, scratch.length * 2))
  return scratch
}

/** Length of the longest common subsequence, two rolling rows. */
function lcsLength(a: Int32Array, b: Int32Array): number {
  const cols = b.length + 1
  const rows = table(2 * cols)
  rows.fill(0, 0, 2 * cols)
  let previous = 0
  let current = cols
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1]
    rows[current] = 0
    for (let j = 1; j <= b.length; j++) {
      rows[current + j] = ai === b[j - 1]
        ? rows[previous + j - 1] + 1
        : Math.max(rows[previous + j], rows[current + j - 1])
    }
    const swap = previous
    previous = current
    current = swap
  }
  return rows[previous + b.length]
}

/**
 * Indices into `ref` of one longest common subsequence with `can`, read back from the full table
 * exactly as rouge_score's `_backtrack_norec` does (which one is taken matters for ROUGE-Lsum).
 * Adds them to `into`.
 */
function addLcsIndices(ref: Int32Array, can: Int32Array, into: Set<number>): void {
  const cols = can.length + 1
  const t = table((ref.length + 1) * cols)
  t.fill(0, 0, (ref.length + 1) * cols)
  for (let i = 1; i <= ref.length; i++) {
    const r = ref[i - 1]
    const row = i * cols
    const above = row - cols
    for (let j = 1; j <= can.length; j++) {
      t[row + j] = r === can[j - 1] ? t[above + j - 1] + 1 : Math.max(t[above + j], t[row + j - 1])
    }
  }
  let i = ref.length
  let j = can.length
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      into.add(i - 1)
      i--
      j--
    } else if (t[i * cols + j - 1] > t[(i - 1) * cols + j]) {
      j--
    } else {
      i--
    }
  }
}

/** {@link rougeL} over token ids. */
export function rougeLIds(prediction: Int32Array, target: Int32Array): RougeScore {
  if (prediction.length === 0 || target.length === 0) return { ...ZERO_ROUGE }
  const lcs = lcsLength(target, prediction)
  return rougeScore(lcs / prediction.length, lcs / target.length)
}

/** Token counts left on each side, indexed by id (ids are dense), reused across calls. */
let leftInTarget = new Int32Array(1024)
let leftInPrediction = new Int32Array(1024)

/** {@link rougeLsum} over sentences of token ids. */
export function rougeLsumIds(prediction: readonly Int32Array[], target: readonly Int32Array[]): RougeScore {
  if (prediction.length === 0 || target.length === 0) return { ...ZERO_ROUGE }
  let m = 0
  let n = 0
  let max = 0
  for (const sentence of target) for (const t of sentence) if (t > max) max = t
  for (const sentence of prediction) for (const t of sentence) if (t > max) max = t
  if (leftInTarget.length <= max) {
    leftInTarget = new Int32Array(Math.max(max + 1, leftInTarget.length * 2))
    leftInPrediction = new Int32Array(leftInTarget.length)
  }
  for (const sentence of target) {
    m += sentence.length
    for (const t of sentence) leftInTarget[t]++
  }
  for (const sentence of prediction) {
    n += sentence.length
    for (const t of sentence) leftInPrediction[t]++
  }
  try {
    return m === 0 || n === 0 ? { ...ZERO_ROUGE } : summaryHits(prediction, target, m, n)
  } finally {
    for (const sentence of target) for (const t of sentence) leftInTarget[t] = 0
    for (const sentence of prediction) for (const t of sentence) leftInPrediction[t] = 0
  }
}

function summaryHits(prediction: readonly Int32Array[], target: readonly Int32Array[], m: number, n: number): RougeScore {
  let hits = 0
  const union = new Set<number>()
  for (const ref of target) {
    union.clear()
    for (const can of prediction) addLcsIndices(ref, can, union)
    const indices = Array.from(union).sort((a, b) => a - b)
    for (const index of indices) {
      const token = ref[index]
      if (leftInPrediction[token] > 0 && leftInTarget[token] > 0) {
        hits++
        leftInPrediction[token]--
        leftInTarget[token]--
      }
    }
  }
  return rougeScore(hits / n, hits / m)
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
  const ids = new TokenIds()
  return rougeLIds(ids.encode(prediction), ids.encode(target))
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
  const ids = new TokenIds()
  return rougeLsumIds(prediction.map((s) => ids.encode(s)), target.map((s) => ids.encode(s)))
}
