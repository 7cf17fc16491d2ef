/** Text metric kernels: MLflow's aggregates, question answering, ROUGE (pure functions over strings). */
export { standardAggregations, type StandardAggregations } from './standard-aggregations.js'
export { exactMatch, exactMatchScores } from './exact-match.js'
export { normalizeAnswer, squadTokens } from './squad-normalize.js'
export { squadExactMatch, squadF1, squadScores, type GoldAnswers } from './squad-scores.js'
