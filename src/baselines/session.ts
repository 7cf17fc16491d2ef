/**
 * The baselines of one test file during one run, collected in memory and written once when
 * the file's tests are done, so concurrent tests in one file produce one consistent file.
 * Update modes follow Vitest's `snapshotUpdateState`: `new` writes missing entries, `all`
 * rewrites every checked entry and drops obsolete ones, `none` (CI) never writes, fails on a
 * missing entry and on obsolete entries.
 */
import { BaselineError } from '../errors.js'
import type { EvalRun } from '../run/types.js'
import { createBaselineEntry } from './entry.js'
import { stableStringify } from './stable-json.js'
import { BaselineStore } from './store.js'
import { BASELINE_FILE_VERSION, type BaselineEntry, type BaselineFile, type BaselineOptions, type BaselineUpdateState } from './types.js'
import { compareWithBaseline, type BaselineVerdict } from './verdict.js'

/** The outcome of one `toMatchBaseline` check. */
export interface BaselineCheck {
  pass: boolean
  status: 'written' | 'updated' | 'passed' | 'failed' | 'missing' | 'data-changed'
  verdict?: BaselineVerdict
  /** Why it failed (missing entry in CI), when there is no verdict table to show. */
  reason?: string
}

/** A test of the file as the session sees it at the end: did it run to completion? */
export interface FinishedTest {
  /** Full test name (suite names and test name joined with ` > `). */
  name: string
  /** True when it ran and passed; entries of skipped or failed tests are never obsolete. */
  completed: boolean
}

export interface FinishResult {
  obsolete: string[]
  written: boolean
  removed: string[]
}

/** Whether `key` belongs to the test called `testName` (the key itself or `testName > run`). */
export function keyBelongsToTest(key: string, testName: string): boolean {
  return key === testName || key.startsWith(`${testName} > `)
}

/** The baseline file of one test file during one run (see the module comment). */
export class BaselineFileSession {
  private loaded = false
  private original: BaselineFile | undefined
  private loadError: BaselineError | undefined
  private readonly pending = new Map<string, BaselineEntry>()
  private readonly checked = new Set<string>()
  /** Set when a check has reported the load error, so the end-of-file hook does not repeat it. */
  loadErrorReported = false

  constructor(
    /** Absolute path of the baseline file. */
    readonly path: string,
    /** Path shown in messages (relative to the project root). */
    readonly displayPath: string,
    readonly updateState: BaselineUpdateState,
    private readonly store: BaselineStore = new BaselineStore(),
  ) {}

  /** The stored file (undefined when absent); throws the `BaselineError` of a corrupt file. */
  load(): BaselineFile | undefined {
    if (!this.loaded) {
      this.loaded = true
      try {
        this.original = this.store.read(this.path)
      } catch (error) {
        if (!(error instanceof BaselineError)) throw error
        this.loadError = new BaselineError(error.code, error.message.replace(this.path, this.displayPath), { cause: error })
      }
    }
    if (this.loadError) throw this.loadError
    return this.original
  }

  /** The stored entry for `key`, if any. */
  entry(key: string): BaselineEntry | undefined {
    return this.load()?.entries[key]
  }

  /**
   * Checks `run` against the entry `key` and records what to write at the end.
   * @example session.check('sentiment model', run, {}).pass
   */
  check(key: string, run: EvalRun, options: BaselineOptions): BaselineCheck {
    const existing = this.entry(key)
    this.checked.add(key)
    const entry = createBaselineEntry(run, options)
    if (!existing) {
      if (this.updateState === 'none') {
        return {
          pass: false,
          status: 'missing',
          reason: `no baseline entry "${key}" in ${this.displayPath}, and baselines are never written when CI is set: run vitest locally (without CI) to write it, then commit the file`,
        }
      }
      this.pending.set(key, entry)
      return { pass: true, status: 'written' }
    }
    const verdict = compareWithBaseline(existing, run, options)
    if (this.updateState === 'all') {
      this.pending.set(key, entry)
      return { pass: true, status: 'updated', verdict }
    }
    return { pass: verdict.status === 'passed', status: verdict.status, verdict }
  }

  /**
   * Ends the file: finds obsolete entries (stored, not checked, not belonging to a skipped or
   * failed test), and writes the file once when something changed and the mode allows it.
   */
  finish(tests: readonly FinishedTest[]): FinishResult {
    const original = this.load()
    const entries: Record<string, BaselineEntry> = { ...(original?.entries ?? {}) }
    const obsolete = Object.keys(entries).filter(
      (key) => !this.checked.has(key) && !tests.some((test) => !test.completed && keyBelongsToTest(key, test.name)),
    )
    const removed: string[] = []
    if (this.updateState === 'none') return { obsolete, written: false, removed }
    for (const [key, entry] of this.pending) entries[key] = entry
    if (this.updateState === 'all') {
      for (const key of obsolete) {
        delete entries[key]
        removed.push(key)
      }
    }
    const next: BaselineFile = { evalgateBaseline: BASELINE_FILE_VERSION, entries }
    const before = original ? stableStringify(original) : undefined
    const after = Object.keys(entries).length === 0 ? undefined : stableStringify(next)
    if (before === after) return { obsolete: this.updateState === 'all' ? [] : obsolete, written: false, removed }
    this.store.write(this.path, next)
    return { obsolete: this.updateState === 'all' ? [] : obsolete, written: true, removed }
  }
}
