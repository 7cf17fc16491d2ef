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
  for (const observer of observers) observer(run)
}
