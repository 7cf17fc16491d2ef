/** Retriever metric kernels: MLflow's `precision_at_k`, `recall_at_k`, `ndcg_at_k` per row. */
export { checkDocIdRow, checkK, type DocId, type DocIdColumn } from './doc-ids.js'
export { precisionAtK, precisionAtKScores } from './precision-at-k.js'
export { recallAtK, recallAtKScores } from './recall-at-k.js'
export { ndcgAtK, ndcgAtKScores } from './ndcg-at-k.js'
