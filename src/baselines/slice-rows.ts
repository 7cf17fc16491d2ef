/**
 * The row indices of a run's slices, read from the run's table (`runTableOf(run)`): slice
 * membership is stored there as row indices per slice key, so a baseline test can recompute a
 * slice's metric for the baseline's stored predictions and the current ones on exactly the
 * slice's rows. A slice computed on demand (not declared) is found by grouping the table's own
 * columns, as `evaluate()` does.
 */
import { sliceGroupsOf } from '../evaluate/run-table-engine.js'
import { runTableOf } from '../run/run-table.js'
import type { EvalRun, SliceResult } from '../run/types.js'

/** Looks up slice rows of one run. */
export class SliceRowIndex {
  private readonly computed = new Map<string, Map<string, Int32Array>>()

  constructor(private readonly run: EvalRun) {}

  /**
   * The ascending row indices of the run's slice `sliceKey` (`slice`: the slice itself where it
   * was computed on demand and is not among the run's), or undefined when the run has no table
   * or the rows found do not number the slice's size.
   * @example new SliceRowIndex(run).rows('category=billing')?.length // 150
   */
  rows(sliceKey: string, slice: SliceResult | undefined = this.run.slices[sliceKey]): Int32Array | undefined {
    const table = runTableOf(this.run)
    if (!slice || !table) return undefined
    let rows: Int32Array | undefined = table.slices[sliceKey]
    if (rows === undefined) {
      if (slice.columns.some((name) => !table.columnNames.includes(name))) return undefined
      const spec = JSON.stringify(slice.columns)
      let groups = this.computed.get(spec)
      if (groups === undefined) {
        groups = new Map(sliceGroupsOf(table, slice.columns).map((group) => [group.key, group.rows]))
        this.computed.set(spec, groups)
      }
      rows = groups.get(sliceKey)
    }
    return rows !== undefined && rows.length === slice.exampleCount ? rows : undefined
  }
}

/**
 * The one target value every row of a regressor's scope shares (`rows` null: every row), or
 * undefined when the targets vary, the run is not a regressor, or it has no table. r2_score is
 * undefined there: scikit-learn reports 1 for exact predictions and 0 otherwise.
 * @example constantTarget(run, new SliceRowIndex(run).rows('store=closed')) // 0
 */
export function constantTarget(run: EvalRun, rows: Int32Array | null | undefined): number | undefined {
  const targets = run.modelType === 'regressor' ? runTableOf(run)?.encoded.columns.targetValues : undefined
  if (!(targets instanceof Float64Array) || rows === undefined) return undefined
  const count = rows === null ? targets.length : rows.length
  if (count < 2) return undefined
  const first = targets[rows === null ? 0 : rows[0]]
  for (let j = 1; j < count; j++) if (targets[rows === null ? j : rows[j]] !== first) return undefined
  return first
}
