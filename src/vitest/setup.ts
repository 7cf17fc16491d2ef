/**
 * The evalgate setup file (`evalgate/setup`), listed in `setupFiles` (the plugin adds its twin,
 * `setup-file.mts`): registers the matchers, attaches every `evaluate()` run of a test to its
 * `task.meta` (once per worker, `worker-setup.ts`), and registers the hooks of the test file
 * (`test-file-hooks.ts`), which write its baseline file once after its tests (or, in CI, fail on
 * obsolete entries). Vitest evaluates a setup file again for every test file, also with
 * `isolate: false`, so each file gets its hooks.
 */
import { registerTestFileHooks } from './worker-setup.js'

export type { EvalgateMatchers } from './matcher-types.js'

registerTestFileHooks()
