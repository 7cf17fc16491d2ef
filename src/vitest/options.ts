/**
 * Options of the evalgate Vitest plugin, and the part of them provided to the test workers
 * (`project.provide('evalgate', ...)` in the main process, `inject('evalgate')` in a worker).
 */
import type { BaselineOptions } from '../baselines/types.js'
import type { ReporterOptions } from '../reporter/index.js'
import { DEFAULT_BASELINE_DIR } from '../history/baseline-log.js'

/** Whether a threshold matcher asserts the point estimate or the interval bound. */
export type Confidence = 'point' | 'lower'

export interface EvalgatePluginOptions {
  /**
   * Folder of the baseline files. Relative (default `__baselines__`): beside each test file,
   * `<dir>/<test file name>.json`. Absolute: one folder mirroring the test paths under the root.
   */
  baselineDir?: string | undefined
  /** Defaults for every `toMatchBaseline` (tolerance, significance, metrics, ...). */
  baseline?: Omit<BaselineOptions, 'name'> | undefined
  /** Default `confidence` of the threshold matchers (default `'point'`). */
  confidence?: Confidence | undefined
  /** Results folder of the reporter (shorthand for `reporter.outputDir`). */
  outputDir?: string | undefined
  /** Reporter options, or `false` to leave the evalgate reporter out (the history's baseline folder is the plugin's `baselineDir`). */
  reporter?: Omit<ReporterOptions, 'baselineDir'> | false | undefined
  /**
   * Encode each run's per-example outputs for the reporter's `outputs.json` (`evalgate compare`'s
   * paired tests). Default: when the plugin adds the evalgate reporter; set `true` when the
   * reporter is registered by hand with `reporter: false`, `false` to save the cost.
   */
  runOutputs?: boolean | undefined
}

/** What the workers receive: plain JSON. */
export interface EvalgateWorkerOptions {
  /** Project root, for paths shown in messages. */
  root?: string
  baselineDir: string
  baseline: Omit<BaselineOptions, 'name'>
  confidence: Confidence
  /**
   * Encode each run's per-example outputs into `task.meta` at the end of its test, for the
   * reporter's `outputs.json` (default true; the plugin turns it off with `reporter: false`).
   */
  runOutputs?: boolean
  /**
   * Baseline files (absolute paths) that more than one Vitest project would write, with the
   * projects' names (`shared-baseline-files.ts`): `toMatchBaseline` there is an error naming the fix.
   */
  sharedBaselineFiles?: Record<string, string[]>
  /** Baseline files more than one test file would write (their absolute paths), by path; provided with `sharedBaselineFiles`. */
  sharedBaselineTestFiles?: Record<string, string[]>
}

/** Key of the provided value. */
export const PROVIDE_KEY = 'evalgate' as const

declare module 'vitest' {
  interface ProvidedContext {
    evalgate: EvalgateWorkerOptions
  }
}

/** The worker options when the plugin is not used (`setupFiles: ['evalgate/setup']`). */
export const DEFAULT_WORKER_OPTIONS: EvalgateWorkerOptions = Object.freeze({
  baselineDir: DEFAULT_BASELINE_DIR,
  baseline: {},
  confidence: 'point',
})

let current: EvalgateWorkerOptions = DEFAULT_WORKER_OPTIONS

/** Sets the worker options (called once by the setup file). */
export function setWorkerOptions(options: EvalgateWorkerOptions | undefined): void {
  current = options ? { ...DEFAULT_WORKER_OPTIONS, ...options } : DEFAULT_WORKER_OPTIONS
}

/** The options the plugin provided to this worker, or the defaults. */
export function workerOptions(): EvalgateWorkerOptions {
  return current
}

/** Derives the worker options from the plugin options. */
export function toWorkerOptions(options: EvalgatePluginOptions, root: string | undefined): EvalgateWorkerOptions {
  const worker: EvalgateWorkerOptions = {
    baselineDir: options.baselineDir ?? DEFAULT_WORKER_OPTIONS.baselineDir,
    baseline: options.baseline ?? {},
    confidence: options.confidence ?? 'point',
    runOutputs: options.runOutputs ?? options.reporter !== false,
  }
  if (root !== undefined) worker.root = root
  return worker
}
