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

/**
 * The index of the asserted run among the test's runs where its name does not find it: the run
 * has no name, or the check names it otherwise (`toMatchBaseline({ name })`, the entry's name,
 * on a run `evaluate()` named differently or not at all). Reports match a check by this index
 * first, else by name: a check recorded under its entry's name alone was charged to the test's
 * first run (adversarial pass 52, M3).
 */
function assertedRunIndex(task: Task, checkName?: string): number | undefined {
  const run = assertedRun.get(task)
  if (run === undefined || (run.name !== undefined && (checkName === undefined || checkName === run.name))) return undefined
  const index = evalgateMeta(task).runs.indexOf(run)
  return index >= 0 ? index : undefined
}

/**
 * Records one threshold or baseline check (with the index of the unnamed run it checked) and, for
 * a comparison, the run it compared with (its name, else its index), which the check involves too.
 */
export function recordGate(task: Task | undefined, gate: GateResult, compared?: EvalRun): void {
  if (!task) return
  const runIndex = assertedRunIndex(task, gate.runName)
  const meta = evalgateMeta(task)
  const recorded: GateResult = runIndex === undefined ? gate : { ...gate, runIndex }
  if (compared?.name !== undefined) recorded.comparedRunName = compared.name
  else if (compared !== undefined && meta.runs.includes(compared)) recorded.comparedRunIndex = meta.runs.indexOf(compared)
  meta.gates.push(recorded)
}

/** Records one baseline comparison (with the index of the unnamed run it compared). */
export function recordBaseline(task: Task | undefined, comparison: BaselineComparison): void {
  if (!task) return
  const runIndex = assertedRunIndex(task, comparison.runName)
  evalgateMeta(task).baselines.push(runIndex === undefined ? comparison : { ...comparison, runIndex })
}

/** What a baseline check says of the entry it wrote (`written`) or rewrote under `-u` (`updated`). */
const WRITE_NOTE_PREFIX = { written: 'baseline written to ', updated: 'baseline updated in ' } as const

/**
 * The note of a baseline check that wrote its entry, the one form {@link recordBaselineNotWritten}
 * withdraws when a later check refuses the entry.
 * @example baselineWriteNote('written', '__baselines__/model.test.ts.json') // 'baseline written to __baselines__/model.test.ts.json'
 */
export function baselineWriteNote(status: keyof typeof WRITE_NOTE_PREFIX, displayPath: string): string {
  return `${WRITE_NOTE_PREFIX[status]}${displayPath}`
}

/**
 * Marks the test's comparisons of the entry `key` that said it was written or updated as failed,
 * with `note` in place of the written note: a later check refused the entry, so nothing is written
 * (the terminal said "baseline written" of a file that was never written).
 */
export function recordBaselineNotWritten(task: Task | undefined, key: string, note: string): void {
  if (!task) return
  const meta = evalgateMeta(task)
  const written = (text: string): boolean => Object.values(WRITE_NOTE_PREFIX).some((prefix) => text.startsWith(prefix))
  for (const gate of meta.gates) {
    if (gate.kind === 'baseline' && gate.title === `baseline ${key}` && gate.message.split('; ').some(written)) gate.message = [...gate.message.split('; ').filter((part) => !written(part)), note].join('; ')
  }
  for (const comparison of meta.baselines) {
    if (comparison.key !== key || (comparison.status !== 'written' && comparison.status !== 'updated')) continue
    comparison.status = 'failed'
    comparison.notes = [...comparison.notes.filter((n) => !written(n)), note]
  }
}

/**
 * Adds a warning about the run the matcher asserts on (`runName`: the check's name, which is the
 * entry's; the run's index too where that name does not find the run) to the test's meta and,
 * while the test runs, a `warning` annotation.
 */
export function recordWarning(task: Task | undefined, message: string, runName?: string): void {
  if (!task) return
  const runIndex = assertedRunIndex(task, runName)
  addWarning(task, { message, ...(runName !== undefined ? { runName } : {}), ...(runIndex !== undefined ? { runIndex } : {}) })
}

/**
 * Adds a warning about the run `evaluate()` is making, where no matcher asserts (the engine's
 * warnings): by its name, else by the index it is about to take among the test's runs.
 */
export function recordRunWarning(task: Task | undefined, message: string, about: { runName?: string; runIndex?: number }): void {
  if (!task) return
  addWarning(task, { message, ...(about.runName !== undefined ? { runName: about.runName } : about.runIndex !== undefined ? { runIndex: about.runIndex } : {}) })
}

/**
 * The warning in the meta (once per run it is about) and, once per test, a `warning` annotation.
 * Annotation is best effort: it is skipped when the test has already finished.
 */
function addWarning(task: Task, warning: TestWarning): void {
  const { message } = warning
  const meta = evalgateMeta(task)
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
