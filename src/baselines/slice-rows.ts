/**
 * The row indices of a run's slices, recovered from the run's in-memory columns with the same
 * grouping `evaluate()` used (`groupRows`), so a baseline test can recompute a slice's metric
 * for the baseline's stored predictions and the current ones on exactly the slice's rows.
 */
import type { Column, Dataset, Row } from '../data/index.js'
import { groupRows } from '../evaluate/sliceGroups.js'
import { getRunInternals } from '../run/internals.js'
import type { EvalRun } from '../run/types.js'

/** A read-only `Dataset` over the run's in-memory columns (only what `groupRows` reads is used). */
function datasetOfColumns(columns: Map<string, ArrayLike<unknown>>, rowCount: number): Dataset {
  const column = (name: string): Column => {
    const values = columns.get(name)
    if (values === undefined) throw new Error(`column "${name}" is not kept in memory by this run`)
    return { kind: 'mixed', values: Array.from(values) }
  }
  return {
    rowCount,
    columnNames: [...columns.keys()],
    hasColumn: (name) => columns.has(name),
    column,
    value: (name, row) => columns.get(name)?.[row],
    rows: (start = 0, end = rowCount): Row[] =>
      Array.from({ length: Math.max(0, end - start) }, (_, offset) => Object.fromEntries([...columns].map(([name, values]) => [name, values[start + offset]]))),
  }
}

/** Looks up slice rows of one run, grouping each slice spec once. */
export class SliceRowIndex {
  private readonly bySpec = new Map<string, Map<string, Int32Array>>()

  constructor(private readonly run: EvalRun) {}

  /**
   * The ascending row indices of the run's slice `sliceKey`, or undefined when the run is not in
   * memory, lacks a slice column, or the regrouped slice does not have the slice's size.
   * @example new SliceRowIndex(run).rows('category=billing')?.length // 150
   */
  rows(sliceKey: string): Int32Array | undefined {
    const slice = this.run.slices[sliceKey]
    const internals = getRunInternals(this.run)
    if (!slice || !internals || slice.columns.some((name) => !internals.columns.has(name))) return undefined
    const spec = slice.columns.join('\u0000')
    let groups = this.bySpec.get(spec)
    if (!groups) {
      const dataset = datasetOfColumns(internals.columns, this.run.exampleCount)
      groups = new Map(groupRows(dataset, slice.columns).map((group) => [group.key, group.rows]))
      this.bySpec.set(spec, groups)
    }
    const rows = groups.get(sliceKey)
    return rows && rows.length === slice.exampleCount ? rows : undefined
  }
}
