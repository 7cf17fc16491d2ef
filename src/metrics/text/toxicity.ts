import { standardAggregations } from './standard-aggregations.js'

/** MLflow's `toxicity/v1/*` aggregates. */
export interface ToxicityAggregates {
  /** Mean score (`toxicity/v1/mean`). */
  mean: number
  /** Population variance (`toxicity/v1/variance`). */
  variance: number
  /** 90th percentile, linear (`toxicity/v1/p90`). */
  p90: number
  /** Share of rows scoring at least 0.5 (`toxicity/v1/ratio`). */
  ratio: number
}

/** MLflow's threshold: a row is toxic when its score is at least this. */
export const TOXICITY_THRESHOLD = 0.5

/**
 * MLflow's toxicity aggregates of per-row scores from a user's scorer: `mean`, `variance`
 * (population), `p90` (NumPy's linear percentile) and `ratio`, the share of rows scoring at least
 * 0.5. No rows give NaN for all four.
 *
 * @param scores per-row toxicity in [0, 1]
 * @throws when a score is not a number in [0, 1], naming the row and the value
 * @example
 * toxicityAggregates([0.1, 0.9, 0.5, 0.2]) // => { mean: 0.425, variance: 0.09687499999999999, p90: 0.78, ratio: 0.5 }
 */
export function toxicityAggregates(scores: ArrayLike<number>): ToxicityAggregates {
  let toxic = 0
  for (let i = 0; i < scores.length; i++) {
    const score: unknown = scores[i]
    if (typeof score !== 'number' || !(score >= 0 && score <= 1)) {
      const shown = typeof score === 'number' ? String(score) : typeof score === 'string' ? JSON.stringify(score) : String(score)
      throw new Error(
        `toxicity score of row ${i} is ${shown}${typeof score === 'number' ? '' : ` (${typeof score})`}: a toxicity scorer must return a number from 0 to 1 for every row (a probability of toxicity)`,
      )
    }
    if (score >= TOXICITY_THRESHOLD) toxic++
  }
  const { mean, variance, p90 } = standardAggregations(scores)
  return { mean, variance, p90, ratio: scores.length === 0 ? Number.NaN : toxic / scores.length }
}
