/**
 * `toMatchBaseline` called directly, outside Vitest's runner (as baseline-scenarios.test.ts does):
 * a hand-built test task and matcher state. A test file using it mocks `std-env` itself (vi.mock
 * is hoisted per file) to switch CI on and off.
 */
import type { Test } from '@vitest/runner'
import type { BaselineUpdateState } from '../../src/baselines/types.js'
import type { EvalRun } from '../../src/run/types.js'
import { toMatchBaseline } from '../../src/vitest/matchers/to-match-baseline.js'

let ids = 0

/** A test task of `name` in `filepath`, with a fresh id. */
export const fakeTest = (filepath: string, name: string): Test =>
  ({ id: `matcher-call-${++ids}`, name, fullTestName: name, type: 'test', mode: 'run', meta: {}, file: { filepath }, result: { state: 'run', retryCount: 0, repeatCount: 0 } }) as unknown as Test

/** Runs `expect(run).toMatchBaseline(options)` in `task` under the update mode `update`. */
export function callToMatchBaseline(task: Test, run: EvalRun, update: BaselineUpdateState, options: Record<string, unknown> = {}): { pass: boolean; message: string } {
  const state = { isNot: false, task, snapshotState: { snapshotUpdateState: update }, utils: { matcherHint: () => 'expect(run).toMatchBaseline(options)' } }
  const result = toMatchBaseline.call(state as never, run, options as never)
  return { pass: result.pass, message: result.message() }
}
