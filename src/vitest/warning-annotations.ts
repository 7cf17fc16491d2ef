/**
 * Turns the engine's warnings (src/run/observers.ts) into warnings of the test that ran
 * `evaluate()` (the test of the scope, also among concurrent tests: `test-scope.ts`): recorded in
 * its meta about the run being evaluated (the reports show them) and a Vitest warning
 * annotation, not only in `run.notes`. Outside a test (a `beforeAll`,
 * a global setup), or where the test is unknown, the warning goes to `console.warn`.
 */
import { observeWarnings } from '../run/observers.js'
import { evalgateMeta, recordRunWarning } from './task-meta.js'
import { testInScope } from './test-scope.js'

const WARNING_OBSERVER = Symbol.for('evalgate.warningObserver')

/**
 * Registers the observer once per worker (setup files may run again for every test file with
 * `isolate: false`); a second call replaces the first. Returns a function that removes it.
 */
export function installWarningAnnotations(): () => void {
  const registry = globalThis as { [WARNING_OBSERVER]?: () => void }
  registry[WARNING_OBSERVER]?.()
  const remove = observeWarnings((warning) => {
    const test = testInScope()
    if (test === undefined || (test.result !== undefined && test.result.state !== 'run')) {
      console.warn(`[evalgate] warning: ${warning.message}`)
      return
    }
    // Into the test's meta (so summary.md, junit.xml and index.html show it, and --merge-reports
    // keeps it), about the run being evaluated: by its name, else by the index it is about to take.
    recordRunWarning(test, warning.message, warning.runName !== undefined ? { runName: warning.runName } : { runIndex: evalgateMeta(test).runs.length })
  })
  registry[WARNING_OBSERVER] = remove
  return remove
}
