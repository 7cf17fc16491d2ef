/**
 * The `retriever` model type (MLflow's default evaluator of the same name): per row the
 * retrieved document ids (the model's outputs, or a predictions column) against the relevant
 * ones (the targets), `precision_at_k`, `recall_at_k`, `ndcg_at_k` with `/mean`, `/variance`,
 * `/p90` (no version in the name), k from the `k` option (default 3). Lists come as arrays
 * (model outputs, JSON Lines, records) or as CSV cells holding a JSON array (`src/data`'s
 * `listCell`, which names the column and the row of a cell that is not a list). An id that is
 * neither a string nor an integer (`true`, `null`, `1.5`, an object) is an error naming the
 * column, the row and the id: MLflow takes only those two kinds, and a boolean is not read as an
 * id, since `true` and `"true"` would be different documents.
 */
import { ConfigError, DatasetError, PredictionError } from '../../errors.js'
import { listCell } from '../../data/index.js'
import type { ModelType } from '../model-type.js'
import { rowScoreType, type RowScorePart } from '../text/row-score-type.js'
import { DEFAULT_RETRIEVER_K, retrieverRowScores } from './retriever-row-scores.js'

function shownId(id: unknown): string {
  if (id === undefined) return 'undefined'
  if (typeof id === 'number') return `the number ${String(id)}`
  if (typeof id === 'boolean') return `the boolean ${String(id)}`
  if (id === null) return 'null'
  return Array.isArray(id) ? 'a list' : 'an object'
}

/**
 * A row's document ids: a list (`listCell`) of strings or integers. Anything else in it is a
 * DatasetError (a column) or PredictionError (the model's outputs) naming the column, the row,
 * the position and the value.
 */
function docIds(cell: unknown, place: { column: string; row: number; fromModel: boolean }): readonly unknown[] {
  const ids = listCell(cell, place)
  ids.forEach((id, i) => {
    if (typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id))) return
    const where = place.fromModel ? place.column : `column "${place.column}"`
    // "item n", not "document id n", which read as the id n (adversarial pass 67); an object (a
    // vector store's { id, score } hit) gets the map that takes its id
    const objectFix = id !== null && typeof id === 'object' && !Array.isArray(id) && 'id' in id ? ' (a list of { id, score } hits: .map((hit) => hit.id))' : ''
    const message = `${where}, row ${place.row + 1}: item ${i + 1} of the list is ${shownId(id)}; ids must be strings or integers (as MLflow requires; 1 and "1" are different documents): write it as a string such as "${typeof id === 'object' ? 'doc1' : String(id)}"${objectFix}, or leave it out`
    throw place.fromModel ? new PredictionError('RETRIEVER_DOC_ID', message) : new DatasetError('RETRIEVER_DOC_ID', message)
  })
  return ids
}

/** A stored id list (its JSON) read back as the list, for custom metrics. */
function idList(text: string): unknown {
  return JSON.parse(text) as unknown
}

const RETRIEVER = /^(precision|recall|ndcg)_at_[1-9]\d*\/(mean|p90)$/

/** The `retriever` model type. */
export const retrieverModelType: ModelType<RowScorePart> = rowScoreType({
  name: 'retriever',
  aliases: [],
  optionNames: ['k'],
  metricNames: ['precision', 'recall', 'ndcg'].flatMap((n) => [`${n}_at_${DEFAULT_RETRIEVER_K}/mean`, `${n}_at_${DEFAULT_RETRIEVER_K}/variance`, `${n}_at_${DEFAULT_RETRIEVER_K}/p90`]),
  direction: (metric) => (RETRIEVER.test(metric) ? true : undefined),
  needsTargets: true,
  targetsColumn: { holds: 'the relevant document ids (a list per row)', example: 'relevant' },
  servedAnswers: 'id-list',
  resolveOptions: (request) => {
    const k = request.options.k ?? DEFAULT_RETRIEVER_K
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
      throw new ConfigError('INVALID_OPTION', `k must be a positive integer for modelType 'retriever' (MLflow's default is 3), got ${JSON.stringify(k)}`)
    }
    return { settings: { k } }
  },
  score: (request) => {
    const retrieved = request.outputs.map((cell, row) => docIds(cell, { column: request.outputsColumn, row: request.rowNumber(row) - 1, fromModel: request.outputsFromModel }))
    const relevant = (request.targets ?? []).map((cell, row) => docIds(cell, { column: request.targetColumn, row: request.rowNumber(row) - 1, fromModel: false }))
    const notes = idTypeNote(retrieved, relevant, request.outputsColumn, request.targetColumn)
    return Promise.resolve({ metrics: retrieverRowScores(retrieved, relevant, request.settings.k as number), notes, parsedOutputs: retrieved, parsedTargets: relevant })
  },
  // The run table keeps each id list as its JSON (parsedOutputs, parsedTargets): a custom metric
  // gets the lists back, ids with their type (`t.predictions[i][0]`, `t.targets[i].includes(id)`).
  tableCell: { outputs: idList, targets: idList },
})

/**
 * The note of a run where no retrieved id equals a relevant one while, compared as text, some
 * would: ids keep their type (`1` and `"1"` are different documents, as in MLflow), so numbers in
 * the data against a vector store's string ids scored 0 on every row, with no word (adversarial
 * pass 67). Empty when any id matches, or none would as text.
 * @example idTypeNote([['1']], [[1]], 'the model's outputs', 'rel') // ['no retrieved id equals a relevant id, but 1 of 1 rows would match ...']
 */
function idTypeNote(retrieved: readonly (readonly unknown[])[], relevant: readonly (readonly unknown[])[], outputsColumn: string, targetColumn: string): string[] {
  let asText = 0
  const kinds = (ids: readonly (readonly unknown[])[]): string => [...new Set(ids.flat().map((id) => (typeof id === 'string' ? 'strings' : 'numbers')))].sort().join(' and ') || 'none'
  for (let row = 0; row < retrieved.length; row++) {
    const wanted = new Set(relevant[row] ?? [])
    if (retrieved[row].some((id) => wanted.has(id))) return []
    const wantedText = new Set([...wanted].map(String))
    if (retrieved[row].some((id) => wantedText.has(String(id)))) asText++
  }
  if (asText === 0) return []
  return [
    `no retrieved id equals a relevant id, but ${asText} of ${retrieved.length} rows would match with the ids compared as text: the relevant ids (${targetColumn}) are ${kinds(relevant)}, the retrieved ids (${outputsColumn}) ${kinds(retrieved)}, and ids keep their type (1 and "1" are different documents, as in MLflow); give both as strings (String(id)) or both as integers`,
  ]
}
