/**
 * Toxicity scores for MLflow's `toxicity/v1` metric from a scorer the user supplies: a function
 * from texts to scores in [0, 1], or a served classifier through evalgate's adapters (its
 * probability of the toxic label, or a number it returns). No scorer: no toxicity metric and a
 * note, never a model download and never the network.
 */
import { ConfigError } from '../../errors.js'
import { isModelAdapter, isRowFailure, type ModelAdapter, type Prediction } from '../../models/types.js'

/** A function from texts to toxicity scores (one per text, in [0, 1]), sync or async. */
export type ToxicityFunction = (texts: string[]) => number[] | Float64Array | Promise<number[] | Float64Array>

/** A served classifier: each text is sent as a row `{ [inputColumn]: text }`. */
export interface ToxicityAdapter {
  adapter: ModelAdapter
  /** The label whose probability is the toxicity score; default `toxic`. */
  label?: string
  /** The row field the text is sent in; default `text`. */
  inputColumn?: string
}

/** What `evaluate({ toxicity })` takes. */
export type ToxicityScorer = ToxicityFunction | ToxicityAdapter | ModelAdapter

/** The note a run carries when no toxicity scorer was given. */
export const TOXICITY_MISSING_NOTE =
  'toxicity/v1 left out: no toxicity scorer given (pass toxicity: (texts) => scores, or a served classifier adapter); evalgate never downloads a model'

function scoreOf(prediction: Prediction, label: string, row: number): number {
  if (typeof prediction === 'number') return prediction
  if (typeof prediction === 'object' && prediction !== null && 'probabilities' in prediction) {
    const value = prediction.probabilities[label]
    if (typeof value === 'number') return value
    throw new ConfigError(
      'TOXICITY_LABEL',
      `toxicity scorer, row ${row + 1}: the classifier gave no probability for label "${label}" (labels: ${Object.keys(prediction.probabilities).join(', ')}); pass toxicity: { adapter, label: '<the toxic label>' }`,
    )
  }
  throw new ConfigError('TOXICITY_PREDICTION', `toxicity scorer, row ${row + 1}: expected a score or probabilities, got ${JSON.stringify(prediction)}`)
}

function checkScores(scores: ArrayLike<number>, count: number): Float64Array {
  if (scores.length !== count) {
    throw new ConfigError('TOXICITY_COUNT', `toxicity scorer returned ${scores.length} scores for ${count} texts; return one score per text`)
  }
  const out = Float64Array.from(scores)
  for (let i = 0; i < out.length; i++) {
    const value = out[i]
    if (Number.isNaN(value) && typeof scores[i] === 'number') continue
    if (!(value >= 0 && value <= 1)) {
      throw new ConfigError('TOXICITY_RANGE', `toxicity scorer, row ${i + 1}: score ${String(scores[i])} is not in [0, 1]; return the probability that the text is toxic`)
    }
  }
  return out
}

/**
 * Toxicity score of every text (NaN: the text is missing, or the adapter skipped its row).
 * Texts that are not strings are not sent and score NaN.
 *
 * @example
 * await toxicityScores(['fine', 'awful'], (texts) => texts.map((t) => (t === 'awful' ? 0.9 : 0.1)))
 * // => Float64Array [0.1, 0.9]
 */
export async function toxicityScores(texts: readonly unknown[], scorer: ToxicityScorer): Promise<Float64Array> {
  const sent: number[] = []
  for (let i = 0; i < texts.length; i++) if (typeof texts[i] === 'string') sent.push(i)
  const strings = sent.map((i) => texts[i] as string)
  const out = new Float64Array(texts.length).fill(Number.NaN)
  let scores: Float64Array
  if (typeof scorer === 'function') {
    scores = checkScores(await scorer(strings), strings.length)
  } else {
    const { adapter, label = 'toxic', inputColumn = 'text' } = isModelAdapter(scorer) ? { adapter: scorer } : scorer
    const predictions = await adapter.predict(strings.map((text) => ({ [inputColumn]: text })), () => {})
    const values = predictions.map((prediction, j) => (isRowFailure(prediction) ? Number.NaN : scoreOf(prediction, label, sent[j])))
    scores = checkScores(values, strings.length)
  }
  for (let j = 0; j < sent.length; j++) out[sent[j]] = scores[j]
  return out
}
