import type { EvalRun } from '../run/types.js'
import { failedRowsOf } from '../run/failed-rows.js'

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
