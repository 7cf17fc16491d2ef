/**
 * Whether two evaluations scored the same examples, from their dataset records: the same row
 * count and fingerprint, or, where both kept each column's own fingerprint (the inputs, the
 * targets and the slice columns), the same targets column and every column they share unchanged. A column added or removed (another model's
 * predictions appended to the file, a prediction column read from another column) leaves the
 * rows as they were, so the two can still be paired row by row; a column whose values differ, or
 * rows reordered, added or removed, is changed data.
 */
import type { DatasetInfo } from './types.js'

/** What a baseline entry or a run keeps of its dataset. */
export interface DatasetRecord {
  fingerprint: string
  rowCount: number
  /** Each covered column's fingerprint (absent in records written before it). */
  columnFingerprints?: Record<string, string>
  targetColumn?: string
}

/** How the examples of `current` differ from those of `stored`. */
export interface DatasetChange {
  /** False when the two scored the same examples (possibly with other columns around them). */
  changed: boolean
  rowCounts?: { stored: number; current: number }
  /** Columns in both whose values differ (a slice column: rows moved between slices), in the current run's order. */
  changedColumns: string[]
  addedColumns: string[]
  removedColumns: string[]
  /** The targets are read from another column. */
  targetColumn?: { stored: string; current: string }
  /** True when the records have no per-column fingerprints, so only the whole fingerprint was compared. */
  wholeOnly: boolean
  /** No column besides the targets is covered by both, so nothing tells the rows apart (the targets can repeat in another order). */
  noSharedColumn?: boolean
}

/**
 * Compares two dataset records (a stored one, the current run's); `currentOutputs` names the
 * current run's output columns (its predictions column).
 * @example datasetChange(entry.dataset, run.dataset).changed // false when only a column was added
 */
export function datasetChange(stored: DatasetRecord, current: DatasetInfo, currentOutputs: readonly string[] = []): DatasetChange {
  const change: DatasetChange = { changed: false, changedColumns: [], addedColumns: [], removedColumns: [], wholeOnly: false }
  if (stored.rowCount !== current.rowCount) {
    change.changed = true
    change.rowCounts = { stored: stored.rowCount, current: current.rowCount }
  }
  const before = stored.columnFingerprints
  const now = current.columnFingerprints
  if (before === undefined || now === undefined) {
    if (stored.fingerprint !== current.fingerprint) {
      change.changed = true
      change.wholeOnly = true
    }
    return change
  }
  for (const name of Object.keys(now)) {
    if (!Object.hasOwn(before, name)) change.addedColumns.push(name)
    else if (before[name] !== now[name]) change.changedColumns.push(name)
  }
  for (const name of Object.keys(before)) if (!Object.hasOwn(now, name)) change.removedColumns.push(name)
  if (stored.targetColumn !== undefined && current.targetColumn !== undefined && stored.targetColumn !== current.targetColumn) {
    change.targetColumn = { stored: stored.targetColumn, current: current.targetColumn }
  }
  // The same examples need a shared column besides the targets to tell rows apart by (a label
  // column alone can repeat in another order), unless the targets are all either side covers.
  const shared = Object.keys(now).filter((name) => Object.hasOwn(before, name) && name !== current.targetColumn)
  const onlyTargets = Object.keys(before).length <= 1 && Object.keys(now).length <= 1
  // A column gone from the fingerprint is no change only where it is now the run's own output
  // (predictions read from another column of one file) or was renamed (an added column holds its
  // values); otherwise an input may have been replaced (new prompts, kept slices and targets).
  const renamed = new Set(change.addedColumns.map((name) => now[name]))
  const unexplained = change.removedColumns.filter((name) => !currentOutputs.includes(name) && !renamed.has(before[name]))
  if (shared.length === 0 && !onlyTargets) change.noSharedColumn = true
  if (change.changedColumns.length > 0 || change.targetColumn !== undefined || unexplained.length > 0 || change.noSharedColumn === true) change.changed = true
  return change
}

/**
 * The columns part of a change, for a message: `column text changed; added: pred3; removed: pred2`
 * (`words` names the two sides otherwise: "only this run's" / "only the other's").
 * @example columnChangeText(change) // 'added: pred3'
 */
export function columnChangeText(change: DatasetChange, words: { added: string; removed: string } = { added: 'added', removed: 'removed' }): string {
  const parts: string[] = []
  const list = (names: string[]): string => names.map((name) => JSON.stringify(name)).join(', ')
  if (change.targetColumn) parts.push(`targets read from ${JSON.stringify(change.targetColumn.current)}, not ${JSON.stringify(change.targetColumn.stored)}`)
  if (change.changedColumns.length > 0) parts.push(`column${change.changedColumns.length === 1 ? '' : 's'} ${list(change.changedColumns)} changed`)
  if (change.addedColumns.length > 0) parts.push(`${words.added}: ${list(change.addedColumns)}`)
  if (change.removedColumns.length > 0) parts.push(`${words.removed}: ${list(change.removedColumns)}`)
  if (change.noSharedColumn === true) parts.push('no column besides the targets in common to tell the rows apart by (add an id or input column to the data)')
  return parts.join('; ')
}

/**
 * The rows and columns parts of a change, for a message: `800 -> 880 rows` when the row count
 * changed (rows added or removed change every shared column's fingerprint: the row count says it,
 * not a list of every column), then the columns that say more (targets read from another column,
 * added, removed; a changed column when not every shared one did); for a same-size change, the
 * columns, with a hint when every shared column changed. `sharedColumns` counts the columns both
 * records cover; `reordered`: the rows are known to be the same, in another order (matched by
 * their keys), which the hint then says. Not for records without per-column fingerprints (`wholeOnly`).
 * @example rowsAndColumnsChangeText(change, 4) // ['800 -> 880 rows']
 */
export function rowsAndColumnsChangeText(change: DatasetChange, sharedColumns: number, reordered = false): string[] {
  const every = change.changedColumns.length > 1 && change.changedColumns.length === sharedColumns
  if (change.rowCounts === undefined) {
    const columns = columnChangeText(change)
    const hint = reordered ? ' (the same rows in another order)' : every ? ' (every shared column: rows reordered, replaced or filtered?)' : ''
    return columns === '' ? [] : [`${columns}${hint}`]
  }
  const columns = columnChangeText(every || change.changedColumns.length === sharedColumns ? { ...change, changedColumns: [] } : change)
  return [`${change.rowCounts.stored.toLocaleString('en-US')} -> ${change.rowCounts.current.toLocaleString('en-US')} rows`, ...(columns === '' ? [] : [columns])]
}

/**
 * The columns a run read its model's outputs from (its predictions column), for
 * {@link datasetChange}.
 * @example outputColumnsOf(run) // ['pred_v2']
 */
export function outputColumnsOf(run: { model: { kind: string; name?: string }; dataset: DatasetInfo }): string[] {
  return run.model.kind === 'predictions' && run.model.name !== undefined ? [run.model.name] : []
}
