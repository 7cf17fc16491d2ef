/**
 * The `this` of an evalgate matcher: Vitest's matcher state (with `task` and `snapshotState`).
 */
import type { Test } from '@vitest/runner'
import type { MatcherState } from 'vitest'
import { ConfigError } from '../../errors.js'
import type { EvalRun } from '../../run/types.js'
import { EVAL_RUN_VERSION } from '../../run/types.js'
import { attachRun } from '../task-meta.js'
import { lateTestInScope, scopeTest, warnLate } from '../test-scope.js'
import { isThenable } from '../../run/thenable.js'

/** Vitest's matcher state; Vitest adds `task` (the asserting test) and `snapshotState`. */
export type EvalgateMatcherState = MatcherState

/** What a synchronous matcher returns. */
export interface SyncExpectationResult {
  pass: boolean
  message: () => string
}

/**
 * Checks that the received value is an EvalRun and attaches it to the asserting test (which
 * is how runs of concurrent tests end up on the right test). `role: 'compared'` for a run the
 * matcher compares with (toOutperform's other run): the check is recorded beside the asserted one.
 */
export function receivedRun(state: EvalgateMatcherState, received: unknown, matcherName: string, role: 'asserted' | 'compared' = 'asserted'): EvalRun {
  const run = received as Partial<EvalRun> | null
  if (typeof run !== 'object' || run === null || run.version !== EVAL_RUN_VERSION || typeof run.metrics !== 'object') {
    throw new ConfigError(
      'matcher-not-a-run',
      isThenable(received)
        ? `${matcherName} expects the EvalRun returned by evaluate(), received a Promise: evaluate() is async, so write expect(await evaluate({...})).${matcherName}(...)`
        : `${matcherName} expects the EvalRun returned by evaluate(), received ${shortValue(state.utils.stringify(received))}; write expect(await evaluate({...})).${matcherName}(...)`,
    )
  }
  const late = lateTestInScope()
  if (late) warnLate(late, matcherName)
  const task = currentTask(state)
  if (task) attachRun(task, run as EvalRun, role === 'asserted' ? 'matcher' : 'compared')
  return run as EvalRun
}

/**
 * A received value as one short line: the reports keep a failure's first line, so the fix after
 * a long value (a Promise printed with Vitest's task state, 80 lines) never showed (adversarial
 * pass 35).
 */
function shortValue(text: string): string {
  const line = text.replace(/\s+/g, ' ')
  return line.length > 80 ? `${line.slice(0, 79)}…` : line
}

/**
 * The mutable task of the asserting test: the test whose code runs (the scope evalgate/setup
 * opens), which Vitest's `state.task` is not for the global `expect` when that code runs after
 * its test finished (Vitest's current test is then the next one) or among concurrent tests;
 * without a scope, `state.task`. In late code, none: the check records nothing.
 */
export function currentTask(state: EvalgateMatcherState): Test | undefined {
  if (lateTestInScope()) return undefined
  return scopeTest() ?? (state.task as Test | undefined)
}
