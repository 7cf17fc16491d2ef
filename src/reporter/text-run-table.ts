import type { Artifact, EvalRun } from '../run/types.js'

/** The model types whose per-row scores live in the `eval_results_table` artifact. */
export const TEXT_MODEL_TYPES: ReadonlySet<string> = new Set(['question-answering', 'text-summarization', 'text', 'retriever'])

/** Name of the artifact holding the per-row table of a text-type run (MLflow's name). */
export const EVAL_RESULTS_TABLE = 'eval_results_table'

/** One per-row score column of the table, with the aggregate it belongs to. */
export interface ScoreColumn {
  /** Column name in the table, e.g. `rouge1/v1/score`, `ndcg_at_3/score`. */
  column: string
  /** The aggregate of the run it is the per-row value of, e.g. `rouge1/v1/mean`, `exact_match/v1`. */
  meanMetric: string
  /** From the run's direction of `meanMetric`; undefined when the metric has none (readability, token count). */
  greaterIsBetter?: boolean
  /** The finite numbers of the column, in row order (blank or non-numeric cells left out). */
  values: number[]
}

/** The per-row table of a text-type run, split into score columns and the other (text) columns. */
export interface TextRunTable {
  artifact: Artifact
  columns: string[]
  rows: ReadonlyArray<Record<string, unknown>>
  scores: ScoreColumn[]
  /** Columns that are not scores: inputs, outputs, targets, retrieved and relevant ids. */
  textColumns: string[]
  /** Rows of the run not in the table (the artifact holds at most `maxArtifactRows`). */
  missingRows: number
}

/**
 * The per-row table of a question-answering, summarization, text or retriever run: the
 * `eval_results_table` artifact (rows), its score columns (`<metric>/score` as MLflow names
 * them, and `token_count`) and its other columns. Undefined for other model types or when the
 * run carries no such table.
 */
export function textRunTable(run: EvalRun): TextRunTable | undefined {
  if (!TEXT_MODEL_TYPES.has(run.modelType)) return undefined
  const artifact = run.artifacts.find((a) => a.name === EVAL_RESULTS_TABLE && a.content.type === 'rows')
  if (artifact === undefined || artifact.content.type !== 'rows') return undefined
  const { columns, rows } = artifact.content
  const scores: ScoreColumn[] = []
  const textColumns: string[] = []
  for (const column of columns) {
    const meanMetric = meanMetricOf(column, run.metrics)
    if (meanMetric === undefined) {
      textColumns.push(column)
      continue
    }
    const values: number[] = []
    for (const row of rows) {
      const value = row[column]
      if (typeof value === 'number' && Number.isFinite(value)) values.push(value)
    }
    scores.push({ column, meanMetric, greaterIsBetter: run.greaterIsBetter[meanMetric], values })
  }
  return { artifact, columns, rows, scores, textColumns, missingRows: Math.max(0, run.exampleCount - rows.length) }
}

/**
 * The aggregate a score column is the per-row value of: `rouge1/v1/score` → `rouge1/v1/mean`,
 * or `exact_match/v1` where the run logs the mean under the bare name (as MLflow does);
 * `token_count` → `token_count/mean`. Undefined for columns that are not scores.
 */
function meanMetricOf(column: string, metrics: Readonly<Record<string, number>>): string | undefined {
  const base = column.endsWith('/score') ? column.slice(0, -'/score'.length) : column === 'token_count' ? column : undefined
  if (base === undefined) return undefined
  return !(`${base}/mean` in metrics) && base in metrics ? base : `${base}/mean`
}

/**
 * The score column rows are ranked by to find the worst: the first with a direction, by the
 * order of preference of the model type (exact match, then F1, for question answering; rougeL
 * for summaries; NDCG for retrievers; for text the empty outputs, then toxicity), else the first
 * column with a direction. A column whose rows all score the same (every output non-empty) tells
 * no row from another: the next one that does is taken, if any.
 */
export function rankingScore(table: TextRunTable): ScoreColumn | undefined {
  const directed = table.scores.filter((s) => s.greaterIsBetter !== undefined && s.values.length > 0)
  const preference = [/^exact_match\//, /f1/, /^rougeL\//, /^rouge1\//, /^ndcg_at_\d+\//, /^recall_at_\d+\//, /^precision_at_\d+\//, /^non_empty_output_rate\//, /^toxicity\//]
  const preferred = [...preference.flatMap((pattern) => directed.filter((s) => pattern.test(s.column)).slice(0, 1)), ...directed]
  return preferred.find((s) => s.values.some((v) => v !== s.values[0])) ?? preferred[0]
}
