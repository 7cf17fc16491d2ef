/**
 * Which test the code running now belongs to. Vitest's `getCurrentTest()` is one global: with
 * `test.concurrent` it is the test that started last, so a run another concurrent test evaluated
 * (or a warning it raised) landed on the wrong test. The setup file wraps every test in an
 * `aroundEach` hook that runs it inside an AsyncLocalStorage scope holding its task, which
 * follows the test's own awaits, timers and callbacks, and no other test's.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { getCurrentTest } from '@vitest/runner'
import type { Test } from '@vitest/runner'

// One store per worker even when the setup file, and so this module, is loaded again for every
// test file (isolate: false): the hook of one copy and the observers of another must agree.
const STORE = Symbol.for('evalgate.testScope')
const registry = globalThis as { [STORE]?: AsyncLocalStorage<Test> }
const scope = (registry[STORE] ??= new AsyncLocalStorage<Test>())

/** What is said of a run evaluate() made in a concurrent test outside any scope: it is reported only where a matcher asserts on it. */
export const UNATTRIBUTED_RUN =
  'evaluate() finished in a concurrent test outside the test scope evalgate/setup opens, so which test made the run is unknown; it is reported under the test whose matcher asserts on it (use the expect of the test context), and not at all if none does'

/**
 * Runs `body` (Vitest's `runTest` of an `aroundEach` hook) as the code of `test`.
 *
 * @example aroundEach((runTest, { task }) => runInTestScope(task, runTest))
 */
export function runInTestScope<T>(test: Test, body: () => T): T {
  return scope.run(test, body)
}

/**
 * The test whose code is running: the scope's test; outside any scope (the setup file's hook is
 * missing, e.g. a test driving the observers directly) Vitest's current test, unless that is a
 * concurrent test, which may be another test than the caller's: then `undefined`, not a guess.
 *
 * @example const test = testInScope(); if (test) attachRun(test, run)
 */
export function testInScope(): Test | undefined {
  const scoped = scope.getStore()
  if (scoped !== undefined) return scoped
  const current = getCurrentTest()
  return current?.concurrent ? undefined : current
}
