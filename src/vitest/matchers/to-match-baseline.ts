/**
 * `expect(run).toMatchBaseline(options?)`: compares the run with its stored baseline entry,
 * like a snapshot. Each call has its own entry, keyed like Vitest's snapshots (see
 * `baselines/entry-keys.ts`): `<full test name> > <name>` for a named run (`options.name` or
 * `run.name`), else `<full test name> <n>`; the file is written once per test file after its
 * tests (see the setup file), never in CI unless the job opts in.
 */
import { BaselineError, ConfigError } from '../../errors.js'
import { renderBaselineTable } from '../../baselines/diff-table.js'
import type { BaselineOptions } from '../../baselines/types.js'
import type { BaselineKey } from '../../baselines/entry-keys.js'
import type { EvalRun } from '../../run/types.js'
import { toComparison } from '../../baselines/verdict.js'
import { differingCheckOptions } from '../../baselines/check-options-change.js'
import { resolveBaselineOptions } from './baseline-options.js'
import { baselinePathFor, baselineSession, projectRoot, resolveUpdateMode } from '../baseline-files.js'
import { relative } from 'node:path'
import type { BaselineComparison, BaselineMetricVerdict, GateResult } from '../../run/verdicts.js'
import { workerOptions } from '../options.js'
import { baselineWriteNote, recordBaseline, recordBaselineNotWritten, recordGate, recordWarning } from '../task-meta.js'
import { formatMetric } from '../../run/format-metric.js'
import { failedRowsText } from '../../run/failed-rows.js'
import type { File, Suite, Task, Test } from '@vitest/runner'
import { currentTask, receivedRun, type EvalgateMatcherState, type SyncExpectationResult } from './matcher-context.js'
import { lateTestInScope } from '../test-scope.js'
import { showControls } from '../../run/visible-controls.js'
import { isGradeLevel } from '../../run/described-metrics.js'
import { trackedMetricNames } from '../../baselines/entry.js'

/**
 * `6 metrics (25 rows: overall and in 4 slices)`: the distinct metrics of these failed rows, and
 * the rows and scopes where they are more (adversarial pass 52: "25 metrics regressed" counted
 * 6 metrics in 5 scopes).
 */
function metricsAndRows(failed: readonly BaselineMetricVerdict[]): string {
  const names = new Set(failed.map((row) => row.metric)).size
  const metrics = `${names} metric${names === 1 ? '' : 's'}`
  if (failed.length <= names) return metrics
  const slices = new Set(failed.filter((row) => row.slice !== undefined).map((row) => row.slice)).size
  const overall = failed.some((row) => row.slice === undefined)
  const where = `${overall ? 'overall' : ''}${overall && slices > 0 ? ' and ' : ''}${slices > 0 ? `in ${slices} slice${slices === 1 ? '' : 's'}` : ''}`
  return `${metrics} (${failed.length} rows: ${where})`
}

/**
 * What failed, by kind: `2 metrics regressed beyond what is allowed; slice category=B missing from
 * the run`, and how many more failed rows repeat one of those regressions' hypothesis.
 */
function failureSummary(rows: readonly BaselineMetricVerdict[]): { text: string; repeats: number } {
  // A row that shares another row's hypothesis is one regression, not two.
  const failing = rows.filter((row) => row.verdict === 'fail')
  const repeats = failing.filter((row) => row.repeats !== undefined).length
  // A metric without a better direction (token_count) changed; it did not regress.
  const changed = failing.filter((row) => row.repeats === undefined && row.greaterIsBetter === null).length
  const counted = failing.filter((row) => row.repeats === undefined)
  const slices = rows.filter((row) => row.verdict === 'missing' && row.metric === '(slice)').map((row) => row.slice ?? '')
  const metrics = rows.filter((row) => row.verdict === 'missing' && row.metric !== '(slice)').map((row) => (row.slice === undefined ? row.metric : `${row.metric}[${row.slice}]`))
  const parts: string[] = []
  const regressed = counted.filter((row) => row.greaterIsBetter !== null)
  if (regressed.length > 0 || (changed === 0 && slices.length === 0 && metrics.length === 0)) parts.push(`${metricsAndRows(regressed)} regressed beyond what is allowed`)
  if (changed > 0) parts.push(`${metricsAndRows(counted.filter((row) => row.greaterIsBetter === null))} without a better direction changed beyond what is allowed`)
  if (slices.length > 0) parts.push(`slice${slices.length === 1 ? '' : 's'} ${slices.join(', ')} missing from the run`)
  if (metrics.length > 0) parts.push(`metric${metrics.length === 1 ? '' : 's'} ${metrics.join(', ')} missing from the run`)
  return { text: parts.join('; '), repeats }
}

/**
 * Throws a ConfigError when the test file's baseline file is one more than one Vitest project
 * writes (`shared-baseline-files.ts`): their runs would check one entry with two models.
 */
function refuseSharedBaselineFile(testFile: string): void {
  const options = workerOptions()
  const path = baselinePathFor(testFile, projectRoot(), options.baselineDir)
  const shown = relative(projectRoot(), path) || path
  const files = options.sharedBaselineTestFiles?.[path]
  if (files) {
    const named = files.map((file) => JSON.stringify(relative(projectRoot(), file) || file))
    throw new ConfigError(
      'baseline-shared-file',
      `toMatchBaseline: the test files ${named.slice(0, -1).join(', ')} and ${named.at(-1)!} would keep their baselines in one file, ${shown}: an absolute baselineDir mirrors each test file's path under its own project's root, and theirs are one path. Give each project its own baseline folder: in each project's config, baselineDir: fileURLToPath(new URL('./baselines', import.meta.url)), with import { fileURLToPath } from 'node:url'`,
    )
  }
  const projects = options.sharedBaselineFiles?.[path]
  if (!projects) return
  const names = projects.map((name) => JSON.stringify(name))
  throw new ConfigError(
    'baseline-shared-file',
    `toMatchBaseline: this test file runs in the Vitest projects ${names.slice(0, -1).join(', ')} and ${names.at(-1)!}, which would keep their baselines in one file, ${shown}: each project's run would be checked against the other's numbers (one entry for two models) and find the other's entries obsolete. Give each project its own baseline folder: in each project's config, plugins: [evalgate({ baselineDir: '__baselines__/<project>' })]; one project may keep the default folder, and with it the file as it is`,
  )
}

/** Slice rows that did not fail, and within-noise warnings, listed in a failure message before they are only counted. */
const MAX_LISTED_SLICE_ROWS = 10
const MAX_LISTED_WARNINGS = 3

/**
 * Where every baseline row is listed when a message leaves some out: the report's baseline
 * comparison, when the plugin added the evalgate reporter (it then asks for the run outputs).
 */
function reportBaselineSection(): string | undefined {
  return workerOptions().runOutputs === true ? "the evalgate report's baseline comparison" : undefined
}

/** The one warning of several metrics that fell within noise: the first few, and how many more. */
function withinNoiseWarning(key: string, warnings: readonly string[], rows: readonly BaselineMetricVerdict[]): string {
  const listed = warnings.slice(0, MAX_LISTED_WARNINGS).map((w) => `  - ${w}`)
  const more = warnings.length - listed.length
  const listedIn = reportBaselineSection()
  const rest = more > 0 ? [`  … and ${more} more${listedIn ? `; every one is in ${listedIn}` : ''}`] : []
  // the metrics, not the rows (adversarial pass 53: "21 metrics fell" for 7 metrics in 3 scopes,
  // log_loss among them, which rose); each warning is a noise row's
  const noise = rows.filter((row) => row.verdict === 'noise')
  const counted = noise.length === warnings.length ? metricsAndRows(noise) : `${warnings.length} metrics`
  return [`baseline "${key}": ${counted} moved beyond what is allowed but within noise:`, ...listed, ...rest].join('\n')
}

/**
 * The tests of the full name `testName` in the file, in its order (their unnamed runs share one
 * count of entries), and of them those before `task` and those other than it.
 */
function testsNamed(file: Readonly<Suite | File>, task: Readonly<Task>, testName: string): { earlier: Task[]; others: Task[] } {
  const all: Task[] = []
  const visit = (node: Readonly<Task>): void => {
    if (node.type === 'suite') (node.tasks ?? []).forEach(visit)
    else if ((node.fullTestName ?? node.name) === testName || node === task || node.id === task.id) all.push(node as Task)
  }
  // A task built by hand (the matcher driven without Vitest's collector) may have no tree.
  ;(file.tasks ?? []).forEach(visit)
  const at = all.findIndex((node) => node === task || node.id === task.id)
  const others = all.filter((_, i) => i !== at)
  return { earlier: at < 0 ? others : all.slice(0, at), others }
}

/**
 * The line a failure gets when its entry is counted among tests of one name (their checks, of
 * unnamed runs or of runs of one name, continue one count: `same 1`, `same 2`, `same > a 2`) and
 * Vitest shuffles the order of the test's siblings (`sequence.shuffle`, `describe.shuffle`: the
 * flag Vitest's runner reads on the parent suite): which test's run the entry holds follows the
 * order they ran in, as for Vitest's snapshots; so do concurrent tests, in the order their checks
 * are reached. Checks within one test keep their code's order, so a test alone with its name gets
 * no line.
 */
function shuffledCountHint(task: Readonly<Task>, key: string, testName: string): string[] {
  if (!task.file) return []
  const parent = (task.suite ?? task.file) as Readonly<Suite> & { shuffle?: unknown }
  // Concurrent tests claim in the order their checks are reached (adversarial pass 64: a slower
  // model's test took "same 2", and the stronger model passed as better against the weaker's).
  const order = parent.shuffle ? 'this run shuffles the order of tests (sequence.shuffle), so counted entries follow the order the tests ran in' : task.concurrent === true ? 'the tests run concurrently, so counted entries follow the order their checks were reached in' : undefined
  const others = order === undefined ? 0 : testsNamed(task.file, task, testName).others.length
  if (others === 0) return []
  return [
    `"${key}" may hold another test's run: the ${others + 1} tests named "${testName}" continue one count of entries and ${order}; a distinct name on each test's run (evaluate({ name }) or toMatchBaseline({ name })) or distinct test names make them independent of it`,
  ]
}

/**
 * The line a `text` run's failure gets when its grade levels failed and the check chose no
 * `metrics`: they are tracked by default, and a newcomer whose outputs turned more formal read
 * "regressed ... worse" with `-u` as the only way out (adversarial pass 67, F6).
 */
function gradeLevelHint(run: EvalRun, options: BaselineOptions, failed: readonly BaselineMetricVerdict[]): string[] {
  if (run.modelType !== 'text' || options.metrics !== undefined) return []
  const grades = [...new Set(failed.filter((row) => row.verdict === 'fail' && isGradeLevel(row.metric)).map((row) => row.metric))]
  if (grades.length === 0) return []
  const others = trackedMetricNames(run, {}).filter((name) => !isGradeLevel(name))
  const keep = others.length > 0 ? `; to gate the others alone, name them: toMatchBaseline({ metrics: ${JSON.stringify(others)} })` : ''
  return [
    `${grades.join(' and ')} ${grades.length === 1 ? 'is a grade level' : 'are grade levels'}: ${grades.length === 1 ? 'it says' : 'they say'} how hard the outputs are to read, not whether they are right, and a text run's entry tracks them by default (a lower grade is better, as in MLflow), so outputs in a more formal register fail on them. If the change is intended, update the baseline (below)${keep}`,
  ]
}

/** A claimed entry: its key, and the options of the check that claimed it. */
interface ClaimedEntry {
  key: BaselineKey
  options: BaselineOptions
}

/** The entry each run got in each attempt of a test (and run name). */
const claimedKeys = new WeakMap<EvalRun, Map<string, ClaimedEntry>>()

/**
 * The entry of `run` in this attempt of its test: claimed once, so that checking the same run
 * again checks the same entry (`vi.waitFor` calls its callback until it passes: each call
 * claimed the next counted entry, and a later call wrote a regressed run as a new entry that
 * passed), where every other run claims the next count. Returns the options of the check that
 * claimed it too, which a later check of the entry must repeat.
 */
function claimKeyOnce(run: EvalRun, attempt: string, options: BaselineOptions, claim: () => BaselineKey): ClaimedEntry {
  let byAttempt = claimedKeys.get(run)
  if (byAttempt === undefined) claimedKeys.set(run, (byAttempt = new Map()))
  let claimed = byAttempt.get(attempt)
  if (claimed === undefined) byAttempt.set(attempt, (claimed = { key: claim(), options }))
  return claimed
}

/**
 * The example of a call with its own entry in the error of two checks of one entry: the second
 * call's own options with a name (`toMatchBaseline({ name: 'second check', metrics: ["accuracy"] })`).
 */
function namedCallExample(options: BaselineOptions): string {
  const rest = Object.entries(options)
    .filter(([key, value]) => key !== 'name' && value !== undefined)
    .map(([key, value]) => `, ${key}: ${JSON.stringify(value)}`)
    .join('')
  return `expect(run).toMatchBaseline({ name: 'second check'${rest} })`
}

/** Compares the run with its baseline entry (writing or updating it per the update mode). */
export function toMatchBaseline(this: EvalgateMatcherState, received: unknown, options: BaselineOptions = {}): SyncExpectationResult {
  const run = receivedRun(this, received, 'toMatchBaseline')
  if (this.isNot) throw new ConfigError('baseline-not', 'toMatchBaseline does not support .not; set thresholds with { threshold, tolerance, minAbsoluteChange } instead')
  // expect.poll calls the matcher once per attempt: each attempt claimed the next counted entry,
  // and a later attempt wrote a regressed run as a new entry that passed.
  if ((this as { poll?: boolean }).poll === true) {
    throw new ConfigError('baseline-poll', 'toMatchBaseline does not work with expect.poll (each attempt would be another baseline entry); await the evaluation, then expect(run).toMatchBaseline()')
  }
  const task = currentTask(this)
  // Code that runs after its test finished and that no running test adopts (the test failed or
  // timed out; a promise resolved between tests): no entry can be claimed for it, and a check
  // that passed unchecked let a regression through with exit 0. It fails instead, as an error
  // outside the test.
  const late = lateTestInScope()
  if (late) {
    throw new ConfigError(
      'baseline-late',
      `toMatchBaseline ran after its test "${late.fullTestName ?? late.name}" had finished (the test failed or timed out, or the promise holding the check resolved when no test was running), so no baseline entry can be its; nothing was compared or written. Await the evaluation and the check inside the test (await evaluate(...), then expect(run).toMatchBaseline())`,
    )
  }
  if (!task?.file) {
    throw new ConfigError('baseline-no-test', 'toMatchBaseline must run inside a Vitest test (in concurrent tests, use the expect of the test context: test.concurrent("...", ({ expect }) => ...))')
  }
  const merged = resolveBaselineOptions(run, workerOptions().baseline ?? {}, options)
  const runName = options.name ?? run.name
  refuseSharedBaselineFile(task.file.filepath)
  const session = baselineSession(task.file.filepath, resolveUpdateMode(this.snapshotState?.snapshotUpdateState))
  const attempt = `${task.result?.retryCount ?? 0}/${task.result?.repeatCount ?? 0}`
  const testName = task.fullTestName ?? task.name
  const { earlier } = testsNamed(task.file, task, testName)
  // (skipped, todo, left out by .only: their checks are unknown; so are those of one that failed before any check)
  const earlierSameNameNotRun = earlier.filter((node) => node.mode === 'skip' || node.mode === 'todo' || node.result?.state === 'skip').length
  // (a `test.fails` test that failed, as it expects, has the state `pass`: adversarial pass 66)
  const earlierSameNameFailed = earlier.filter((node) => node.result?.state === 'fail' || ((node as Test).fails === true && node.result?.state === 'pass')).map((node) => node.id)
  const claimed = claimKeyOnce(run, `${task.id} ${attempt} ${runName ?? ''}`, merged, () =>
    session.claimKey({ testId: task.id, testName, attempt, earlierSameNameNotRun, earlierSameNameFailed, ...(runName !== undefined ? { runName } : {}) }),
  )
  const { key, legacyKey } = claimed.key
  // The same run checked again with other options would share its entry, written with one
  // check's options: `toMatchBaseline()` then `toMatchBaseline({ metrics: ['accuracy'] })` stored
  // accuracy alone, and a log_loss regression passed in CI (adversarial pass 52). Refused, locally
  // and in CI, and neither check writes the entry.
  const differing = claimed.options === merged ? [] : differingCheckOptions(run, claimed.options, merged)
  if (differing.length > 0) {
    session.discardPending(key)
    const message = `toMatchBaseline: test "${testName}" checks the same run against the baseline entry "${key}" twice with options that store different entries (${differing.join('; ')}): one entry is stored with one check's options (the metrics, slices, row keys and directions it keeps), so one check would silently narrow or turn round the other; nothing is written for "${key}". Give one of the checks an entry of its own with a name: ${namedCallExample(options)}; or check the run again with the same options`
    recordBaselineNotWritten(task, key, `not written: the same run was checked again against "${key}" with other options (${differing.join('; ')})`)
    recordGate(task, { kind: 'baseline', matcher: 'toMatchBaseline', title: `baseline ${key}`, pass: false, message, ...(runName !== undefined ? { runName } : {}) })
    throw new ConfigError('baseline-check-options-differ', message)
  }
  const hint = this.utils.matcherHint('toMatchBaseline', 'run', 'options', {})
  const gate = (pass: boolean, message: string): GateResult => ({
    kind: 'baseline',
    matcher: 'toMatchBaseline',
    title: `baseline ${key}`,
    pass,
    message,
    ...(runName !== undefined ? { runName } : {}),
  })
  let check
  try {
    check = session.check(key, run, merged, legacyKey, task.file.projectName || undefined, testName)
  } catch (error) {
    if (error instanceof BaselineError) {
      session.loadErrorReported = true
      recordGate(task, gate(false, error.message))
      recordBaseline(task, { key, file: session.displayPath, status: 'failed', rows: [], notes: [error.message], ...(runName !== undefined ? { runName } : {}) })
    }
    throw error
  }
  let comparison: BaselineComparison
  if (check.verdict) {
    comparison = toComparison(check.verdict, key, session.displayPath, check.status, runName)
    comparison.notes.push(...check.notes)
    // Under `-u` the entry is rewritten, so drops within noise are not worth a warning.
    const warnings = check.status === 'updated' ? [] : check.verdict.warnings
    if (warnings.length === 1) recordWarning(task, `baseline "${key}": ${warnings[0]}`, runName)
    else if (warnings.length > 1) recordWarning(task, withinNoiseWarning(key, warnings, check.verdict.rows), runName)
    // Not a drop within noise: a tracked metric no test looked at, said where the user reads it.
    if (check.status !== 'updated' && check.verdict.ungated !== undefined) recordWarning(task, `baseline "${key}": ${check.verdict.ungated}`, runName)
  } else {
    comparison = { key, file: session.displayPath, status: check.status, rows: [], notes: [...check.notes], ...(runName !== undefined ? { runName } : {}) }
    if (check.status === 'written') comparison.notes.push(baselineWriteNote('written', session.displayPath))
    if (check.reason) comparison.notes.push(check.reason)
  }
  // Its drops are `accepted` (the session's `acceptedDrops`).
  if (check.status === 'updated') comparison.notes.push(baselineWriteNote('updated', session.displayPath))
  for (const warning of check.warnings ?? []) recordWarning(task, `baseline "${key}": ${warning}`, runName)
  // A written entry that misses a threshold carries the threshold verdict, and is written all the same.
  if (check.status === 'written' && check.verdict) comparison.notes.push(baselineWriteNote('written', session.displayPath))
  // A bar written from a run that lost rows holds the metrics of the rows left (adversarial pass
  // 36: 300 of 400 rows failed under onError 'skip' and the entry was written without a word).
  const lostRows = failedRowsText(run)
  if ((check.status === 'written' || check.status === 'updated') && lostRows !== undefined) {
    recordWarning(task, `baseline "${key}" was ${check.status} from a run in which ${lostRows} and were skipped (onError: 'skip'): its metrics are those of the ${run.exampleCount} rows scored, and its error_rate ${formatMetric(run.metrics.error_rate)} is the bar; if the failures were the server's, fix it and run vitest -u again`, runName)
  }
  recordBaseline(task, comparison)
  const failedRows = check.verdict?.rows.filter((row) => row.verdict === 'fail' || row.verdict === 'missing') ?? []
  // A threshold bounds the value itself: updating the baseline cannot meet it.
  const belowThreshold = failedRows.length > 0 && failedRows.every((row) => row.missedThreshold === true)
  // Written or updated, yet failed: the run missed a threshold (the entry is written all the same).
  const writtenAnyway = (check.status === 'written' || check.status === 'updated') && !check.pass
  const metricsText = `${failedRows.length} metric${failedRows.length === 1 ? '' : 's'}`
  const failures = failureSummary(failedRows)
  const repeated = failures.repeats === 0 ? '' : `; ${failures.repeats} more row${failures.repeats === 1 ? ' repeats' : 's repeat'} one of them (the same hypothesis, marked "as")`
  const headline =
    check.status === 'missing'
      ? check.reason!
      : check.status === 'definition-changed'
        ? `the metrics are defined differently from the baseline entry "${key}" in ${session.displayPath} (${check.verdict?.definitionChange ?? 'see the note'})`
        : check.status === 'data-changed'
          ? `the evaluation data changed since the baseline entry "${key}" in ${session.displayPath} was written${failedRows.length > 0 && check.verdict?.matchedRows === true ? `; on the rows both hold, ${failures.text}` : ''}`
        : belowThreshold
          ? `${metricsText} miss${failedRows.length === 1 ? 'es' : ''} the threshold set for ${failedRows.length === 1 ? 'it' : 'them'} (baseline entry "${key}" in ${session.displayPath}${writtenAnyway ? `, ${check.status} all the same` : ''}); a threshold bounds the value itself, so updating the baseline does not meet it`
          : `${failures.text} against the baseline entry "${key}" in ${session.displayPath}${repeated}`
  const notes = [...(check.verdict?.notes ?? []), ...check.notes]
  // The reason first (data or definition changed, what failed), then the rows: failing ones
  // first, many slice rows that did not fail counted rather than listed.
  const listedIn = reportBaselineSection()
  const table = check.verdict ? [renderBaselineTable(check.verdict.rows, { maxOtherSliceRows: MAX_LISTED_SLICE_ROWS, ...(listedIn ? { listedIn } : {}) })] : []
  // A missing entry's reason already says how to update; `-u` cannot meet a threshold.
  const advice = check.pass || check.status === 'missing' || belowThreshold ? [] : [session.updateAdvice()]
  const shuffled = check.pass ? [] : shuffledCountHint(task, key, testName)
  const grades = check.pass || belowThreshold ? [] : gradeLevelHint(run, merged, failedRows)
  const message = [headline, ...shuffled, ...grades, ...notes.map((note) => `Note: ${note}`), ...table, ...advice].join('\n\n')
  const result = gate(check.pass, check.pass ? comparison.notes.join('; ') || `${key}: ${check.status}` : message)
  // A check that passed only within noise; a failed one failed, whatever else in it was within
  // noise (adversarial pass 54: its JUnit gate carried within_noise beside the failure)
  if (check.pass && check.verdict?.rows.some((row) => row.verdict === 'noise')) result.withinNoise = true
  recordGate(task, result)
  // The entry key (the test's name), slices and notes come from the data: shown with their controls as escapes.
  return { pass: check.pass, message: () => `${hint}\n\n${showControls(message)}` }
}
