import type { EvalRun } from './types.js'

/**
 * The rows of a run's evaluation set its model failed on, and the set's rows: a served model's
 * `error_count`; 0 for a run without one (a function or a predictions column fails no row).
 * @example failedRowsOf(run) // { failed: 667, rows: 2000 }
 */
export function failedRowsOf(run: Pick<EvalRun, 'metrics' | 'dataset'>): { failed: number; rows: number } {
  return { failed: run.metrics.error_count ?? 0, rows: run.dataset.rowCount }
}
