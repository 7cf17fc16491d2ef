/**
 * MLflow's `exact_match/v1` for question answering: scikit-learn's `accuracy_score` on the raw
 * strings, i.e. the share of rows whose prediction equals the target character for character
 * (no trimming, no case folding). No rows give NaN.
 *
 * @param predictions one answer per row
 * @param targets one reference answer per row
 * @example
 * exactMatch(['Paris', 'paris', '4'], ['Paris', 'Paris', '4']) // => 0.6666666666666666
 */
export function exactMatch(predictions: readonly string[], targets: readonly string[]): number {
  const scores = exactMatchScores(predictions, targets)
  if (scores.length === 0) return Number.NaN
  let hits = 0
  for (let i = 0; i < scores.length; i++) hits += scores[i]
  return hits / scores.length
}

/**
 * Per-row raw exact match: 1 when the prediction equals the target exactly, else 0.
 *
 * @example
 * exactMatchScores(['a', 'b '], ['a', 'b']) // => Float64Array [1, 0]
 */
export function exactMatchScores(predictions: readonly string[], targets: readonly string[]): Float64Array {
  if (predictions.length !== targets.length) {
    throw new RangeError(`exact_match: ${predictions.length} predictions but ${targets.length} targets; give one target per prediction`)
  }
  const out = new Float64Array(predictions.length)
  for (let i = 0; i < predictions.length; i++) out[i] = predictions[i] === targets[i] ? 1 : 0
  return out
}
