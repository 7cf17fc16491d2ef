/**
 * The per-row scores of a text, question-answering, summarization or retriever run as
 * `evalgate compare` reads them back from the run file itself: the built-in `eval_results_table`
 * artifact (`run.json` and `evaluate --json` keep its rows) holds one `<metric>/score` column per
 * metric and each row's number in the data. When it holds every row of the run, a mean of the
 * scores (`rouge1/v1/mean`, `exact_match/v1`) gets the gate's paired test; above
 * `maxArtifactRows` it holds only the first rows, and the run is compared unpaired with a note.
 */
import type { EvalRun } from '../../run/types.js'

/** A run's per-row scores by column (`rouge1/v1/score`), and the data row number of each row. */
export interface RunRowScores {
  rowNumbers: Float64Array
  scores: Record<string, Float64Array>
}

const SCORE_COLUMN = /\/score$/

/**
 * The per-row scores of `run` from its `eval_results_table`, or why there are none (a sentence
 * fragment naming `source`).
 *
 * @example
 * runRowScores(retrieverRun, 'r1.json') // { rowNumbers: Float64Array [1, 2], scores: { 'precision_at_3/score': Float64Array [0.5, 1], ... } }
 */
export function runRowScores(run: EvalRun, source: string): RunRowScores | { reason: string } {
  const table = run.artifacts.find((artifact) => artifact.name === 'eval_results_table' && artifact.builtin)
  if (table === undefined || table.content.type !== 'rows') return { reason: `${source} keeps no eval_results_table with its per-row scores` }
  const { columns, rows } = table.content
  if (rows.length !== run.exampleCount) {
    return { reason: `${source}'s eval_results_table keeps ${rows.length} of its ${run.exampleCount} rows (raise maxArtifactRows to keep every row's scores)` }
  }
  const rowColumn = columns[0]
  const rowNumbers = Float64Array.from(rows, (row) => (typeof row[rowColumn] === 'number' ? (row[rowColumn] as number) : Number.NaN))
  const scores: Record<string, Float64Array> = {}
  for (const column of columns) {
    if (!SCORE_COLUMN.test(column)) continue
    scores[column] = Float64Array.from(rows, (row) => (typeof row[column] === 'number' ? (row[column] as number) : Number.NaN))
  }
  return { rowNumbers, scores }
}
