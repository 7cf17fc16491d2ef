import type { EvalRun } from '../run/types.js'
import type { EvalgateTaskMeta } from '../run/test-meta.js'
import type { BaselineComparison, GateResult } from '../run/verdicts.js'

/** One test as the reporter sees it, read from Vitest's reported tasks (see `collect-tests.ts`). */
export interface ReportedTest {
  /** Test file relative to the project root, with `/` separators. */
  file: string
  /** Names of the enclosing `describe` blocks, outermost first. */
  suitePath: string[]
  name: string
  /** `describe > describe > test`, as Vitest prints it. */
  fullName: string
  state: 'passed' | 'failed' | 'skipped' | 'pending'
  durationMs: number
  /** Failure messages of the test itself. */
  errors: string[]
  /**
   * What kind of failure (JUnit's `type`): the first error's name (`Error`, `TypeError`,
   * `ConfigError`, `AssertionError`); `AssertionError` for a failed matcher of `expect.extend`
   * (evalgate's), whose error Vitest names `Error`. Absent: `Error`.
   */
  errorType?: string
  /** The Vitest project the test ran in, when it has a name. */
  project?: string
  /** Marked `test.fails`: Vitest passes it when it fails. */
  expectedToFail?: boolean
  meta?: EvalgateTaskMeta
}

/**
 * A failure outside any test of a file (an `afterAll` hook, such as the baseline file's check for
 * obsolete entries under CI): it fails the Vitest run, so the reports say so too.
 */
export interface FileFailure {
  /** Test file relative to the project root, with `/` separators. */
  file: string
  message: string
  /** What kind of failure, as {@link ReportedTest.errorType}. */
  errorType?: string
}

/**
 * Another part of the run that finds failures outside any test at the run's end (the plugin's
 * check for baseline files whose test file is gone, which fails a CI run): the reporter awaits
 * it before it writes, so the reports name those failures and are written once, whichever of the
 * two Vitest calls first (it calls every reporter's `onTestRunEnd` at once). Called once or more
 * per run: the source answers each call of a run alike.
 */
export interface RunEndFailureSource {
  failuresAtRunEnd(): Promise<readonly FileFailure[]>
}

/**
 * A failed test of the run that recorded no evaluated run (`evaluate()` threw: a served model
 * answering HTTP 400, bad data; or a test that never evaluates): it fails the run, so every
 * report lists it, as it lists a failure outside any test.
 */
export interface UnevaluatedFailure {
  /** Test file relative to the project root, with `/` separators. */
  file: string
  /** The test's full name (`describe > test`), with `[project] ` in front when the run's tests come from several Vitest projects. */
  title: string
  /** The Vitest project named in the title. */
  shownProject?: string
  /** The test's first error message without its stack (`test failed` when Vitest gave none). */
  message: string
  /** What kind of failure, as {@link ReportedTest.errorType}. */
  errorType?: string
}

/** The verdict shown for an evaluated run; `unchecked`: its test failed before any check of it completed. */
export type Verdict = 'pass' | 'fail' | 'warn' | 'skip' | 'unchecked'

/** One evaluated run of one test: what gets a results folder, an HTML section and a table row. */
export interface ReportEntry {
  test: ReportedTest
  run: EvalRun
  /** Position of the run among the test's runs. */
  runIndex: number
  /**
   * The run's name as the reports show it: its own (`evaluate({ name })`), else the one name its
   * baseline checks gave it (`toMatchBaseline({ name })`); absent for a run without either.
   */
  runName?: string
  /**
   * The test's position among the tests of its file with its full name (1 for the first, 2 for
   * the second `dup > same`): written to `run.json`, so `evalgate compare` tells them apart.
   */
  occurrence: number
  /**
   * The test's full name (plus ` > run name` when the test evaluated several runs), with
   * `[project] ` in front when the report holds runs of more than one Vitest project.
   */
  title: string
  /** The Vitest project named in the title (the report holds runs of several projects). */
  shownProject?: string
  /** Unique safe folder name inside the results folder. */
  folderName: string
  /** HTML anchor id, derived from the folder name. */
  anchor: string
  gates: GateResult[]
  baselines: BaselineComparison[]
  warnings: string[]
  verdict: Verdict
}
