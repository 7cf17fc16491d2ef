import type { EvalRun } from '../run/types.js'
import { failedRowsOf } from '../run/failed-rows.js'

/**
 * The rows a run's model failed on, in words, for every place a run is summarised (the terminal
 * row, summary.md, index.html's summary table); undefined when none failed. A served run that
 * lost 300 of its 400 rows (`onError: 'skip'`) read `PASS … accuracy_score=1` everywhere but in
 * index.html's notes (adversarial pass 36).
 * @example failedRowsText(run) // '300 of 400 rows failed'
 */
export function failedRowsText(run: Pick<EvalRun, 'metrics' | 'dataset'>): string | undefined {
  const { failed, rows } = failedRowsOf(run)
  if (!(failed > 0)) return undefined
  return `${failed.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'} failed`
}

/**
 * The failed rows of several runs together, for a headline: how many runs lost rows, and the rows
 * failed of the rows they had; undefined when none did.
 * @example failedRowsHeadline([run]) // '1 run lost rows to model errors (300 of 400 rows failed)'
 */
export function failedRowsHeadline(runs: ReadonlyArray<Pick<EvalRun, 'metrics' | 'dataset'>>): string | undefined {
  const hit = runs.map(failedRowsOf).filter((r) => r.failed > 0)
  if (hit.length === 0) return undefined
  const failed = hit.reduce((sum, r) => sum + r.failed, 0)
  const rows = hit.reduce((sum, r) => sum + r.rows, 0)
  return `${hit.length} run${hit.length === 1 ? '' : 's'} lost rows to model errors (${failed.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows failed)`
}
