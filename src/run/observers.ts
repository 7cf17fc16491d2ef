import type { EvalRun } from './types.js'

/**
 * The engine knows nothing of Vitest. The Vitest setup file registers an observer here so that
 * every run evaluate() produces inside a test reaches that test's `task.meta`.
 */
export type RunObserver = (run: EvalRun) => void

const observers = new Set<RunObserver>()

/** Registers an observer; returns a function that removes it. */
export function observeRuns(observer: RunObserver): () => void {
  observers.add(observer)
  return () => observers.delete(observer)
}

/** Called by evaluate() once a run is complete. Observer errors are not swallowed. */
export function notifyRunCreated(run: EvalRun): void {
  if (observers.size === 0) warnWithoutSetup()
  for (const observer of observers) observer(run)
}

const SETUP_WARNED = Symbol.for('evalgate.setupWarned')

/**
 * A run made in a Vitest worker where evalgate's setup never ran (no observer): the matchers are
 * not registered, so the first one fails with Vitest's bare "Invalid Chai property: toHaveMetric",
 * and no report is written (adversarial pass 35). Said once per worker, on stderr. Vitest marks
 * its workers with `__vitest_worker__`; the CLI and scripts outside Vitest are not.
 */
function warnWithoutSetup(): void {
  const global = globalThis as { __vitest_worker__?: unknown; [SETUP_WARNED]?: true }
  if (global.__vitest_worker__ === undefined || global[SETUP_WARNED] === true) return
  global[SETUP_WARNED] = true
  console.warn(
    "[evalgate] evaluate() ran in a Vitest run without evalgate's setup, so its matchers (toHaveMetric, toMatchBaseline, ...) are not registered (\"Invalid Chai property\") and no report is written: add the plugin to vitest.config (import { evalgate } from 'evalgate/vitest'; plugins: [evalgate()]), or setupFiles: ['evalgate/setup'] for the matchers alone",
  )
}

/**
 * Something the user should see now, not only in `run.notes`: evaluate() carried on, but the
 * answer may not be what was meant (a predicted label that never occurs in the targets). The
 * Vitest setup file turns it into a warning annotation on the current test; the CLI prints it as
 * a `warning:` line on stderr.
 */
export interface RunWarning {
  /** Stable code, e.g. `PREDICTED_LABEL_NOT_IN_TARGETS`. */
  code: string
  /** One sentence naming the value, where it is, and what to do. */
  message: string
  /** The `name` of the run being evaluated, when given. */
  runName?: string
}

export type WarningObserver = (warning: RunWarning) => void

const warningObservers = new Set<WarningObserver>()

/** Registers a warning observer; returns a function that removes it. */
export function observeWarnings(observer: WarningObserver): () => void {
  warningObservers.add(observer)
  return () => warningObservers.delete(observer)
}

/** Called by evaluate() for each warning of a run, before the run is complete. */
export function notifyWarning(warning: RunWarning): void {
  for (const observer of warningObservers) observer(warning)
}
