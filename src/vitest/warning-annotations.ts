/**
 * Turns the engine's warnings (src/run/observers.ts) into Vitest warning annotations on the test
 * that ran `evaluate()` (the test of the scope, also among concurrent tests: `test-scope.ts`), so
 * a reporter shows them next to the test, not only in `run.notes`. Outside a test (a `beforeAll`,
 * a global setup), or where the test is unknown, the warning goes to `console.warn`.
 */
import { observeWarnings } from '../run/observers.js'
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
    // The runner waits for the annotation before the test finishes; nothing to await here.
    test.context.annotate(warning.message, 'warning').catch(() => undefined)
  })
  registry[WARNING_OBSERVER] = remove
  return remove
}
