/**
 * The `retriever` model type (MLflow's default evaluator of the same name): per row the
 * retrieved document ids (the model's outputs, or a predictions column) against the relevant
 * ones (the targets), `precision_at_k`, `recall_at_k`, `ndcg_at_k` with `/mean`, `/variance`,
 * `/p90` (no version in the name), k from the `k` option (default 3). Lists come as arrays
 * (model outputs, JSON Lines, records) or as CSV cells holding a JSON array (`src/data`'s
 * `listCell`, which names the column and the row of a cell that is not a list).
 */
import { ConfigError } from '../../errors.js'
import { listCell } from '../../data/index.js'
import type { ModelType } from '../model-type.js'
import { rowScoreType, type RowScorePart } from '../text/row-score-type.js'
import { DEFAULT_RETRIEVER_K, retrieverRowScores } from './retriever-row-scores.js'

const RETRIEVER = /^(precision|recall|ndcg)_at_[1-9]\d*\/(mean|p90)$/

/** The `retriever` model type. */
export const retrieverModelType: ModelType<RowScorePart> = rowScoreType({
  name: 'retriever',
  aliases: [],
  optionNames: ['k'],
  metricNames: ['precision', 'recall', 'ndcg'].flatMap((n) => [`${n}_at_${DEFAULT_RETRIEVER_K}/mean`, `${n}_at_${DEFAULT_RETRIEVER_K}/variance`, `${n}_at_${DEFAULT_RETRIEVER_K}/p90`]),
  direction: (metric) => (RETRIEVER.test(metric) ? true : undefined),
  needsTargets: true,
  resolveOptions: (request) => {
    const k = request.options.k ?? DEFAULT_RETRIEVER_K
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
      throw new ConfigError('INVALID_OPTION', `k must be a positive integer for modelType 'retriever' (MLflow's default is 3), got ${JSON.stringify(k)}`)
    }
    return { settings: { k } }
  },
  score: (request) => {
    const retrieved = request.outputs.map((cell, row) => listCell(cell, { column: request.outputsColumn, row: request.rowNumber(row) - 1 }))
    const relevant = (request.targets ?? []).map((cell, row) => listCell(cell, { column: request.targetColumn, row: request.rowNumber(row) - 1 }))
    return Promise.resolve({ metrics: retrieverRowScores(retrieved, relevant, request.settings.k as number), notes: [], parsedOutputs: retrieved, parsedTargets: relevant })
  },
})
