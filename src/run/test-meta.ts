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
  /**
   * The run each of `warnings` is about, where a matcher knows it (absent in results of older
   * versions: the reports then put a warning beside the test's first run).
   */
  runWarnings?: TestWarning[]
  /**
   * Per-example outputs of `runs[i]` (same index), encoded at the end of the test for the
   * reporter's `outputs.json` (`evalgate compare`'s paired tests); null when the run keeps none.
   */
  outputs?: Array<RunOutputsRecord | null>
}

/** A warning about one run of a test: by run name, else by the run's index among the test's runs (as a gate). */
export interface TestWarning {
  message: string
  runName?: string
  runIndex?: number
}

/** A per-example column as base64 bytes: label indices (uint8/uint16 into `labels`) or float64 values. */
export interface EncodedRunColumn {
  encoding: 'uint8-base64' | 'uint16le-base64' | 'float64le-base64'
  length: number
  labels?: string[]
  values: string
}

/** Row-major `length x classes` probabilities as little-endian float64, base64. */
export interface EncodedRunProbabilities {
  encoding: 'float64le-base64'
  length: number
  classes: number
  values: string
}

/**
 * One run's per-example outputs, plain JSON (`outputs.json` beside `run.json`), in the encodings
 * and under the caps of a baseline entry's stored predictions: targets and predictions (label
 * indices or float64 values), probabilities, and each slice column's value per row (an index into
 * the value texts), so a paired test can find a slice's rows.
 */
export interface RunOutputsRecord {
  evalgateRunOutputs: 1
  modelType: EvalRun['modelType']
  exampleCount: number
  fingerprint: string
  targets?: EncodedRunColumn
  predictions?: EncodedRunColumn
  probabilities?: EncodedRunProbabilities
  sliceColumns: Record<string, EncodedRunColumn>
  /** Why a part is absent (a cap), by part. */
  missing: Partial<Record<'targets' | 'predictions' | 'probabilities' | 'sliceColumns', string>>
}
