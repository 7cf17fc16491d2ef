/**
 * The evalgate setup file (`evalgate/setup`), added by the plugin or listed in `setupFiles`:
 * registers the matchers, attaches every `evaluate()` run of a test to its `task.meta`, and
 * after each test file writes its baseline file once (or, in CI, fails on obsolete entries).
 */
import { existsSync } from 'node:fs'
import { getCurrentTest } from '@vitest/runner'
import type { File, Suite, Task } from '@vitest/runner'
import { afterAll, afterEach, aroundEach, expect, inject } from 'vitest'
import type { FinishedTest } from '../baselines/session.js'
import { observeRuns } from '../run/observers.js'
import { baselineSession, resolveUpdateMode, takeBaselineSession } from './baseline-files.js'
import { finishBaselineFile } from './finish-baseline-file.js'
import { evalgateMatchers } from './matchers/index.js'
import { encodeRunOutputs } from '../reporter/run-outputs.js'
import { META_KEY } from '../run/test-meta.js'
import { PROVIDE_KEY, setWorkerOptions, workerOptions, type EvalgateWorkerOptions } from './options.js'
import { attachRun, evalgateMeta } from './task-meta.js'
import { runInTestScope, testInScope, UNATTRIBUTED_RUN } from './test-scope.js'
import { installWarningAnnotations } from './warning-annotations.js'

export type { EvalgateMatchers } from './matcher-types.js'

// The plugin provides its options; with `setupFiles: ['evalgate/setup']` alone there are none.
let provided: EvalgateWorkerOptions | undefined
try {
  provided = inject(PROVIDE_KEY)
} catch {
  provided = undefined
}
setWorkerOptions(provided)

expect.extend(evalgateMatchers)

// One observer per worker even when setup files run again for every test file (isolate: false).
const OBSERVER = Symbol.for('evalgate.runObserver')
const registry = globalThis as { [OBSERVER]?: () => void }
registry[OBSERVER]?.()
registry[OBSERVER] = observeRuns((run) => {
  const test = testInScope()
  if (test) attachRun(test, run, 'observer')
  else if (getCurrentTest() !== undefined) console.warn(`[evalgate] ${UNATTRIBUTED_RUN}`)
})

// Each test runs in a scope that says which test evaluate() and the warnings belong to, also
// among concurrent tests (getCurrentTest() is the one that started last).
aroundEach(async (runTest, { task }) => runInTestScope(task, runTest))

// Each run's per-example outputs, encoded once its test is done (the reporter writes them to
// outputs.json for `evalgate compare`'s paired tests); task.meta is the only channel to it.
afterEach(({ task }) => {
  const meta = task.meta[META_KEY]
  if (meta && meta.runs.length > 0 && workerOptions().runOutputs !== false) meta.outputs = meta.runs.map(encodeRunOutputs)
})

// Engine warnings (a predicted label no target holds) become warning annotations on the test.
installWarningAnnotations()

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

// Vitest calls the hook with (fixtures, suite) and requires a declared first parameter to be an
// object pattern; the transform of an inlined build may rewrite `({}, suite)`, so the suite is
// read from `arguments` of a function that declares no parameters.
afterAll(function writeBaselineFile() {
  // eslint-disable-next-line prefer-rest-params
  const suite = arguments[1] as Readonly<Suite | File>
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
})
