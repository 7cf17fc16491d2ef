/**
 * The `eval_results_table` artifact of the text, question-answering, summarization and
 * retriever types, as MLflow logs it: per row the input columns, the model's `outputs`, the
 * `targets` and one `<metric>/score` column per metric (plus `row`, the row's number in the
 * data). The first `maxRows` rows in data order are kept, with a note when there are more; the
 * whole table is in the run table (`runTableOf(run)`).
 */
import type { Artifact } from '../../run/types.js'
import type { ArtifactRequest } from '../model-type.js'
import { scoreColumnName, type RowScoreMetric } from './row-score-metric.js'
import type { RowScorePart } from './row-score-type.js'

function uniqueName(base: string, taken: Set<string>): string {
  let name = base
  while (taken.has(name)) name = `_${name}`
  taken.add(name)
  return name
}

/**
 * The table of the first `request.maxRows` rows.
 *
 * @example
 * evalResultsTableArtifact(part, metrics, { dataset, inputColumns: ['question'], rowNumber: (i) => i + 1, maxRows: 1000 })
 * // => { name: 'eval_results_table', fileName: 'eval_results_table.csv', content: { type: 'rows', columns: ['row', 'question', 'outputs', 'targets', 'exact_match/v1/score'], rows: [...] } }
 */
export function evalResultsTableArtifact(part: RowScorePart, metrics: readonly RowScoreMetric[], request: ArtifactRequest): Artifact {
  const { dataset, inputColumns, maxRows } = request
  const taken = new Set(inputColumns)
  const rowColumn = uniqueName('row', taken)
  const outputsColumn = uniqueName('outputs', taken)
  const outputs = part.columns.outputs as readonly string[]
  const targets = part.columns.targets as readonly string[] | undefined
  const targetsColumn = targets !== undefined ? uniqueName('targets', taken) : undefined
  const scoreColumns = metrics.map((m) => uniqueName(scoreColumnName(m), taken))
  const columns = [rowColumn, ...inputColumns, outputsColumn, ...(targetsColumn !== undefined ? [targetsColumn] : []), ...scoreColumns]
  const n = outputs.length
  const shown = Math.min(n, Math.max(0, maxRows))
  const rows: Array<Record<string, unknown>> = []
  for (let i = 0; i < shown; i++) {
    const record: Record<string, unknown> = { [rowColumn]: request.rowNumber(i) }
    for (const column of inputColumns) record[column] = dataset.value(column, i) ?? null
    record[outputsColumn] = outputs[i]
    if (targetsColumn !== undefined && targets !== undefined) record[targetsColumn] = targets[i]
    metrics.forEach((metric, m) => {
      const score = metric.scores[i]
      record[scoreColumns[m]] = Number.isNaN(score) ? null : score
    })
    rows.push(record)
  }
  const notes = [shown < n ? `the first ${shown} of ${n} rows (in data order); raise maxArtifactRows to keep more` : `all ${n} rows`]
  return { name: 'eval_results_table', fileName: 'eval_results_table.csv', builtin: true, content: { type: 'rows', columns, rows }, notes }
}
