/**
 * Writes `task.meta.evalgate` (the contract in `meta.ts`): runs, gate results, baseline
 * comparisons and warnings of one test. Warnings are also test annotations (type `warning`)
 * so every reporter shows them.
 */
import type { Task, Test } from '@vitest/runner'
import type { EvalRun } from '../run/types.js'
import { META_KEY, type BaselineComparison, type EvalgateTaskMeta, type GateResult } from './meta.js'

/** The test's evalgate meta, created on first use. */
export function evalgateMeta(task: Task): EvalgateTaskMeta {
  let meta = task.meta[META_KEY]
  if (!meta) {
    meta = { version: 1, runs: [], gates: [], baselines: [], warnings: [] }
    task.meta[META_KEY] = meta
  }
  return meta
}

/** Which test a run was attached to, so a matcher in a concurrent test can claim it. */
const runOwners = new WeakMap<EvalRun, Task>()

/**
 * Attaches a run to a test (once); when it is attached to another test (concurrent tests
 * share the "current test"), moves it.
 */
export function attachRun(task: Task, run: EvalRun): void {
  const owner = runOwners.get(run)
  if (owner === task) return
  if (owner) {
    const runs = evalgateMeta(owner).runs
    const index = runs.indexOf(run)
    if (index >= 0) runs.splice(index, 1)
  }
  runOwners.set(run, task)
  evalgateMeta(task).runs.push(run)
}

/** Records one threshold or baseline check. */
export function recordGate(task: Task | undefined, gate: GateResult): void {
  if (task) evalgateMeta(task).gates.push(gate)
}

/** Records one baseline comparison. */
export function recordBaseline(task: Task | undefined, comparison: BaselineComparison): void {
  if (task) evalgateMeta(task).baselines.push(comparison)
}

/**
 * Adds a warning to the test's meta and, while the test runs, a `warning` annotation.
 * Annotation is best effort: it is skipped when the test has already finished.
 */
export function recordWarning(task: Task | undefined, message: string): void {
  if (!task) return
  const meta = evalgateMeta(task)
  if (meta.warnings.includes(message)) return
  meta.warnings.push(message)
  const context = (task as Partial<Test>).context as { annotate?: (message: string, type?: string) => Promise<unknown> } | undefined
  if (task.type === 'test' && typeof context?.annotate === 'function') {
    try {
      void context.annotate(message, 'warning')
    } catch {
      // the test already finished (e.g. a hook after it): the meta still carries the warning
    }
  }
}
