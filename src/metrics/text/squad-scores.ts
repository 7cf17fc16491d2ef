import { squadTokens } from './squad-normalize.js'

/** One gold answer or several (the score is the maximum over them, as SQuAD's script takes it). */
export type GoldAnswers = string | readonly string[]

function goldList(answers: GoldAnswers): readonly string[] {
  const list = typeof answers === 'string' ? [answers] : answers
  if (list.length === 0) {
    throw new RangeError('no gold answers given; SQuAD scores a prediction against at least one answer (pass a string or a non-empty list)')
  }
  return list
}

function f1Against(prediction: readonly string[], gold: readonly string[]): number {
  if (prediction.length === 0 || gold.length === 0) return 0
  const counts = new Map<string, number>()
  for (const token of gold) counts.set(token, (counts.get(token) ?? 0) + 1)
  let same = 0
  for (const token of prediction) {
    const left = counts.get(token)
    if (left !== undefined && left > 0) {
      same++
      counts.set(token, left - 1)
    }
  }
  if (same === 0) return 0
  const precision = same / prediction.length
  const recall = same / gold.length
  return (2 * precision * recall) / (precision + recall)
}

/**
 * SQuAD v1.1's exact match after normalisation (lowercase, no punctuation, no articles, single
 * spaces), maximum over the gold answers: 1 or 0.
 *
 * @param prediction the model's answer
 * @param answers one gold answer or several
 * @example
 * squadExactMatch('the Eiffel Tower.', 'Eiffel tower')        // => 1
 * squadExactMatch('Paris', ['Lyon', 'paris, France', 'Paris']) // => 1
 */
export function squadExactMatch(prediction: string, answers: GoldAnswers): number {
  const normalized = squadTokens(prediction).join(' ')
  for (const answer of goldList(answers)) if (squadTokens(answer).join(' ') === normalized) return 1
  return 0
}

/**
 * SQuAD v1.1's token F1 (bag of normalised tokens, counts clipped), maximum over the gold
 * answers. An empty normalised prediction or answer scores 0 (v1.1's rule; v2.0 differs).
 *
 * @param prediction the model's answer
 * @param answers one gold answer or several
 * @example
 * squadF1('the big red barn', 'a red barn') // => 0.8 (precision 2/3, recall 1)
 */
export function squadF1(prediction: string, answers: GoldAnswers): number {
  const tokens = squadTokens(prediction)
  let best = 0
  for (const answer of goldList(answers)) best = Math.max(best, f1Against(tokens, squadTokens(answer)))
  return best
}

/**
 * {@link squadExactMatch} and {@link squadF1} for every row.
 *
 * @param predictions one answer per row
 * @param answers per row one gold answer or a list of them
 * @example
 * squadScores(['Paris', 'red barn'], ['paris', ['the red barn', 'barn']]) // => { exactMatch: [1, 1], f1: [1, 1] }
 */
export function squadScores(predictions: readonly string[], answers: readonly GoldAnswers[]): { exactMatch: Float64Array; f1: Float64Array } {
  if (predictions.length !== answers.length) {
    throw new RangeError(`SQuAD scores: ${predictions.length} predictions but ${answers.length} rows of gold answers`)
  }
  const exactMatch = new Float64Array(predictions.length)
  const f1 = new Float64Array(predictions.length)
  for (let i = 0; i < predictions.length; i++) {
    const tokens = squadTokens(predictions[i])
    const normalized = tokens.join(' ')
    let list: readonly string[]
    try {
      list = goldList(answers[i])
    } catch (error) {
      throw new RangeError(`row ${i + 1}: ${(error as Error).message}`)
    }
    let em = 0
    let best = 0
    for (const answer of list) {
      const gold = squadTokens(answer)
      if (gold.join(' ') === normalized) em = 1
      best = Math.max(best, f1Against(tokens, gold))
    }
    exactMatch[i] = em
    f1[i] = best
  }
  return { exactMatch, f1 }
}
