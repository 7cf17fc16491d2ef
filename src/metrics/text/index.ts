/** Text metric kernels: MLflow's aggregates, question answering, ROUGE (pure functions over strings). */
export { standardAggregations, type StandardAggregations } from './standard-aggregations.js'
