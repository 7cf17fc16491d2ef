/**
 * Reads the history of the baseline entries from git: one `git log` pass over the baseline
 * files, then the blobs before and after each change streamed from one `git cat-file` process. A commit
 * is a point of an entry when the entry's stored value differs from the one its parent had.
 */
import { createHash } from 'node:crypto'
import type { BaselineEntry, BaselineFile, StoredMetric } from '../baselines/types.js'
import { DEFAULT_BASELINE_DIR, baselineLayout, listBaselineCommits, listFirstParentCommits, type BaselineCommit } from './baseline-log.js'
import { datasetChange, rowsAndColumnsChangeText } from '../run/dataset-change.js'
import { streamBlobs, type StreamedBlob } from './blob-reader.js'
import { HistoryError } from './history-error.js'
import { openWorkTree } from './git-work-tree.js'
import { HISTORY_FILE_VERSION, type BaselineHistory, type EntryHistory, type HistoryPoint, type HistoryValue, type HistoryWarning } from './types.js'

/** Options of `readBaselineHistory`. */
export interface ReadHistoryOptions {
  /** Any folder inside the work tree (default: the working directory). */
  cwd?: string
  /** git pathspecs of the baseline files, relative to the work tree's top (default: every baseline file of `baselineDir`). */
  pathspecs?: readonly string[]
  /** The plugin's `baselineDir`, a folder beside each test file (default `__baselines__`; `__baselines__/<project>`). */
  baselineDir?: string
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
  const layout = baselineLayout(options.baselineDir)
  const tree = await openWorkTree(options.cwd ?? process.cwd(), { git: options.git, allowShallow: options.allowShallow })
  const generatedAt = (options.now ?? (() => new Date()))().toISOString()
  const empty: BaselineHistory = { evalgateHistory: HISTORY_FILE_VERSION, head: tree.head, generatedAt, commitCount: 0, entries: [], warnings: [], baselineDirs: [layout.folder], ...(tree.shallow ? { shallow: true as const } : {}) }
  if (!tree.head) return empty
  // A history of another layout version was read by other rules (no data-change marks), and one of
  // another baseline folder read other files: read it all again.
  const sameFolder = sameFolders(options.previous, [layout.folder])
  const earlier = options.previous?.evalgateHistory === HISTORY_FILE_VERSION && sameFolder ? options.previous : undefined
  if (earlier && earlier.head === tree.head) return { ...earlier, generatedAt, ...(tree.shallow ? { shallow: true as const } : {}) }
  const firstParent = await listFirstParentCommits(tree.root, options.git)
  // Read on top of an earlier history only when its HEAD is on this HEAD's first-parent chain:
  // which points were on a merged branch is decided along that chain.
  const previous = earlier?.head && firstParent.has(earlier.head) ? earlier : undefined
  const commits = await listBaselineCommits(tree.root, options.pathspecs, options.git, previous ? `${previous.head}..HEAD` : 'HEAD', layout)
  const versions = new BaselineVersions(tree.root, commits, options.git)
  const warnings: HistoryWarning[] = []
  const histories = new Map<string, EntryHistory>()
  for (const entry of previous?.entries ?? []) histories.set(`${entry.baselineFile}\u0000${entry.entry}`, { ...entry, points: [...entry.points], ...(entry.removed ? { removed: { ...entry.removed } } : {}) })
  for (const commit of commits) {
    const onMainLine = firstParent.has(commit.commit)
    for (const change of commit.changes) {
      // Read in the order `BaselineVersions` planned: the version before, then the one after.
      const before = (change.before ? await versions.digests(change.before) : undefined) ?? new Map<string, string>()
      const after = change.after ? await versions.entries(change.after) : {}
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
        else if (before.get(key) === versions.digestOf(change.after!, key)) continue
        addPoint(histories, change.path, key, commit, entry, onMainLine, layout.testFileOf)
      }
      // A removal counts on the first-parent chain only: a side branch's deletion reaches HEAD through its merge.
      if (!onMainLine) continue
      for (const key of before.keys()) {
        const history = histories.get(`${change.path}\u0000${key}`)
        if (history && !history.removed && !(key in after && isEntry(after[key]))) {
          history.removed = { commit: commit.commit, date: commit.date, author: commit.author, message: commit.message }
        }
      }
    }
  }
  await versions.close()
  const entries = [...histories.values()].sort((a, b) => a.baselineFile.localeCompare(b.baselineFile) || a.entry.localeCompare(b.entry))
  return { ...empty, commitCount: (previous?.commitCount ?? 0) + commits.length, entries, warnings: [...(previous?.warnings ?? []), ...warnings] }
}

/**
 * Whether `history` was read from the baseline folders `folders` (in `baselineLayout`'s spelling);
 * one that records none was read from `__baselines__`.
 * @example sameFolders(history, ['__baselines__']) // true
 */
export function sameFolders(history: Pick<BaselineHistory, 'baselineDirs'> | undefined, folders: readonly string[]): boolean {
  const read = history?.baselineDirs ?? [DEFAULT_BASELINE_DIR]
  return read.length === folders.length && read.every((folder, i) => folder === folders[i])
}

/**
 * The history of several baseline folders (two projects, each with its `baselineDir`): each read
 * as {@link readBaselineHistory} reads one, their entries together (each names its baseline
 * file, so its folder), `commitCount` the distinct commits of their points and removals. One
 * folder is read as it is, `previous` reused.
 *
 * @example const history = await readBaselineHistories(['__baselines__/small', '__baselines__/large'], { cwd: 'evals' })
 */
export async function readBaselineHistories(baselineDirs: readonly string[], options: Omit<ReadHistoryOptions, 'baselineDir'> = {}): Promise<BaselineHistory> {
  const folders = [...new Set(baselineDirs.map((dir) => baselineLayout(dir).folder))]
  if (folders.length <= 1) return readBaselineHistory({ ...options, ...(folders.length === 1 ? { baselineDir: folders[0] } : {}) })
  const { previous: _previous, ...fresh } = options
  const histories: BaselineHistory[] = []
  for (const folder of folders) histories.push(await readBaselineHistory({ ...fresh, baselineDir: folder }))
  const entries = histories.flatMap((history) => history.entries).sort((a, b) => a.baselineFile.localeCompare(b.baselineFile) || a.entry.localeCompare(b.entry))
  const commits = new Set(entries.flatMap((entry) => [...entry.points.map((point) => point.commit), ...(entry.removed ? [entry.removed.commit] : [])]))
  return { ...histories[0], commitCount: entries.length > 0 ? commits.size : Math.max(...histories.map((history) => history.commitCount)), entries, warnings: histories.flatMap((history) => history.warnings), baselineDirs: folders }
}

/** Appends the point `commit` left `entry` at, starting the entry's history on its first point. */
function addPoint(histories: Map<string, EntryHistory>, path: string, key: string, commit: BaselineCommit, entry: BaselineEntry, onMainLine: boolean, testFileOf: (path: string) => string): void {
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
    metrics: historyValues(entry.metrics),
    slices: Object.fromEntries(Object.entries(entry.slices ?? {}).map(([slice, value]) => [slice, { exampleCount: value.exampleCount, metrics: historyValues(value.metrics) }])),
    ...(onMainLine ? {} : { sideBranch: true as const }),
  }
  const before = history.points.findLast((p) => !p.sideBranch)
  const change = before ? dataChangeBetween(before, point) : undefined
  if (change) point.dataChange = change
  history.points.push(point)
}

/** Each stored metric's value and interval bounds (`HistoryValue`), what a chart draws. */
function historyValues(metrics: Record<string, StoredMetric> | undefined): Record<string, HistoryValue> {
  const values: Record<string, HistoryValue> = {}
  for (const [name, metric] of Object.entries(metrics ?? {})) {
    if (typeof metric !== 'object' || metric === null) continue
    values[name] = { value: metric.value, ...(metric.lower !== undefined ? { lower: metric.lower } : {}), ...(metric.upper !== undefined ? { upper: metric.upper } : {}) }
  }
  return values
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
  const shared = Object.keys(after.columnFingerprints ?? {}).filter((name) => before.columnFingerprints !== undefined && name in before.columnFingerprints)
  if (!change.wholeOnly) parts.push(...rowsAndColumnsChangeText(change, shared.length))
  else if (change.rowCounts) parts.push(`${change.rowCounts.stored.toLocaleString('en-US')} -> ${change.rowCounts.current.toLocaleString('en-US')} rows`)
  if (parts.length === 0) parts.push(change.wholeOnly ? `fingerprint ${before.datasetFingerprint.slice(0, 12)} -> ${after.datasetFingerprint.slice(0, 12)}` : 'no column left in common')
  return parts.join('; ')
}

/** `src/a.test.ts` for `src/__baselines__/a.test.ts.json` (the default baseline folder; {@link baselineLayout} for another). */
export function testFileOf(baselineFile: string): string {
  return baselineLayout().testFileOf(baselineFile)
}

function isEntry(value: unknown): value is BaselineEntry {
  return typeof value === 'object' && value !== null && typeof (value as BaselineEntry).metrics === 'object' && (value as BaselineEntry).metrics !== null
}

/** The digest of each entry of a version of a baseline file, by entry key. */
type EntryDigests = Map<string, string>

/**
 * The versions of the baseline files that the changes of `commits` name, read in the order
 * they are asked for from one `git cat-file` stream. Of each version only what the history
 * needs is kept: a digest of each entry (to tell a changed entry from an unchanged one) while a
 * later change still reads it as its version before; the entries of a version after a change
 * (whose stored outputs are dropped with it once its points are taken) until the next is read.
 */
class BaselineVersions {
  private readonly blobs: AsyncGenerator<StreamedBlob>
  /** Digests of the versions read, kept while a later change reads them as its version before. */
  private readonly known = new Map<string, EntryDigests | undefined>()
  /** How many later changes read a version as their version before, from `known`. */
  private readonly uses = new Map<string, number>()
  /** The version after read last, with its digests. */
  private last: { oid: string; digests: EntryDigests | undefined } | undefined

  constructor(root: string, commits: readonly BaselineCommit[], git?: string) {
    // The plan: a version before is streamed when no version read earlier has its digests; a
    // version after always is (its entries make the points).
    const order: string[] = []
    const read = new Set<string>()
    for (const commit of commits) for (const change of commit.changes) {
      if (change.before) {
        if (read.has(change.before)) this.uses.set(change.before, (this.uses.get(change.before) ?? 0) + 1)
        else {
          order.push(change.before)
          read.add(change.before)
        }
      }
      if (change.after) {
        order.push(change.after)
        read.add(change.after)
      }
    }
    this.blobs = streamBlobs(root, order, git)
  }

  /** The entry digests of version `oid` read as a change's version before; `undefined`: not a baseline file. */
  async digests(oid: string): Promise<EntryDigests | undefined> {
    if (!this.known.has(oid)) return this.remember(oid, digestsOf(entriesOf(await this.next(oid))))
    const digests = this.known.get(oid)
    const left = (this.uses.get(oid) ?? 0) - 1
    this.uses.set(oid, left)
    if (left <= 0) {
      this.known.delete(oid)
      this.uses.delete(oid)
    }
    return digests
  }

  /** The entries of version `oid` read as a change's version after; `undefined`: not a baseline file. */
  async entries(oid: string): Promise<Record<string, BaselineEntry> | undefined> {
    const entries = entriesOf(await this.next(oid))
    this.last = { oid, digests: this.remember(oid, digestsOf(entries)) }
    return entries
  }

  /** The digest of entry `key` of the version after read last (`oid`). */
  digestOf(oid: string, key: string): string | undefined {
    return this.last?.oid === oid ? this.last.digests?.get(key) : undefined
  }

  /** Ends the stream (all of it is read unless a change failed). */
  async close(): Promise<void> {
    await this.blobs.return(undefined)
  }

  private remember(oid: string, digests: EntryDigests | undefined): EntryDigests | undefined {
    if ((this.uses.get(oid) ?? 0) > 0) this.known.set(oid, digests)
    return digests
  }

  private async next(oid: string): Promise<string | undefined> {
    const blob = await this.blobs.next()
    if (blob.done || blob.value.oid !== oid) {
      throw new HistoryError('git-failed', `git cat-file --batch returned ${blob.done ? 'no object' : blob.value.oid} where ${oid} was asked for; run git fsck in the repository`)
    }
    return blob.value.text
  }
}

/** The entries of a baseline file's text; `undefined` when it is not a baseline file (not JSON with "entries"). */
function entriesOf(text: string | undefined): Record<string, BaselineEntry> | undefined {
  try {
    // A committed file saved with a byte order mark (Windows editors) is a baseline file too.
    const file = JSON.parse((text ?? '').replace(/^\uFEFF/, '')) as BaselineFile
    return file && typeof file.entries === 'object' && file.entries !== null ? file.entries : undefined
  } catch {
    return undefined
  }
}

/** A digest of each entry as stored (stored outputs included): equal digests, equal entries. */
function digestsOf(entries: Record<string, BaselineEntry> | undefined): EntryDigests | undefined {
  if (!entries) return undefined
  return new Map(Object.entries(entries).map(([key, entry]) => [key, createHash('sha256').update(JSON.stringify(entry) ?? '').digest('base64')]))
}
