/**
 * What a test carries to the reporter in `task.meta.evalgate`: plain JSON, so it crosses the
 * worker boundary and survives `--shard` + `--merge-reports` (blob reports keep `task.meta`).
 * Written by the matchers and by `evaluate()` when it runs inside a Vitest test
 * (`src/vitest/task-meta.ts`); read by the reporter (`src/reporter/`). Keep this the only
 * channel between the two.
 */
import type { EvalRun } from './types.js'
import type { BaselineComparison, GateResult } from './verdicts.js'

/** The key under `task.meta` that holds evalgate's data. */
export const META_KEY = 'evalgate' as const

/** The data of one test: its runs, gate results, baseline comparisons and warnings. */
export interface EvalgateTaskMeta {
  version: 1
  /** Every evaluate() run inside the test, in order. */
  runs: EvalRun[]
  gates: GateResult[]
  baselines: BaselineComparison[]
  /** Warnings also shown as test annotations (within-noise verdicts, small slices). */
  warnings: string[]
}
