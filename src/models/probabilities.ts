/**
 * Probability answers from served models: a list aligned with known labels, or an object keyed
 * by label, turned into the `{ label?, probabilities }` prediction evaluate() reads.
 */
import type { ProbabilisticPrediction } from './types.js'
import { keyedRecord } from '../run/own-keys.js'

/**
 * Map a probability list or a label->probability object to a prediction. A list needs `labels`
 * of the same length (the model's class order, e.g. scikit-learn's `classes_`).
 *
 * @example
 * probabilityPrediction([0.2, 0.8], ['neg', 'pos']) // { probabilities: { neg: 0.2, pos: 0.8 } }
 */
export function probabilityPrediction(
  value: unknown,
  labels: ReadonlyArray<string | number | boolean> | undefined,
  label?: string | number | boolean,
): ProbabilisticPrediction {
  const probabilities = keyedRecord<number>() // keyed by label: a label may be __proto__
  if (Array.isArray(value)) {
    if (labels === undefined) {
      throw new Error(
        `the model returned a probability list of length ${value.length} but no labels were given; pass \`labels: [...]\` in the model's class order (e.g. scikit-learn's classes_)`,
      )
    }
    if (labels.length !== value.length) {
      throw new Error(
        `the model returned ${value.length} probabilities but labels has ${labels.length} entries (${labels.join(', ')}); make labels match the model's classes`,
      )
    }
    value.forEach((p, j) => {
      probabilities[String(labels[j])] = toProbability(p, String(labels[j]))
    })
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, p] of Object.entries(value)) probabilities[key] = toProbability(p, key)
  } else {
    throw new Error(`expected probabilities (a list or an object keyed by label), got ${answerText(value)}`)
  }
  return label === undefined ? { probabilities } : { label, probabilities }
}

function toProbability(value: unknown, label: string): number {
  const p = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof p !== 'number' || !Number.isFinite(p)) {
    throw new Error(`probability for label "${label}" is ${answerText(value)}, not a number`)
  }
  return p
}

/**
 * A value of an answer for a message: JSON, except that NaN and ±Infinity (which JSON.stringify
 * writes as null) are named, wherever they sit.
 *
 * @example
 * answerText([0.5, Number.NaN]) // '[0.5,NaN]'
 */
export function answerText(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value)
  const text = JSON.stringify(value, (_key, item: unknown) => (typeof item === 'number' && !Number.isFinite(item) ? `\u0000${String(item)}\u0000` : item))
  return text === undefined ? String(value) : text.replace(/"\\u0000(-?Infinity|NaN)\\u0000"/g, '$1')
}
