/**
 * The history of the baseline entries as plain JSON (`history.json`): one point per commit
 * that changed an entry, oldest first.
 */
import type { ModelType } from '../run/types.js'

/**
 * Version of the history JSON layout. 2: points carry `datasetRows`, `columnFingerprints`,
 * `targetColumn` and `dataChange`. 3: a point's metrics hold `value`, `lower` and `upper` only
 * (`HistoryValue`). A kept `history.json` of another version is read again from git, never
 * reused (a layout-1 file lacks the data-change marks, and later reads build on it).
 */
export const HISTORY_FILE_VERSION = 3 as const

/**
 * A metric at a point: its value and, when stored, its interval's bounds. The baseline's
 * `greaterIsBetter`, interval `level` and `method` are left out: the same at nearly every point,
 * read by neither the page nor the report, they were a third of a team's 130 MB `history.json`.
 */
export interface HistoryValue {
  value: number
  lower?: number
  upper?: number
}

/** One entry as one commit left it. */
export interface HistoryPoint {
  /** The commit that changed the entry. */
  commit: string
  /** Author date, ISO 8601 with the author's offset. */
  date: string
  author: string
  /** The first line of the commit message. */
  message: string
  modelType: ModelType
  exampleCount: number
  datasetFingerprint: string
  /** The evaluation data's row count (absent in histories written before it). */
  datasetRows?: number
  /** Each covered column's fingerprint, as the entry stored it (absent for older entries). */
  columnFingerprints?: Record<string, string>
  /** The targets column, as the entry stored it. */
  targetColumn?: string
  /**
   * Set when the entry's evaluation data differ from those of the point before it on the
   * first-parent chain (rows added, removed or reordered, a column's values changed): what
   * changed, e.g. `800 -> 850 rows` or `column "text" changed`. The values on either side of it
   * are not of the same rows.
   */
  dataChange?: string
  /** The tracked metrics, with their intervals' bounds when stored. */
  metrics: Record<string, HistoryValue>
  /** Per slice key (`column=value`): its size and tracked metrics. */
  slices: Record<string, { exampleCount: number; metrics: Record<string, HistoryValue> }>
  /**
   * Set when the commit is on a merged branch, not on `HEAD`'s first-parent chain: the chart
   * shows it as a hollow dot off the line; the merge that brought it in is on the line.
   */
  sideBranch?: true
}

/** The commit that removed an entry (deleted its baseline file, or dropped the entry from it). */
export interface EntryRemoval {
  commit: string
  /** Author date, ISO 8601 with the author's offset. */
  date: string
  author: string
  /** The first line of the commit message. */
  message: string
}

/** The points of one baseline entry (one `toMatchBaseline()` call). */
export interface EntryHistory {
  /** Path of the baseline file from the work tree's top folder. */
  baselineFile: string
  /** The test file it belongs to (the baseline path without `__baselines__/` and `.json`). */
  testFile: string
  /** The entry key: the full test name (plus ` > name`). */
  entry: string
  points: HistoryPoint[]
  /**
   * Set when the entry is not in `HEAD`'s baselines any more: the first-parent commit that
   * removed it (its last point is then the value it had before).
   */
  removed?: EntryRemoval
}

/** A version of a baseline file that could not be read, and was left out. */
export interface HistoryWarning {
  commit: string
  baselineFile: string
  message: string
}

/** The whole history, as written to `history.json`. */
export interface BaselineHistory {
  evalgateHistory: typeof HISTORY_FILE_VERSION
  /** `HEAD` when the history was read. */
  head: string | undefined
  generatedAt: string
  /** Commits that changed at least one baseline file. */
  commitCount: number
  entries: EntryHistory[]
  warnings: HistoryWarning[]
  /** The baseline folders read (the plugins' `baselineDir`s); absent in a history of `__baselines__` written before they were recorded. */
  baselineDirs?: string[]
  /** Read from a shallow clone (`--allow-shallow`): the points start where the clone's history is cut. */
  shallow?: true
}
