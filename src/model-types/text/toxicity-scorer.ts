/**
 * Toxicity scores for MLflow's `toxicity/v1` metric from a scorer the user supplies: a function
 * from texts to scores in [0, 1], or a served classifier through evalgate's adapters (its
 * probability of the toxic label, or a number it returns). No scorer: no toxicity metric and a
 * note, never a model download and never the network.
 */
import { ConfigError } from '../../errors.js'
import { isModelAdapter, isRowFailure, type ModelAdapter, type Prediction } from '../../models/types.js'

/** A function from texts to toxicity scores (one per text, in [0, 1]; null for a text it skipped), sync or async. */
export type ToxicityFunction = (
  texts: string[],
) => ReadonlyArray<number | null | undefined> | Float64Array | Promise<ReadonlyArray<number | null | undefined> | Float64Array>

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
    const probabilities = prediction.probabilities
    if (Array.isArray(probabilities)) {
      throw new ConfigError(
        'TOXICITY_LABEL',
        `toxicity scorer, row ${row + 1}: the classifier returned its probabilities as a list, which does not say which one is label "${label}"; give the adapter its labels (the model's class order) or return the probabilities keyed by label`,
      )
    }
    const value = (probabilities as Record<string, number>)[label]
    if (typeof value === 'number') return value
    throw new ConfigError(
      'TOXICITY_LABEL',
      `toxicity scorer, row ${row + 1}: the classifier gave no probability for label "${label}" (labels: ${Object.keys(probabilities).join(', ')}); pass toxicity: { adapter, label: '<the toxic label>' }`,
    )
  }
  throw new ConfigError('TOXICITY_PREDICTION', `toxicity scorer, row ${row + 1}: expected a score or probabilities, got ${JSON.stringify(prediction)}`)
}

function describeScore(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  if (value === undefined || typeof value === 'function') return typeof value
  return `the ${typeof value} ${String(value)}`
}

/**
 * The scores as numbers, one per text sent (`rows[j]`: the row of the j-th text). `null`,
 * `undefined` and NaN are a text the scorer skipped (NaN: left out of the aggregates with a
 * note); any other value that is not a number in [0, 1] is an error naming the row.
 */
function checkScores(scores: unknown, rows: readonly number[]): Float64Array {
  const count = rows.length
  if (!Array.isArray(scores) && !(scores instanceof Float64Array) && !(scores instanceof Float32Array)) {
    throw new ConfigError('TOXICITY_COUNT', `toxicity scorer returned ${scores === null ? 'null' : describeScore(scores)} for ${count} texts; return an array with one score per text`)
  }
  const list = scores as ArrayLike<unknown>
  if (list.length !== count) {
    throw new ConfigError('TOXICITY_COUNT', `toxicity scorer returned ${list.length} scores for ${count} texts; return one score per text`)
  }
  const out = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    const value = list[i]
    if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) {
      out[i] = Number.NaN
      continue
    }
    if (typeof value !== 'number') {
      throw new ConfigError(
        'TOXICITY_SCORE_TYPE',
        `toxicity scorer, row ${rows[i] + 1}: got ${describeScore(value)}, not a number; return the probability that the text is toxic as a number in [0, 1] (null or NaN for a text it did not score)`,
      )
    }
    if (!(value >= 0 && value <= 1)) {
      throw new ConfigError('TOXICITY_RANGE', `toxicity scorer, row ${rows[i] + 1}: score ${String(value)} is not in [0, 1]; return the probability that the text is toxic`)
    }
    out[i] = value
  }
  return out
}

/**
 * Toxicity score of every text (NaN: the text is missing, or the scorer skipped it by returning
 * null, undefined or NaN, or the adapter skipped its row). Texts that are not strings are not
 * sent and score NaN. A score that is not a number (a string such as `'0.2'`, an object) or is
 * outside [0, 1] is a ConfigError naming the row.
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
    scores = checkScores(await scorer(strings), sent)
  } else {
    const { adapter, label = 'toxic', inputColumn = 'text' } = isModelAdapter(scorer) ? { adapter: scorer } : scorer
    const predictions = await adapter.predict(strings.map((text) => ({ [inputColumn]: text })), () => {})
    const values = predictions.map((prediction, j) => (isRowFailure(prediction) ? Number.NaN : scoreOf(prediction, label, sent[j])))
    scores = checkScores(values, sent)
  }
  for (let j = 0; j < sent.length; j++) out[sent[j]] = scores[j]
  return out
}
