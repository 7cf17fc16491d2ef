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
const STORE = Symbol.for('evalgate.testScope.attempt')
const registry = globalThis as { [STORE]?: AsyncLocalStorage<TestAttempt> }
const scope = (registry[STORE] ??= new AsyncLocalStorage<TestAttempt>())

/**
 * One attempt of a test (a retry or a repeat is another): `finished` once Vitest has moved on,
 * `failed` when that attempt itself failed (the test's own state is reset for a retry, and a
 * retry that passes makes it `pass`).
 */
interface TestAttempt {
  readonly test: Test
  finished: boolean
  failed: boolean
}

/** What is said of a run evaluate() made in a concurrent test outside any scope: it is reported only where a matcher asserts on it. */
export const UNATTRIBUTED_RUN =
  'evaluate() finished in a concurrent test outside the test scope evalgate/setup opens, so which test made the run is unknown; it is reported under the test whose matcher asserts on it (use the expect of the test context), and not at all if none does'

/**
 * Runs `body` (Vitest's `runTest` of an `aroundEach` hook: one attempt of the test, with its
 * hooks) as the code of `test`. Code of the attempt that runs after `body` has settled (a test
 * that timed out goes on while Vitest runs the next test) is late: see `lateTestInScope`.
 *
 * @example aroundEach((runTest, { task }) => runInTestScope(task, runTest))
 */
export async function runInTestScope(test: Test, body: () => Promise<void>): Promise<void> {
  const attempt: TestAttempt = { test, finished: false, failed: false }
  try {
    await scope.run(attempt, body)
  } finally {
    // Read before Vitest resets the state for the next attempt of a retried test.
    attempt.failed = test.result?.state === 'fail'
    attempt.finished = true
  }
}

/**
 * The test whose code is running: the scope's test; outside any scope (the setup file's hook is
 * missing, e.g. a test driving the observers directly) Vitest's current test, unless that is a
 * concurrent test, which may be another test than the caller's: then `undefined`, not a guess.
 * Late code (of an attempt that has finished) has no test: `undefined`, never the test running now.
 *
 * @example const test = testInScope(); if (test) attachRun(test, run)
 */
export function testInScope(): Test | undefined {
  if (scope.getStore() !== undefined) return scopeTest()
  const current = getCurrentTest()
  return current?.concurrent ? undefined : current
}

/**
 * The test of the scope while its attempt runs, or the test that adopts its late code (see
 * `adoptingTest`); `undefined` outside any scope and in late code no test adopts.
 *
 * @example const task = scopeTest() ?? state.task
 */
export function scopeTest(): Test | undefined {
  const attempt = scope.getStore()
  if (attempt === undefined) return undefined
  return attempt.finished ? adoptingTest(attempt) : attempt.test
}

/**
 * The test that late code of a finished attempt serves: the test Vitest runs now, when the
 * finished attempt passed. A timer or queue a test started keeps that test's scope for every
 * callback it runs later (a rate limiter's interval started by the first test runs the second
 * test's awaited work), and a promise a passed test did not await runs beside the next test, as
 * before evalgate had scopes. Late code of a failed attempt (it timed out) serves no test: its
 * runs landed on the next test's baseline entries, also when a retry of the test then passed
 * (adversarial pass 64: the timed-out attempt's check became the next test's first entry).
 */
function adoptingTest(attempt: TestAttempt): Test | undefined {
  if (attempt.failed || attempt.test.result?.state === 'fail') return undefined
  const current = getCurrentTest()
  return current !== undefined && current !== attempt.test && !current.concurrent ? current : undefined
}

/**
 * The test whose attempt has finished while its code still runs and that no running test adopts
 * (it timed out, or its promise resolved between tests), else `undefined`: what that code
 * evaluates or asserts belongs to no test any more.
 *
 * @example if (lateTestInScope()) return // record nothing
 */
export function lateTestInScope(): Test | undefined {
  const attempt = scope.getStore()
  return attempt?.finished && adoptingTest(attempt) === undefined ? attempt.test : undefined
}

const warnedLate = new WeakSet<Test>()

/**
 * Says once per test (on the console) that its late code's runs and checks are not recorded.
 *
 * @example warnLate(test, 'toMatchBaseline')
 */
export function warnLate(test: Test, what: string): void {
  if (warnedLate.has(test)) return
  warnedLate.add(test)
  const name = test.fullTestName ?? test.name
  console.warn(`[evalgate] ${what} ran after its test "${name}" had finished (it timed out, or a promise was not awaited): evalgate records nothing of it, in no report and no baseline file`)
}
