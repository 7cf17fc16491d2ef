import { formatMetric } from '../run/format-metric.js'
import type { EvalRun } from '../run/types.js'
import { escapeHtml as e } from './html-escape.js'
import { slicesWorstFirst } from './slice-ranking.js'
import { rankingScore, textRunTable, type ScoreColumn, type TextRunTable } from './text-run-table.js'

/** Text cells longer than this many code points are cut (the CSV has them whole). */
const MAX_CELL_CHARS = 320
/** Text cells up to this many code points are kept on one line. */
const SHORT_CELL_CHARS = 14

/**
 * The HTML sections of a question-answering, summarization, text or retriever run: the worst
 * rows with their text (ranked by exact match, rougeL or NDCG, whichever the run has) and the
 * per-slice means of every per-row score. Empty for other runs. Every string from the data is
 * escaped; long texts are cut with an ellipsis.
 */
export function textRunSectionsHtml(run: EvalRun, maxRows: number): string {
  const table = textRunTable(run)
  if (table === undefined) return ''
  const parts: string[] = []
  const ranking = rankingScore(table)
  if (ranking !== undefined) parts.push(`<h3>Worst rows by ${e(ranking.column)}</h3>`, worstRowsTable(table, ranking, maxRows))
  const slices = sliceMeansTable(run, table)
  if (slices !== '') parts.push('<h3>Slices: mean per row (worst first)</h3>', slices)
  return parts.join('\n')
}

/** Indices of the rows, worst first by `score` (ties: lower on the other directed scores, then row order). */
export function worstRowOrder(table: TextRunTable, score: ScoreColumn): number[] {
  const others = table.scores.filter((s) => s !== score && s.greaterIsBetter !== undefined)
  const key = (row: Record<string, unknown>, s: ScoreColumn): number => {
    const v = row[s.column]
    if (typeof v !== 'number' || !Number.isFinite(v)) return Infinity
    return s.greaterIsBetter ? v : -v
  }
  const order = table.rows.map((_, i) => i)
  order.sort((a, b) => {
    const ra = table.rows[a]
    const rb = table.rows[b]
    const main = key(ra, score) - key(rb, score)
    if (main !== 0 && !Number.isNaN(main)) return main
    for (const s of others) {
      const d = key(ra, s) - key(rb, s)
      if (d !== 0 && !Number.isNaN(d)) return d
    }
    return a - b
  })
  return order
}

function worstRowsTable(table: TextRunTable, ranking: ScoreColumn, maxRows: number): string {
  const shownScores = [ranking, ...table.scores.filter((s) => s !== ranking && s.greaterIsBetter !== undefined)].slice(0, 4)
  // Rows at the best score seen (exact match 1, NDCG 1) are not "worst": they are left out,
  // unless every row scores the same (a uniformly broken model): then the rows are all there is to see.
  const best = ranking.greaterIsBetter ? Math.max(...ranking.values) : Math.min(...ranking.values)
  const worstFirst = worstRowOrder(table, ranking)
  const below = worstFirst.filter((i) => {
    const v = table.rows[i][ranking.column]
    return typeof v !== 'number' || v !== best
  })
  const allTie = below.length === 0
  const order = (allTie ? worstFirst : below).slice(0, maxRows)
  if (order.length === 0) return '<p class="iv">The table has no rows.</p>'
  // The table's own `row` column (the row's number in the data) when it has one, else the position, from 1.
  const numbered = !table.textColumns.includes('row')
  const head = `<tr>${numbered ? '<th class="num">row</th>' : ''}${table.textColumns.map((c) => `<th>${e(c)}</th>`).join('')}${shownScores.map((s) => `<th class="num">${e(s.column)}</th>`).join('')}</tr>`
  const body = order
    .map((i) => {
      const row = table.rows[i]
      const texts = table.textColumns.map((c) => (c === 'row' ? `<td class="num">${e(String(row[c] ?? ''))}</td>` : textCell(row[c]))).join('')
      const scores = shownScores.map((s) => `<td class="num">${typeof row[s.column] === 'number' ? formatMetric(row[s.column] as number) : ''}</td>`).join('')
      return `<tr>${numbered ? `<td class="num">${i + 1}</td>` : ''}${texts}${scores}</tr>`
    })
    .join('')
  const of = table.missingRows > 0 ? ` among the ${table.rows.length} rows in the table (the run has ${table.rows.length + table.missingRows})` : ''
  const everyRow = `every row is in <code>${e(table.artifact.fileName)}</code>`
  const note = allTie
    ? `Every one of the ${table.rows.length} rows${of} scores ${formatMetric(best)} on ${e(ranking.column)}: they tie, so ${order.length === table.rows.length ? 'all are' : `the first ${order.length} are`} shown; ${everyRow}.`
    : `${order.length === below.length ? 'All' : `The ${order.length} worst of the`} ${below.length} rows scoring ${ranking.greaterIsBetter ? 'below' : 'above'} ${formatMetric(best)}${ranking.greaterIsBetter ? '' : ' (lower is better)'}, of ${table.rows.length}${of}; ${everyRow}.`
  return `<div class="table-wrap"><table class="rows worst-rows"><thead>${head}</thead><tbody>${body}</tbody></table></div><p class="iv">${note}</p>`
}

function textCell(value: unknown): string {
  if (value === null || value === undefined) return '<td></td>'
  if (typeof value === 'number') return `<td class="num">${formatMetric(value)}</td>`
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  const chars = Array.from(text)
  // Short values (ids, categories, a number with its unit) stay on one line; prose wraps.
  if (chars.length <= SHORT_CELL_CHARS && !/\s{2}|\n/.test(text)) return `<td class="text" style="white-space:nowrap">${e(text)}</td>`
  if (chars.length <= MAX_CELL_CHARS) return `<td class="text">${e(text)}</td>`
  return `<td class="text" title="${e(text)}">${e(chars.slice(0, MAX_CELL_CHARS).join(''))}…</td>`
}

function sliceMeansTable(run: EvalRun, table: TextRunTable): string {
  const { slices } = slicesWorstFirst(run)
  if (slices.length === 0) return ''
  const names = new Set(table.scores.map((s) => s.meanMetric))
  // Means of the per-row scores, plus any other `/mean` or single-value metric the slices hold (exact_match/v1).
  const columns = [...new Set(slices.flatMap((s) => Object.keys(s.metrics)))].filter((m) => names.has(m) || m.endsWith('/mean') || m === 'exact_match/v1')
  if (columns.length === 0) return ''
  const head = `<tr><th>Slice</th><th class="num">Examples</th>${columns.map((m) => `<th class="num">${e(m)}</th>`).join('')}</tr>`
  const rows = slices.map((s) => {
    const cells = columns.map((m) => {
      const value = s.metrics[m]
      const interval = s.intervals[m]
      if (typeof value !== 'number') return '<td class="num">—</td>'
      return `<td class="num">${formatMetric(value)}${interval ? `<div class="iv">[${formatMetric(interval.lower)}, ${formatMetric(interval.upper)}]</div>` : ''}</td>`
    })
    const note = Object.keys(s.metrics).length === 0 && s.notes.length > 0 ? `<div class="iv">${e(s.notes[0])}</div>` : ''
    return `<tr><td class="slice-key">${e(s.key)}${note}</td><td class="num">${s.exampleCount}</td>${cells.join('')}</tr>`
  })
  const overall = `<tr class="overall"><td><b>overall</b></td><td class="num">${run.exampleCount}</td>${columns.map((m) => `<td class="num"><b>${typeof run.metrics[m] === 'number' ? formatMetric(run.metrics[m]) : '—'}</b></td>`).join('')}</tr>`
  return `<div class="table-wrap"><table class="slices slice-means"><thead>${head}</thead><tbody>${overall}${rows.join('')}</tbody></table></div>`
}
