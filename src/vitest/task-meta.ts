/**
 * Writes `task.meta.evalgate` (the contract in `src/run/test-meta.ts`): runs, gate results,
 * baseline comparisons and warnings of one test. Warnings are also test annotations (type
 * `warning`) so every reporter shows them. Also declares the field on Vitest's `TaskMeta`.
 */
import type { Task, Test } from '@vitest/runner'
import { META_KEY, type EvalgateTaskMeta, type TestWarning } from '../run/test-meta.js'
import type { EvalRun } from '../run/types.js'
import type { BaselineComparison, GateResult } from '../run/verdicts.js'
import { showControls } from '../run/visible-controls.js'

declare module '@vitest/runner' {
  interface TaskMeta {
    evalgate?: EvalgateTaskMeta
  }
}

/** The test's evalgate meta, created on first use. */
export function evalgateMeta(task: Task): EvalgateTaskMeta {
  let meta = task.meta[META_KEY]
  if (!meta) {
    meta = { version: 1, runs: [], gates: [], baselines: [], warnings: [] }
    task.meta[META_KEY] = meta
  }
  return meta
}

/** Which test the run observer attached a run to (the "current test" when evaluate() ended). */
const observedIn = new WeakMap<EvalRun, Task>()

/**
 * Attaches a run to a test's meta once. `via: 'observer'` is the evaluate() hook, which can only
 * know Vitest's "current test"; with concurrent tests that may be another test, so when a
 * matcher of a different test asserts a run the observer put on a concurrent test, the run
 * moves. A run evaluated outside any test (e.g. in `beforeAll`) is attached to every test that
 * asserts on it. `compared`: a run a matcher compares with (toOutperform's other run), attached
 * like the asserted one but not the run the matcher's check belongs to.
 */
export function attachRun(task: Task, run: EvalRun, via: 'observer' | 'matcher' | 'compared' = 'matcher'): void {
  const runs = evalgateMeta(task).runs
  if (via === 'matcher') assertedRun.set(task, run)
  if (runs.includes(run)) return
  if (via === 'observer') {
    observedIn.set(run, task)
  } else {
    const observer = observedIn.get(run)
    if (observer && observer !== task && observer.concurrent) {
      const misplaced = evalgateMeta(observer).runs
      const index = misplaced.indexOf(run)
      if (index >= 0) misplaced.splice(index, 1)
      observedIn.set(run, task)
    }
  }
  runs.push(run)
}

/**
 * The run each test's matcher is asserting on (matchers are synchronous: the one received last),
 * so that a check of an unnamed run can say which of the test's runs it belongs to.
 */
const assertedRun = new WeakMap<Task, EvalRun>()

/** The index of the asserted run among the test's runs when that run has no name (reports match named runs by name). */
function assertedRunIndex(task: Task): number | undefined {
  const run = assertedRun.get(task)
  if (run === undefined || run.name !== undefined) return undefined
  const index = evalgateMeta(task).runs.indexOf(run)
  return index >= 0 ? index : undefined
}

/**
 * Records one threshold or baseline check (with the index of the unnamed run it checked) and, for
 * a comparison, the run it compared with (its name, else its index), which the check involves too.
 */
export function recordGate(task: Task | undefined, gate: GateResult, compared?: EvalRun): void {
  if (!task) return
  const runIndex = assertedRunIndex(task)
  const meta = evalgateMeta(task)
  const recorded: GateResult = runIndex === undefined ? gate : { ...gate, runIndex }
  if (compared?.name !== undefined) recorded.comparedRunName = compared.name
  else if (compared !== undefined && meta.runs.includes(compared)) recorded.comparedRunIndex = meta.runs.indexOf(compared)
  meta.gates.push(recorded)
}

/** Records one baseline comparison (with the index of the unnamed run it compared). */
export function recordBaseline(task: Task | undefined, comparison: BaselineComparison): void {
  if (!task) return
  const runIndex = assertedRunIndex(task)
  evalgateMeta(task).baselines.push(runIndex === undefined ? comparison : { ...comparison, runIndex })
}

/**
 * Adds a warning about the run the matcher asserts on (`runName` as the check's, else the index
 * of the unnamed run; `runIndex` names it where no matcher asserts: the engine's warnings about
 * the run being evaluated) to the test's meta and, while the test runs, a `warning` annotation.
 * Annotation is best effort: it is skipped when the test has already finished.
 */
export function recordWarning(task: Task | undefined, message: string, runName?: string, runIndexGiven?: number): void {
  if (!task) return
  const meta = evalgateMeta(task)
  const runIndex = runName !== undefined ? undefined : (runIndexGiven ?? assertedRunIndex(task))
  const warning: TestWarning = { message, ...(runName !== undefined ? { runName } : {}), ...(runIndex !== undefined ? { runIndex } : {}) }
  const runWarnings = (meta.runWarnings ??= [])
  if (!runWarnings.some((w) => w.message === message && w.runName === warning.runName && w.runIndex === warning.runIndex)) runWarnings.push(warning)
  if (meta.warnings.includes(message)) return
  meta.warnings.push(message)
  const context = (task as Partial<Test>).context as { annotate?: (message: string, type?: string) => Promise<unknown> } | undefined
  if (task.type === 'test' && typeof context?.annotate === 'function') {
    try {
      void context.annotate(showControls(message), 'warning') // Vitest's reporters print it: controls shown as escapes
    } catch {
      // the test already finished (e.g. a hook after it): the meta still carries the warning
    }
  }
}
