import type { EvalRun } from './types.js'

/**
 * The rows of a run's evaluation set its model failed on, and the set's rows: a served model's
 * `error_count`; 0 for a run without one (a function or a predictions column fails no row).
 * @example failedRowsOf(run) // { failed: 667, rows: 2000 }
 */
export function failedRowsOf(run: Pick<EvalRun, 'metrics' | 'dataset'>): { failed: number; rows: number } {
  return { failed: run.metrics.error_count ?? 0, rows: run.dataset.rowCount }
}

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
