/**
 * `expect(run).toMatchBaseline(options?)`: compares the run with its stored baseline entry,
 * like a snapshot. The entry key is the full test name (plus ` > name` for `options.name` or
 * `run.name`); the file is written once per test file after its tests (see the setup file).
 */
import { BaselineError, ConfigError } from '../../errors.js'
import { renderBaselineDiff } from '../../baselines/diff-table.js'
import type { BaselineOptions, BaselineUpdateState } from '../../baselines/types.js'
import { toComparison } from '../../baselines/verdict.js'
import { baselineSession, fallbackUpdateState } from '../baseline-files.js'
import type { BaselineComparison, GateResult } from '../../run/verdicts.js'
import { workerOptions } from '../options.js'
import { recordBaseline, recordGate, recordWarning } from '../task-meta.js'
import { currentTask, receivedRun, type EvalgateMatcherState, type SyncExpectationResult } from './matcher-context.js'

/** The entry key of a test: its full name (suites and test joined with ` > `), plus the run name. */
export function baselineKey(fullTestName: string, runName: string | undefined): string {
  return runName ? `${fullTestName} > ${runName}` : fullTestName
}

function updateStateOf(state: EvalgateMatcherState): BaselineUpdateState {
  return state.snapshotState?.snapshotUpdateState ?? fallbackUpdateState()
}

/** Compares the run with its baseline entry (writing or updating it per the update mode). */
export function toMatchBaseline(this: EvalgateMatcherState, received: unknown, options: BaselineOptions = {}): SyncExpectationResult {
  const run = receivedRun(this, received, 'toMatchBaseline')
  if (this.isNot) throw new ConfigError('baseline-not', 'toMatchBaseline does not support .not; set thresholds with { threshold, tolerance, minAbsoluteChange } instead')
  const task = currentTask(this)
  if (!task?.file) {
    throw new ConfigError('baseline-no-test', 'toMatchBaseline must run inside a Vitest test (in concurrent tests, use the expect of the test context: test.concurrent("...", ({ expect }) => ...))')
  }
  const merged: BaselineOptions = { ...workerOptions().baseline, ...options }
  const runName = options.name ?? run.name
  const key = baselineKey(task.fullTestName ?? task.name, runName)
  const session = baselineSession(task.file.filepath, updateStateOf(this))
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
    check = session.check(key, run, merged)
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
    // Under `-u` the entry is rewritten, so drops within noise are not worth a warning.
    const warnings = check.status === 'updated' ? [] : check.verdict.warnings
    if (warnings.length === 1) recordWarning(task, `baseline "${key}": ${warnings[0]}`)
    else if (warnings.length > 1) recordWarning(task, `baseline "${key}": ${warnings.length} metrics fell beyond the tolerance but within noise:\n${warnings.map((w) => `  - ${w}`).join('\n')}`)
  } else {
    comparison = { key, file: session.displayPath, status: check.status, rows: [], notes: [], ...(runName !== undefined ? { runName } : {}) }
    if (check.status === 'written') comparison.notes.push(`baseline written to ${session.displayPath}`)
    if (check.reason) comparison.notes.push(check.reason)
  }
  if (check.status === 'updated') comparison.notes.push(`baseline updated in ${session.displayPath}`)
  recordBaseline(task, comparison)
  const failedRows = check.verdict?.rows.filter((row) => row.verdict === 'fail' || row.verdict === 'missing') ?? []
  const headline =
    check.status === 'missing'
      ? check.reason!
      : check.status === 'data-changed'
        ? `the evaluation data changed since the baseline entry "${key}" in ${session.displayPath} was written`
        : `${failedRows.length} metric${failedRows.length === 1 ? '' : 's'} regressed beyond what is allowed against the baseline entry "${key}" in ${session.displayPath}`
  const details = check.verdict ? [renderBaselineDiff(check.verdict.rows), ...check.verdict.notes.map((note) => `Note: ${note}`)] : []
  const message = [headline, ...details].join('\n\n')
  const result = gate(check.pass, check.pass ? comparison.notes.join('; ') || `${key}: ${check.status}` : message)
  if (check.verdict?.rows.some((row) => row.verdict === 'noise')) result.withinNoise = true
  recordGate(task, result)
  return { pass: check.pass, message: () => `${hint}\n\n${message}` }
}
