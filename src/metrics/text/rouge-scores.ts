import { rougeLIds, rougeLsumIds } from './rouge-lcs.js'
import { rougeNIds } from './rouge-n.js'
import type { RougeScore } from './rouge-score.js'
import { rougeTokens, TokenIds, type Stemmer } from './rouge-tokenize.js'

/** The four ROUGE types MLflow's text-summarization evaluator logs. */
export interface RougeRowScores {
  rouge1: RougeScore
  rouge2: RougeScore
  rougeL: RougeScore
  rougeLsum: RougeScore
}

/** Options of {@link rouge}. */
export interface RougeOptions {
  /** Stem words longer than 3 characters (rouge_score's `use_stemmer=True`); default none, as MLflow. */
  stemmer?: Stemmer
}

/**
 * The token ids of each non-empty line (rougeLsum's sentences) and of the whole text. The
 * tokenizer treats "\n" as a separator, so the whole text's tokens are the lines' tokens in order.
 */
function tokenize(text: string, stem: Stemmer | undefined, ids: TokenIds): { all: Int32Array; sentences: Int32Array[] } {
  if (!text.includes('\n')) {
    const all = ids.encode(rougeTokens(text, stem))
    return { all, sentences: text.length > 0 ? [all] : [] }
  }
  const sentences: Int32Array[] = []
  const tokens: string[] = []
  for (const line of text.split('\n')) {
    if (line.length === 0) continue
    const lineTokens = rougeTokens(line, stem)
    sentences.push(ids.encode(lineTokens))
    for (const t of lineTokens) tokens.push(t)
  }
  return { all: ids.encode(tokens), sentences }
}

function scoreRow(prediction: string, target: string, stem: Stemmer | undefined, ids: TokenIds): RougeRowScores {
  const p = tokenize(prediction, stem, ids)
  const t = tokenize(target, stem, ids)
  return {
    rouge1: rougeNIds(p.all, t.all, 1),
    rouge2: rougeNIds(p.all, t.all, 2),
    rougeL: rougeLIds(p.all, t.all),
    rougeLsum: rougeLsumIds(p.sentences, t.sentences),
  }
}

/**
 * `rouge_score.RougeScorer(['rouge1', 'rouge2', 'rougeL', 'rougeLsum']).score(target, prediction)`
 * for one row (note the argument order here: prediction first). rougeLsum splits both texts into
 * sentences on "\n" (empty lines dropped), as rouge_score does; the other types see the whole text.
 *
 * @param prediction the model's summary
 * @param target the reference summary
 * @example
 * rouge('testing one', 'testing one two').rouge2 // => { precision: 1, recall: 0.5, fmeasure: 0.666... }
 */
export function rouge(prediction: string, target: string, options: RougeOptions = {}): RougeRowScores {
  return scoreRow(prediction, target, options.stemmer, new TokenIds())
}

/** Per-row F-measures of the four ROUGE types (what MLflow logs as `<type>/v1/score`). */
export interface RougeColumns {
  rouge1: Float64Array
  rouge2: Float64Array
  rougeL: Float64Array
  rougeLsum: Float64Array
}

/**
 * {@link rouge}'s F-measure for every row (MLflow passes `use_aggregator=False` and keeps the
 * F-measure). A prediction or target that is not a string is an error naming the row.
 *
 * @example
 * rougeScores(['testing one'], ['testing one two']).rouge1 // => Float64Array [0.8]
 */
export function rougeScores(predictions: readonly unknown[], targets: readonly unknown[], options: RougeOptions = {}): RougeColumns {
  if (predictions.length !== targets.length) {
    throw new RangeError(`ROUGE: ${predictions.length} predictions but ${targets.length} targets; give one reference summary per prediction`)
  }
  const n = predictions.length
  // one id table per 4,096 rows keeps ids small and memory bounded
  let ids = new TokenIds()
  const out: RougeColumns = { rouge1: new Float64Array(n), rouge2: new Float64Array(n), rougeL: new Float64Array(n), rougeLsum: new Float64Array(n) }
  for (let i = 0; i < n; i++) {
    const prediction = predictions[i]
    const target = targets[i]
    if (typeof prediction !== 'string') throw new TypeError(`row ${i + 1}: the prediction must be text for ROUGE, got ${typeof prediction} ${String(prediction)}`)
    if (typeof target !== 'string') throw new TypeError(`row ${i + 1}: the target must be text for ROUGE, got ${typeof target} ${String(target)}`)
    if ((i & 4095) === 0) ids = new TokenIds()
    const s = scoreRow(prediction, target, options.stemmer, ids)
    out.rouge1[i] = s.rouge1.fmeasure
    out.rouge2[i] = s.rouge2.fmeasure
    out.rougeL[i] = s.rougeL.fmeasure
    out.rougeLsum[i] = s.rougeLsum.fmeasure
  }
  return out
}
