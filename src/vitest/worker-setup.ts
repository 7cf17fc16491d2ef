/**
 * What evalgate sets up once per test worker: the options the plugin provides, the matchers, the
 * run observer (which attaches every `evaluate()` run to the test of the scope) and the warning
 * annotations. The per-test-file hooks are in `test-file-hooks.ts`: a setup entry (`setup.ts`, or
 * the plugin's `setup-file.mts`) registers them each time Vitest evaluates it, that is for every
 * test file, while this module, imported by the entry, is evaluated once per worker even with
 * `isolate: false` (Vitest re-evaluates only the setup file itself, and Node caches a package's
 * modules).
 */
import { getCurrentTest } from '@vitest/runner'
import { expect, inject } from 'vitest'
import { observeRuns } from '../run/observers.js'
import { evalgateMatchers } from './matchers/index.js'
import { PROVIDE_KEY, setWorkerOptions, type EvalgateWorkerOptions } from './options.js'
import { attachRun } from './task-meta.js'
import { lateTestInScope, testInScope, UNATTRIBUTED_RUN, warnLate } from './test-scope.js'
import { installWarningAnnotations } from './warning-annotations.js'

export { registerTestFileHooks } from './test-file-hooks.js'

// The plugin provides its options; with `setupFiles: ['evalgate/setup']` alone there are none.
let provided: EvalgateWorkerOptions | undefined
try {
  provided = inject(PROVIDE_KEY)
} catch {
  provided = undefined
}
setWorkerOptions(provided)

expect.extend(evalgateMatchers)

// One observer per worker even if this module is evaluated again (a copy of evalgate that Vite
// transforms, e.g. linked from outside node_modules).
const OBSERVER = Symbol.for('evalgate.runObserver')
const registry = globalThis as { [OBSERVER]?: () => void }
registry[OBSERVER]?.()
registry[OBSERVER] = observeRuns((run) => {
  // A run made after its test finished belongs to no test (not to the one running now).
  const late = lateTestInScope()
  if (late) return warnLate(late, 'evaluate()')
  const test = testInScope()
  if (test) attachRun(test, run, 'observer')
  else if (getCurrentTest() !== undefined) console.warn(`[evalgate] ${UNATTRIBUTED_RUN}`)
})

// Engine warnings (a predicted label no target holds) become warning annotations on the test.
installWarningAnnotations()
