/**
 * The baselines of one test file during one run, collected in memory and written once when
 * the file's tests are done, so concurrent tests in one file produce one consistent file.
 * Update modes follow Vitest's `snapshotUpdateState`: `new` writes missing entries, `all`
 * rewrites every checked entry, drops obsolete ones and repairs malformed ones, `none` never
 * writes, fails on a missing entry and on obsolete entries. In CI the mode is always `none`
 * unless the job opts in with `EVALGATE_UPDATE_BASELINES=1` (the Vitest layer decides, see
 * `resolveUpdateMode`); the session says in every failure how to update.
 */
import { BaselineError, EvalgateError } from '../errors.js'
import type { EvalRun } from '../run/types.js'
import type { BaselineMetricVerdict } from '../run/verdicts.js'
import { BaselineEntryKeys, keyBelongsToTest, type BaselineKey, type BaselineKeyRequest } from './entry-keys.js'
import { createBaselineEntry } from './entry.js'
import { stableStringify } from './stable-json.js'
import { BaselineStore, corruptBaselineError, newerBaselineError } from './store.js'
import { baselineFileVersionFor, type BaselineEntry, type BaselineFile, type BaselineOptions, type BaselineUpdateState, type MetricGateOptions } from './types.js'
import { describeBaselineProblem, type BaselineProblem } from './validate-baseline-file.js'
import { compareWithBaseline, type BaselineVerdict } from './verdict.js'

/** The codes of a custom metric that threw or returned no number (`src/evaluate/custom-metrics.ts`). */
const CUSTOM_METRIC_ERRORS: ReadonlySet<string> = new Set(['CUSTOM_METRIC_THREW', 'CUSTOM_METRIC_VALUE'])

export { keyBelongsToTest } from './entry-keys.js'

/** The environment variable with which a CI job (e.g. a bot) lets `-u` write baselines. */
export const UPDATE_BASELINES_IN_CI_VARIABLE = 'EVALGATE_UPDATE_BASELINES'

/** The update mode of a run: what the session does, what Vitest asked for, and why. */
export interface BaselineUpdateMode {
  /** What the session does. */
  state: BaselineUpdateState
  /** Vitest's `snapshotUpdateState` (`all` under `-u`, even in CI). */
  requested: BaselineUpdateState
  /** Whether the run is in CI. */
  ci: boolean
  /** Whether `EVALGATE_UPDATE_BASELINES` lets this CI job write baselines. */
  optedIn: boolean
}

/** The mode of a plain update state, outside CI (`none` counts as CI). */
export function updateModeOf(state: BaselineUpdateState): BaselineUpdateMode {
  return { state, requested: state, ci: state === 'none', optedIn: false }
}

/**
 * A custom metric stored the other way round from its `defineMetric` in the test file (the file
 * edited by hand, or the definition turned round since the entry was written): the stored
 * direction would gate it (every worsening passing as a gain), so it is a malformed entry, which
 * `-u` rewrites. The baseline file alone cannot know a custom metric's direction
 * (`validate-baseline-file.ts` checks the built-in ones); a `greaterIsBetter` in the options
 * decides the direction whatever is stored, so it is not checked then.
 */
function customDirectionProblem(existing: BaselineEntry, run: EvalRun, options: BaselineOptions): { what: string; near: string } | undefined {
  const scopes: Array<[string | undefined, BaselineEntry['metrics']]> = [[undefined, existing.metrics], ...Object.entries(existing.slices).map(([key, slice]): [string, BaselineEntry['metrics']] => [key, slice.metrics])]
  for (const name of run.customMetrics) {
    const defined = run.greaterIsBetter[name]
    if (typeof defined !== 'boolean' || (options.perMetric?.[name]?.greaterIsBetter ?? options.greaterIsBetter) !== undefined) continue
    for (const [slice, metrics] of scopes) {
      const stored = Object.hasOwn(metrics, name) ? metrics[name].greaterIsBetter : undefined
      if (stored === undefined || stored === defined) continue
      const where = slice === undefined ? '' : `slice "${slice}": `
      return {
        near: slice ?? name,
        what: `${where}custom metric "${name}" is stored with greaterIsBetter ${String(stored)}, but its defineMetric says ${String(defined)} (a ${defined ? 'higher' : 'lower'} value is better): the file was edited, or the definition turned round since the entry was written`,
      }
    }
  }
  return undefined
}

/**
 * `entry` with the name of the project that wrote it: the run's project when it has a name, else
 * the name the entry had (the same project run from its own folder, where it has no name).
 */
function withProject(entry: BaselineEntry, project: string | undefined, before?: string, test?: string): BaselineEntry {
  const name = project !== undefined && project !== '' ? project : before
  if (name !== undefined) entry.project = name
  if (test !== undefined) entry.test = test
  return entry
}

/** The outcome of one `toMatchBaseline` check. */
export interface BaselineCheck {
  pass: boolean
  status: 'written' | 'updated' | 'passed' | 'failed' | 'missing' | 'data-changed' | 'definition-changed'
  verdict?: BaselineVerdict
  /** Why it failed (missing entry in CI), when there is no verdict table to show. */
  reason?: string
  /** Notes for the comparison (a malformed entry rewritten, an update ignored in CI). */
  notes: string[]
  /** What the user should see even though the check passed (an entry taken over by another project). */
  warnings?: string[]
}

/**
 * A written or updated entry still has to meet its thresholds: `threshold` is a bound on the
 * current value (as in MLflow), not a change, so it holds on every run, including the one that
 * writes the entry. The run is compared with its own new entry's values under the thresholds alone
 * (every change is 0, so nothing else can fail and no test is run); when one is missed, the check fails
 * with that verdict (status still `written` / `updated`). The entry is written all the same: it
 * records the run's numbers.
 */
function withThresholds(check: BaselineCheck, entry: BaselineEntry, run: EvalRun, options: BaselineOptions): BaselineCheck {
  const onlyThreshold = (gate: MetricGateOptions): MetricGateOptions => ({
    ...(gate.threshold !== undefined ? { threshold: gate.threshold } : {}),
    ...(gate.greaterIsBetter !== undefined ? { greaterIsBetter: gate.greaterIsBetter } : {}),
  })
  const hasThreshold = options.threshold !== undefined || Object.values(options.perMetric ?? {}).some((gate) => gate.threshold !== undefined)
  if (!hasThreshold) return check
  const perMetric = options.perMetric && Object.fromEntries(Object.entries(options.perMetric).map(([metric, gate]) => [metric, onlyThreshold(gate)]))
  // Without the stored outputs: no drop is tested, so decoding what was just encoded would be wasted.
  const { correct: _correct, predictions: _predictions, probabilities: _probabilities, rowScores: _rowScores, outputTexts: _outputTexts, ...values } = entry
  const verdict = compareWithBaseline(values, run, {
    ...onlyThreshold(options),
    ...(options.metrics !== undefined ? { metrics: options.metrics } : {}),
    ...(options.slices !== undefined ? { slices: options.slices } : {}),
    ...(perMetric !== undefined ? { perMetric } : {}),
    significance: false,
  })
  if (verdict.status !== 'failed') return check
  if (check.status !== 'updated' || check.verdict === undefined) return { ...check, pass: false, verdict }
  // Updated: the rows stay those against the old entry (its values, the changes; drops accepted),
  // and the missed thresholds fail (adversarial pass 34: the rows showed 0.6983 -> 0.6983, the drop
  // from 0.8967 gone).
  const keyOf = (row: BaselineMetricVerdict): string => JSON.stringify([row.metric, row.slice ?? null])
  const missed = new Map(verdict.rows.filter((row) => row.verdict === 'fail' && row.missedThreshold === true).map((row) => [keyOf(row), row]))
  const rows: BaselineMetricVerdict[] = check.verdict.rows.map((row) => (missed.has(keyOf(row)) ? { ...row, verdict: 'fail', missedThreshold: true } : row))
  const seen = new Set(rows.map(keyOf))
  for (const [key, row] of missed) if (!seen.has(key)) rows.push(row)
  return { ...check, pass: false, verdict: { ...check.verdict, status: 'failed', rows } }
}

/**
 * The comparison with the entry `vitest -u` replaces, as the reports show it: the entry now holds
 * this run's values, so a drop from the old ones is `accepted`, not a failure (adversarial pass 33:
 * FAIL badges and "baseline regressions" on a passing run). A missed threshold stays a failure:
 * updating does not meet it ({@link withThresholds}).
 */
function acceptedDrops(verdict: BaselineVerdict): BaselineVerdict {
  const rows = verdict.rows.map((row): BaselineMetricVerdict => ((row.verdict === 'fail' || row.verdict === 'noise') && row.missedThreshold !== true ? { ...row, verdict: 'accepted' } : row))
  return { ...verdict, rows, status: rows.some((row) => row.verdict === 'fail' || row.verdict === 'missing') ? verdict.status : 'passed' }
}

/** A test of the file as the session sees it at the end: did it run to completion? */
export interface FinishedTest {
  /** Full test name (suite names and test name joined with ` > `). */
  name: string
  /** True when it ran and passed; entries of skipped or failed tests are never obsolete. */
  completed: boolean
  /** False when it did not run at all (a `-t` or file filter, `.skip`, `.only` elsewhere); absent: unknown. */
  ran?: boolean
}

export interface FinishResult {
  obsolete: string[]
  written: boolean
  removed: string[]
  /**
   * Under `-u`: what was malformed in the file and how it was repaired, one sentence each: each
   * malformed entry is named with why and whether this run rewrote it or it was dropped.
   */
  repaired: string[]
}

/** The baseline file of one test file during one run (see the module comment). */
export class BaselineFileSession {
  private loaded = false
  private original: BaselineFile | undefined
  private originalText: string | undefined
  private loadError: BaselineError | undefined
  /** Under `-u`: problems of the stored file, by entry key ('' for the whole file; the first of a key). */
  private readonly malformed = new Map<string, BaselineProblem>()
  private readonly pending = new Map<string, BaselineEntry>()
  private readonly checked = new Set<string>()
  /** Old plain-name keys read for a counted key: legacy key -> new key. */
  private readonly legacyRead = new Map<string, string>()
  private readonly keys = new BaselineEntryKeys()
  readonly mode: BaselineUpdateMode
  /** Set when a check has reported the load error, so the end-of-file hook does not repeat it. */
  loadErrorReported = false

  constructor(
    /** Absolute path of the baseline file. */
    readonly path: string,
    /** Path shown in messages (relative to the project root). */
    readonly displayPath: string,
    mode: BaselineUpdateMode | BaselineUpdateState,
    private readonly store: BaselineStore = new BaselineStore(),
  ) {
    this.mode = typeof mode === 'string' ? updateModeOf(mode) : mode
  }

  /** What the session does: `new`, `all` or `none`. */
  get updateState(): BaselineUpdateState {
    return this.mode.state
  }

  /**
   * How to accept the current numbers as the baseline, as a sentence for failure messages.
   * @example session.updateAdvice() // 'To accept the current numbers, run `npx vitest run -u` and commit __baselines__/a.test.ts.json.'
   */
  updateAdvice(): string {
    if (this.mode.ci && !this.mode.optedIn) {
      const ignored = this.mode.requested === 'none' ? '' : ' (`-u` was ignored)'
      return `Baselines are never written when CI is set${ignored}: to accept the current numbers, run \`npx vitest run -u\` locally and commit ${this.displayPath}, or let a CI job write them by setting ${UPDATE_BASELINES_IN_CI_VARIABLE}=1 and running \`vitest run -u\`.`
    }
    if (this.mode.state === 'none' && this.mode.optedIn) return `To accept the current numbers, run \`vitest run -u\` (${UPDATE_BASELINES_IN_CI_VARIABLE}=1 is set, so \`-u\` writes in CI) and commit ${this.displayPath}.`
    // `vitest run --update=none` outside CI (adversarial pass 64: the advice named the CI opt-in as set)
    if (this.mode.state === 'none') return `This run writes no baselines (\`--update=none\`): to accept the current numbers, run \`npx vitest run -u\` and commit ${this.displayPath}.`
    return `To accept the current numbers, run \`npx vitest run -u\` and commit ${this.displayPath}.`
  }

  /** The stored file (undefined when absent); throws the `BaselineError` of a corrupt file. */
  load(): BaselineFile | undefined {
    if (!this.loaded) {
      this.loaded = true
      try {
        const read = this.store.readValidated(this.path)
        this.originalText = read?.text
        // A newer evalgate's file is refused even under -u: rewriting it would drop what this version does not know.
        if (read?.validated.newerVersion !== undefined) {
          this.loadError = newerBaselineError(this.displayPath, read.validated.newerVersion)
        } else if (read && read.validated.problems.length > 0 && this.mode.state !== 'all') {
          this.loadError = corruptBaselineError(this.displayPath, read.validated.problems[0])
        } else if (read) {
          this.original = read.validated.file
          for (const problem of read.validated.problems) if (!this.malformed.has(problem.entry ?? '')) this.malformed.set(problem.entry ?? '', problem)
        }
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
   * The key of the next check of a test (see `entry-keys.ts`); throws `ConfigError` when two
   * checks would share an entry. Checks of an earlier attempt of the test are forgotten.
   * @example session.claimKey({ testId: 'a1', testName: 'model', attempt: '0' }).key // 'model 1'
   */
  claimKey(request: BaselineKeyRequest): BaselineKey {
    const { released, ...key } = this.keys.claim(request)
    this.forget(released)
    return key
  }

  /**
   * Forgets the checks of an earlier attempt of the test `testId` when a retry or a repeat
   * starts, as Vitest clears a failed attempt's snapshots: a retried test whose first attempt
   * checked a regressed run and whose later attempts failed before their check kept that run as
   * its entry under `-u` (adversarial pass 64), and a retry that reaches its check claims afresh.
   */
  startAttempt(testId: string): void {
    this.forget(this.keys.release(testId))
  }

  private forget(keys: readonly string[]): void {
    for (const old of keys) {
      this.pending.delete(old)
      this.checked.delete(old)
      for (const [legacy, target] of this.legacyRead) if (target === old) this.legacyRead.delete(legacy)
    }
  }

  /**
   * Forgets what a check of `key` would write (the entry stays checked, so it is not obsolete):
   * a check refused after it (the same run checked again with other options) leaves no entry
   * written from either, so the entry is never the narrower one of two conflicting checks.
   */
  discardPending(key: string): void {
    this.pending.delete(key)
  }

  /**
   * Checks `run` against the entry `key` (or, when absent, the entry an earlier version stored
   * under `legacyKey`) and records what to write at the end.
   * @example session.check('sentiment model 1', run, {}).pass
   */
  check(key: string, run: EvalRun, options: BaselineOptions, legacyKey?: string, project?: string, test?: string): BaselineCheck {
    const notes: string[] = []
    let existing = this.entry(key)
    this.checked.add(key)
    if (!existing && legacyKey !== undefined && legacyKey !== key && !this.checked.has(legacyKey)) {
      existing = this.entry(legacyKey)
      if (existing) {
        this.checked.add(legacyKey)
        this.legacyRead.set(legacyKey, key)
        notes.push(`read the entry stored under its old key "${legacyKey}"; \`vitest -u\` stores it as "${key}"`)
      }
    }
    const malformed = this.malformed.get(key) ?? (legacyKey !== undefined ? this.malformed.get(legacyKey) : undefined) ?? this.malformed.get('')
    if (malformed !== undefined) notes.push(`the stored baseline was malformed ${describeBaselineProblem(malformed)}; it is rewritten`)
    if (!existing) {
      if (this.mode.state === 'none') {
        return {
          pass: false,
          status: 'missing',
          reason: `no baseline entry "${key}" in ${this.displayPath}. ${this.updateAdvice()}`,
          notes,
        }
      }
      const entry = withProject(createBaselineEntry(run, options), project, undefined, test)
      this.pending.set(key, entry)
      return withThresholds({ pass: true, status: 'written', notes }, entry, run, options)
    }
    if (existing.test !== undefined && test !== undefined && existing.test !== test) {
      throw new BaselineError(
        'baseline-other-test',
        `the baseline entry "${key}" in ${this.displayPath} was written by the test "${existing.test}", and the test "${test}" makes the same key (a test inside a describe block and a run named as the rest of that key, e.g. describe('ranker') > test('candidate') and test('ranker') with a run named "candidate 1"): neither compares with nor rewrites the other's entry. Rename the test or the run so that the two keys differ`,
      )
    }
    // A run without a project name is a single project's (Vitest names every project of several).
    if (existing.project !== undefined && project !== undefined && existing.project !== project && this.mode.state !== 'all') {
      throw new BaselineError(
        'baseline-other-project',
        `the baseline entry "${key}" in ${this.displayPath} was written by the Vitest project "${existing.project}", and this test runs in "${project}": where two projects run one test file with one baseline folder, each would be checked against the other's model. Give each project its own baseline folder (in each project's config, plugins: [evalgate({ baselineDir: '__baselines__/<project>' })]). If it is the same project under a new name, set the old name again (test: { name: "${existing.project}" }) or, with the model the entry was written from, run \`npx vitest run -u\` locally (it rewrites every entry it checks)`,
      )
    }
    let verdict: BaselineVerdict | undefined
    // A problem of this entry found only with the run at hand: the corrupt-baseline error naming
    // this file, or under -u a note (the entry is rewritten below).
    const malformedNow = (what: string, cause?: unknown, near?: string): void => {
      const entry = legacyKey !== undefined && this.legacyRead.has(legacyKey) ? legacyKey : key
      const problem = { entry, line: this.lineOf(entry, near), what }
      if (this.mode.state !== 'all') throw corruptBaselineError(this.displayPath, problem, cause === undefined ? undefined : { cause })
      notes.push(`the stored baseline was malformed ${describeBaselineProblem(problem)}; it is rewritten`)
    }
    const turnedRound = customDirectionProblem(existing, run, options)
    if (turnedRound !== undefined) malformedNow(turnedRound.what, undefined, turnedRound.near)
    else {
      try {
        verdict = compareWithBaseline(existing, run, options, { updating: this.mode.state === 'all' })
      } catch (error) {
        // A stored part that fails only when decoded (the verdict's own corrupt-part error, or any
        // other failure) is the one corrupt-baseline error naming this file, repaired by `-u`.
        // Under -u, a custom metric that throws (or returns no number) when it is recomputed on the
        // stored outputs (a format the metric no longer reads) is the old entry's: -u replaces it,
        // so it never stops the user accepting the current run (adversarial pass 43, F2).
        if (this.mode.state === 'all' && error instanceof EvalgateError && CUSTOM_METRIC_ERRORS.has(error.code)) {
          notes.push(`the run was not compared with the stored entry: recomputing a custom metric on the baseline's stored outputs failed (${error.message}); it is rewritten`)
        } else {
          if (error instanceof EvalgateError && error.code !== 'baseline-corrupt') throw error
          malformedNow(`cannot be compared: ${error instanceof Error ? error.message : String(error)}`, error)
        }
      }
    }
    if (this.mode.state === 'all') {
      // Built only when written: its row keys hash every row.
      const entry = withProject(createBaselineEntry(run, options), project, existing.project, test)
      this.pending.set(key, entry)
      // -u from another project takes the entry over: a warning (not also a note: the reports show both), since a run of the old project is refused from now on
      const takenOver =
        existing.project !== undefined && entry.project !== existing.project
          ? [
              `the entry was written by the Vitest project "${existing.project}" and now records "${String(entry.project)}": a run of "${existing.project}" is refused until it is updated; if both projects run this test file, give each its own baseline folder (plugins: [evalgate({ baselineDir: '__baselines__/<project>' })])`,
            ]
          : []
      const shown = verdict && acceptedDrops(verdict)
      return withThresholds({ pass: true, status: 'updated', ...(shown ? { verdict: shown } : {}), notes, ...(takenOver.length > 0 ? { warnings: takenOver } : {}) }, entry, run, options)
    }
    if (this.mode.requested === 'all') notes.push('baselines were not updated: CI is set')
    return { pass: verdict!.status === 'passed', status: verdict!.status, verdict, notes }
  }

  /** The line of the entry `key` in the file read, or of the first `"near":` inside it after that. */
  private lineOf(key: string, near?: string): number {
    const start = this.originalText?.indexOf(`${JSON.stringify(key)}:`) ?? -1
    const inside = start < 0 || near === undefined ? -1 : this.originalText!.indexOf(`${JSON.stringify(near)}:`, start)
    const offset = inside < 0 ? start : inside
    return offset < 0 ? 1 : this.originalText!.slice(0, offset).split('\n').length
  }

  /**
   * What was malformed, each with what became of it: a malformed entry is rewritten when this
   * run checked it and dropped otherwise; a problem of the whole file says how many of the
   * well-formed entries read from it are kept (the others were obsolete).
   */
  private repairs(original: BaselineFile | undefined, entries: Record<string, BaselineEntry>): string[] {
    const kept = Object.keys(original?.entries ?? {}).filter((key) => Object.hasOwn(entries, key)).length
    return [...this.malformed].map(([key, problem]) => {
      if (key !== '') return `${describeBaselineProblem(problem)}; ${Object.hasOwn(entries, key) ? 'rewritten by this run' : 'dropped'}`
      return kept === 0 ? describeBaselineProblem(problem) : `${describeBaselineProblem(problem)}; ${kept} well-formed entr${kept === 1 ? 'y' : 'ies'} kept`
    })
  }

  /**
   * A malformed entry (half of a merge conflict) whose test did not run in this run (`vitest -u
   * -t other`), or failed before checking it (a fixture that throws, a timeout in `evaluate()`),
   * cannot be rewritten, and dropping it would let the next local run write that test's baseline
   * afresh from whatever model it runs (adversarial pass 64: a regression then passed as
   * "baseline written"): the file is left untouched and the error says how to repair it, as the
   * entries of such tests are kept when the file is well formed. Entries of no test are dropped
   * (and named) as before, so `-u` over the whole file repairs it once its tests pass.
   */
  private refuseToDropUnrunEntries(tests: readonly FinishedTest[]): void {
    const ownerOf = (key: string): FinishedTest | undefined => tests.find((test) => !test.completed && keyBelongsToTest(key, test.name))
    const stranded = [...this.malformed.keys()].filter((key) => key !== '' && !this.pending.has(key) && ownerOf(key) !== undefined)
    if (stranded.length === 0) return
    const names = stranded.map((key) => `"${key}"`).join(', ')
    const one = stranded.length === 1
    const failed = stranded.filter((key) => ownerOf(key)!.ran !== false).length
    const why =
      failed === 0
        ? `${one ? 'its test' : 'their tests'} did not run (a -t or file filter, .skip)`
        : failed === stranded.length
          ? `${one ? 'its test' : 'their tests'} failed before checking ${one ? 'it' : 'them'}`
          : 'their tests did not run (a -t or file filter, .skip) or failed before checking them'
    const fix =
      failed === 0
        ? `run -u on the whole file (\`vitest run ${this.displayPath.replace(/__baselines__\/|\.json$/g, '')} -u\`, without -t)`
        : `make ${one ? 'the test' : 'the tests'} pass and run -u again`
    throw new BaselineError(
      'baseline-malformed-unrun',
      `baseline file ${this.displayPath} was left untouched: entr${one ? 'y' : 'ies'} ${names} ${one ? 'is' : 'are'} malformed (${stranded.map((key) => describeBaselineProblem(this.malformed.get(key)!)).join('; ')}) and ${why}, so -u can neither rewrite nor keep ${one ? 'it' : 'them'}; resolve the conflict in the file by hand, or ${fix}`,
    )
  }

  /**
   * Ends the file: finds obsolete entries (stored, not checked, not belonging to a skipped or
   * failed test), and writes the file once when something changed and the mode allows it.
   * Under `-u` a malformed file is rewritten from its valid entries and this run's checks.
   */
  finish(tests: readonly FinishedTest[]): FinishResult {
    const original = this.load()
    const entries: Record<string, BaselineEntry> = { ...(original?.entries ?? {}) }
    const obsolete = Object.keys(entries).filter(
      (key) => !this.checked.has(key) && !tests.some((test) => !test.completed && keyBelongsToTest(key, test.name)),
    )
    const removed: string[] = []
    if (this.mode.state === 'none') return { obsolete, written: false, removed, repaired: [] }
    this.refuseToDropUnrunEntries(tests)
    for (const [key, entry] of this.pending) entries[key] = entry
    for (const [legacy, key] of this.legacyRead) if (this.pending.has(key)) delete entries[legacy]
    if (this.mode.state === 'all') {
      for (const key of obsolete) {
        delete entries[key]
        removed.push(key)
      }
    }
    const next: BaselineFile = { evalgateBaseline: baselineFileVersionFor(entries), entries }
    const after = Object.keys(entries).length === 0 ? undefined : stableStringify(next)
    const result = { obsolete: this.mode.state === 'all' ? [] : obsolete, removed, repaired: this.repairs(original, entries) }
    // A valid file is compared by content (line endings or key order of a hand edit are kept).
    const before = original && this.malformed.size === 0 ? stableStringify(original) : this.originalText
    if (before === after) return { ...result, written: false }
    try {
      this.store.write(this.path, next)
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error
      throw new BaselineError(error.code, error.message.replaceAll(this.path, this.displayPath), { cause: error })
    }
    return { ...result, written: true }
  }
}
