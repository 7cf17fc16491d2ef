/**
 * What a test carries to the reporter in `task.meta.evalgate`: plain JSON, so it crosses the
 * worker boundary and survives `--shard` + `--merge-reports` (blob reports keep `task.meta`).
 * Written by the matchers and by `evaluate()` when it runs inside a Vitest test; read by the
 * reporter (`src/reporter/`). Keep this the only channel between the two.
 */
import type { EvalRun, MetricInterval } from '../run/types.js'

export const META_KEY = 'evalgate' as const

/** One threshold or baseline check, shown as its own JUnit test case. */
export interface GateResult {
  kind: 'threshold' | 'slice' | 'class' | 'confusion' | 'slice-gap' | 'outperform' | 'baseline'
  /** Matcher name, e.g. `toHaveSliceF1`. */
  matcher: string
  /** Human label, e.g. `f1_score[category=technical_support] >= 0.8`. */
  title: string
  pass: boolean
  /** Whether the assertion was negated with `.not`. */
  negated?: boolean
  runName?: string
  metric?: string
  slice?: string
  value?: number
  threshold?: number
  interval?: MetricInterval
  /** True when the verdict is within noise (threshold inside the interval). */
  withinNoise?: boolean
  /** The failure (or warning) message as printed. */
  message: string
}

/** One metric's verdict against the stored baseline. */
export interface BaselineMetricVerdict {
  metric: string
  /** Slice key, absent for the overall metric. */
  slice?: string
  baseline: number | null
  current: number | null
  /** `current - baseline`. */
  change: number | null
  /** The drop allowed, as text (e.g. `-0.02 (tolerance)`). */
  allowed: string
  verdict: 'pass' | 'fail' | 'noise' | 'improved' | 'new' | 'missing'
  greaterIsBetter: boolean
  pValue?: number
  /** The statistical test used: `mcnemar-mid-p`, `paired-permutation`, `paired-mean`, `paired-delong`, `paired-resample`, `unpaired-normal`, `none`; `(as <metric>)` when the row shares another row's hypothesis. */
  test?: string
}

export interface BaselineComparison {
  /** Baseline entry key: the full test name, plus ` > runName` when given. */
  key: string
  runName?: string
  /** Path of the baseline file, relative to the project root. */
  file: string
  status: 'written' | 'updated' | 'passed' | 'failed' | 'missing' | 'data-changed'
  rows: BaselineMetricVerdict[]
  /** Notes such as "data changed: 600 -> 640 rows" or "`vitest -u` would raise the bar". */
  notes: string[]
}

export interface EvalgateTaskMeta {
  version: 1
  /** Every evaluate() run inside the test, in order. */
  runs: EvalRun[]
  gates: GateResult[]
  baselines: BaselineComparison[]
  /** Warnings also shown as test annotations (within-noise verdicts, small slices). */
  warnings: string[]
}

declare module '@vitest/runner' {
  interface TaskMeta {
    evalgate?: EvalgateTaskMeta
  }
}
