/**
 * Reads the history of the baseline entries from git: one `git log` pass over the baseline
 * files, then the blobs before and after each change in batched `git cat-file` reads. A commit
 * is a point of an entry when the entry's stored value differs from the one its parent had.
 */
import type { BaselineEntry, BaselineFile } from '../baselines/types.js'
import { listBaselineCommits, listFirstParentCommits, BASELINE_PATHSPEC, type BaselineCommit } from './baseline-log.js'
import { columnChangeText, datasetChange } from '../run/dataset-change.js'
import { readBlobs } from './blob-reader.js'
import { openWorkTree } from './git-work-tree.js'
import { HISTORY_FILE_VERSION, type BaselineHistory, type EntryHistory, type HistoryPoint, type HistoryWarning } from './types.js'

/** Options of `readBaselineHistory`. */
export interface ReadHistoryOptions {
  /** Any folder inside the work tree (default: the working directory). */
  cwd?: string
  /** git pathspecs of the baseline files, relative to the work tree's top (default: every `__baselines__/*.json`). */
  pathspecs?: readonly string[]
  /** Read a shallow clone anyway (the points start where the clone's history is cut). */
  allowShallow?: boolean
  /** The git executable (default `git`). */
  git?: string
  /** Clock for `generatedAt` (tests). */
  now?: () => Date
  /**
   * A history read earlier (same pathspecs): when its `head` is `HEAD` or on `HEAD`'s
   * first-parent chain, only the commits since then are read from git and their points
   * appended to its entries. One of another layout version (`HISTORY_FILE_VERSION`) is ignored.
   */
  previous?: BaselineHistory
}

/**
 * Reads every point of every baseline entry. Rejects with a `HistoryError` when git is
 * missing, the folder is not in a work tree, or the clone is shallow (see `openWorkTree`).
 *
 * @example const history = await readBaselineHistory({ cwd: 'examples' })
 */
export async function readBaselineHistory(options: ReadHistoryOptions = {}): Promise<BaselineHistory> {
  const tree = await openWorkTree(options.cwd ?? process.cwd(), { git: options.git, allowShallow: options.allowShallow })
  const generatedAt = (options.now ?? (() => new Date()))().toISOString()
  const empty: BaselineHistory = { evalgateHistory: HISTORY_FILE_VERSION, head: tree.head, generatedAt, commitCount: 0, entries: [], warnings: [] }
  if (!tree.head) return empty
  // A history of another layout version was read by other rules (no data-change marks): read it all again.
  const earlier = options.previous?.evalgateHistory === HISTORY_FILE_VERSION ? options.previous : undefined
  if (earlier && earlier.head === tree.head) return { ...earlier, generatedAt }
  const firstParent = await listFirstParentCommits(tree.root, options.git)
  // Read on top of an earlier history only when its HEAD is on this HEAD's first-parent chain:
  // which points were on a merged branch is decided along that chain.
  const previous = earlier?.head && firstParent.has(earlier.head) ? earlier : undefined
  const commits = await listBaselineCommits(tree.root, options.pathspecs ?? [BASELINE_PATHSPEC], options.git, previous ? `${previous.head}..HEAD` : 'HEAD')
  const oids: string[] = []
  for (const commit of commits) for (const change of commit.changes) {
    if (change.before) oids.push(change.before)
    if (change.after) oids.push(change.after)
  }
  const blobs = await readBlobs(tree.root, oids, options.git)
  const warnings: HistoryWarning[] = []
  const parsed = new Map<string, Record<string, BaselineEntry> | undefined>()
  /** The entries of a blob; `undefined` when it is not a baseline file (not JSON with "entries"). */
  const entriesOf = (oid: string): Record<string, BaselineEntry> | undefined => {
    if (!parsed.has(oid)) {
      let entries: Record<string, BaselineEntry> | undefined
      try {
        // A committed file saved with a byte order mark (Windows editors) is a baseline file too.
        const file = JSON.parse((blobs.get(oid) ?? '').replace(/^\uFEFF/, '')) as BaselineFile
        if (file && typeof file.entries === 'object' && file.entries !== null) entries = file.entries
      } catch {
        entries = undefined
      }
      parsed.set(oid, entries)
    }
    return parsed.get(oid)
  }

  const histories = new Map<string, EntryHistory>()
  for (const entry of previous?.entries ?? []) histories.set(`${entry.baselineFile}\u0000${entry.entry}`, { ...entry, points: [...entry.points], ...(entry.removed ? { removed: { ...entry.removed } } : {}) })
  for (const commit of commits) {
    const onMainLine = firstParent.has(commit.commit)
    for (const change of commit.changes) {
      const after = change.after ? entriesOf(change.after) : {}
      const before = (change.before ? entriesOf(change.before) : undefined) ?? {}
      if (!after) {
        // An unreadable version is neither a point nor a removal: the entries stay as they were.
        warnings.push({ commit: commit.commit, baselineFile: change.path, message: `${change.path} at ${commit.commit.slice(0, 12)} is not a baseline file (not JSON with "entries"); this version is left out` })
        continue
      }
      for (const [key, entry] of Object.entries(after)) {
        if (!isEntry(entry)) continue
        const history = histories.get(`${change.path}\u0000${key}`)
        // Back on the main line (re-added after a removal) is a point even when the value is the old one.
        if (onMainLine && history?.removed) delete history.removed
        else if (before[key] !== undefined && JSON.stringify(before[key]) === JSON.stringify(entry)) continue
        addPoint(histories, change.path, key, commit, entry, onMainLine)
      }
      // A removal counts on the first-parent chain only: a side branch's deletion reaches HEAD through its merge.
      if (!onMainLine) continue
      for (const key of Object.keys(before)) {
        const history = histories.get(`${change.path}\u0000${key}`)
        if (history && !history.removed && !(key in after && isEntry(after[key]))) {
          history.removed = { commit: commit.commit, date: commit.date, author: commit.author, message: commit.message }
        }
      }
    }
  }
  const entries = [...histories.values()].sort((a, b) => a.baselineFile.localeCompare(b.baselineFile) || a.entry.localeCompare(b.entry))
  return { ...empty, commitCount: (previous?.commitCount ?? 0) + commits.length, entries, warnings: [...(previous?.warnings ?? []), ...warnings] }
}

/** Appends the point `commit` left `entry` at, starting the entry's history on its first point. */
function addPoint(histories: Map<string, EntryHistory>, path: string, key: string, commit: BaselineCommit, entry: BaselineEntry, onMainLine: boolean): void {
  const id = `${path}\u0000${key}`
  let history = histories.get(id)
  if (!history) {
    history = { baselineFile: path, testFile: testFileOf(path), entry: key, points: [] }
    histories.set(id, history)
  }
  const dataset = entry.dataset
  const point: HistoryPoint = {
    commit: commit.commit,
    date: commit.date,
    author: commit.author,
    message: commit.message,
    modelType: entry.modelType,
    exampleCount: entry.exampleCount,
    datasetFingerprint: dataset?.fingerprint ?? '',
    ...(typeof dataset?.rowCount === 'number' ? { datasetRows: dataset.rowCount } : {}),
    ...(dataset?.columnFingerprints ? { columnFingerprints: dataset.columnFingerprints } : {}),
    ...(dataset?.targetColumn !== undefined ? { targetColumn: dataset.targetColumn } : {}),
    metrics: entry.metrics,
    slices: Object.fromEntries(Object.entries(entry.slices ?? {}).map(([slice, value]) => [slice, { exampleCount: value.exampleCount, metrics: value.metrics }])),
    ...(onMainLine ? {} : { sideBranch: true as const }),
  }
  const before = history.points.findLast((p) => !p.sideBranch)
  const change = before ? dataChangeBetween(before, point) : undefined
  if (change) point.dataChange = change
  history.points.push(point)
}

/**
 * What changed in the evaluation data from point `before` to point `after`, as the gate reads
 * it (`datasetChange`: a column only added or renamed is no change), or `undefined`.
 */
function dataChangeBetween(before: HistoryPoint, after: HistoryPoint): string | undefined {
  if (!before.datasetFingerprint || !after.datasetFingerprint) return undefined
  // A point of an entry an older version stored has no row count: compare the fingerprints only.
  const rowCount = after.datasetRows ?? after.exampleCount
  const stored = { fingerprint: before.datasetFingerprint, rowCount: before.datasetRows ?? rowCount, columnFingerprints: before.columnFingerprints, targetColumn: before.targetColumn }
  const current = { fingerprint: after.datasetFingerprint, rowCount, columns: Object.keys(after.columnFingerprints ?? {}), columnFingerprints: after.columnFingerprints, targetColumn: after.targetColumn }
  const change = datasetChange(stored, current)
  if (!change.changed) return undefined
  const parts: string[] = []
  if (change.rowCounts) parts.push(`${change.rowCounts.stored} -> ${change.rowCounts.current} rows`)
  // Rows added or removed change every column's fingerprint: the row count says it, not a list of every column.
  const shared = Object.keys(after.columnFingerprints ?? {}).filter((name) => before.columnFingerprints !== undefined && name in before.columnFingerprints)
  const everyColumn = change.rowCounts !== undefined && shared.length > 0 && change.changedColumns.length === shared.length
  const columns = change.wholeOnly ? '' : columnChangeText(everyColumn ? { ...change, changedColumns: [] } : change)
  if (columns) parts.push(columns)
  if (parts.length === 0) parts.push(change.wholeOnly ? `fingerprint ${before.datasetFingerprint.slice(0, 12)} -> ${after.datasetFingerprint.slice(0, 12)}` : 'no column left in common')
  return parts.join('; ')
}

/** `src/a.test.ts` for `src/__baselines__/a.test.ts.json`. */
export function testFileOf(baselineFile: string): string {
  return baselineFile.replace(/(^|\/)__baselines__\//, '$1').replace(/\.json$/, '')
}

function isEntry(value: unknown): value is BaselineEntry {
  return typeof value === 'object' && value !== null && typeof (value as BaselineEntry).metrics === 'object' && (value as BaselineEntry).metrics !== null
}
