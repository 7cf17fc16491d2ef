/**
 * The hooks evalgate needs in every test file: each test runs in its own scope (which test a run
 * or warning belongs to), its runs' outputs are encoded once it is done, and after the file's
 * tests its baseline file is written once (or, in CI, obsolete entries fail). Vitest registers a
 * hook on the file being collected, so these must be registered again for every test file: with
 * `isolate: false` one worker runs many files, and hooks registered once, by a module Node
 * caches, ran only for the first (its baselines were written, the next files' never were).
 */
import { existsSync } from 'node:fs'
import type { File, Suite, Task, Test } from '@vitest/runner'
import { afterAll, afterEach, aroundEach, expect } from 'vitest'
import type { FinishedTest } from '../baselines/session.js'
import { encodeRunOutputs } from '../reporter/run-outputs.js'
import { META_KEY } from '../run/test-meta.js'
import { baselineSession, existingBaselineSession, resolveUpdateMode, takeBaselineSession } from './baseline-files.js'
import { finishBaselineFile } from './finish-baseline-file.js'
import { workerOptions } from './options.js'
import { evalgateMeta } from './task-meta.js'
import { runInTestScope } from './test-scope.js'

/**
 * Registers evalgate's hooks on the test file Vitest is collecting; called by the setup entry,
 * which Vitest evaluates once per test file.
 *
 * @example registerTestFileHooks() // in a setup file
 */
export function registerTestFileHooks(): void {
  // Each test runs in a scope that says which test evaluate() and the warnings belong to, also
  // among concurrent tests (getCurrentTest() is the one that started last). Vitest calls this
  // hook for every attempt (a retry, a repeat), and each starts with no evalgate meta.
  aroundEach(async (runTest, { task }) => runAttempt(task, runTest))

  // Each run's per-example outputs, encoded once its test is done (the reporter writes them to
  // outputs.json for `evalgate compare`'s paired tests); task.meta is the only channel to it.
  afterEach(({ task }) => {
    const meta = task.meta[META_KEY]
    if (meta && meta.runs.length > 0 && workerOptions().runOutputs !== false) meta.outputs = meta.runs.map(encodeRunOutputs)
  })

  // Vitest calls the hook with (fixtures, suite) and requires a declared first parameter to be an
  // object pattern; the transform of an inlined build may rewrite `({}, suite)`, so the suite is
  // read from `arguments` of a function that declares no parameters.
  afterAll(function writeBaselineFile() {
    // eslint-disable-next-line prefer-rest-params
    finishTestFile(arguments[1] as Readonly<Suite | File>)
  })
}

/**
 * Runs one attempt of a test in its scope, its evalgate meta (runs, checks, baselines, warnings)
 * started afresh, so that the reports show one attempt as Vitest reports one result: the last
 * one (a retry replaces the attempt that failed), except that once a repeat failed (Vitest then
 * fails the test, whatever the later repeats do) the first failing repeat is kept.
 */
async function runAttempt(task: Test, runTest: () => Promise<void>): Promise<void> {
  const earlier = task.meta[META_KEY]
  // The first attempt finds the state `run` and no retry; a retry finds `run` again (Vitest
  // resets it), a repeat the state the earlier repeats left: `fail` if one of them failed.
  const later = (task.result?.retryCount ?? 0) > 0 || task.result?.state !== 'run'
  const keepEarlier = earlier !== undefined && task.result?.state === 'fail'
  if (later) {
    delete task.meta[META_KEY]
    // what the earlier attempt's checks would write is forgotten, as Vitest forgets its snapshots
    if (task.file?.filepath) existingBaselineSession(task.file.filepath)?.startAttempt(task.id)
  }
  try {
    await runInTestScope(task, runTest)
  } finally {
    if (keepEarlier) task.meta[META_KEY] = earlier
  }
}

/** Writes the baseline file of the test file whose tests are done (or checks it for obsolete entries). */
function finishTestFile(suite: Readonly<Suite | File>): void {
  const file = (suite as Suite).file ?? (suite as File)
  const filepath = (file as File).filepath
  if (!filepath) return
  let session = takeBaselineSession(filepath)
  if (!session) {
    // No test checked a baseline: still look for a baseline file whose entries are now obsolete.
    const requested = (expect.getState() as { snapshotState?: { snapshotUpdateState?: 'all' | 'new' | 'none' } }).snapshotState?.snapshotUpdateState
    const probe = baselineSession(filepath, resolveUpdateMode(requested))
    takeBaselineSession(filepath)
    if (!existsSync(probe.path)) return
    session = probe
  }
  const warnings = finishBaselineFile(session, finishedTests(suite))
  if (!warnings) return
  const fileMeta = evalgateMeta(file)
  for (const warning of warnings) {
    fileMeta.warnings.push(warning)
    console.warn(`[evalgate] ${warning}`)
  }
}

function finishedTests(suite: Readonly<Suite | File>): FinishedTest[] {
  const tests: FinishedTest[] = []
  const visit = (task: Task): void => {
    if (task.type === 'suite') task.tasks.forEach(visit)
    else if (task.type === 'test') {
      tests.push({ name: task.fullTestName ?? task.name, completed: task.mode === 'run' && task.result?.state === 'pass', ran: task.mode === 'run' })
    }
  }
  suite.tasks.forEach(visit)
  return tests
}
