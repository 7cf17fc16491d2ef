/**
 * Small EvalRuns built by hand for unit tests of the baselines and matchers (no evaluate()):
 * a classifier whose metrics, intervals and slices are given, with an optional run table whose
 * per-example correctness is given (every target the first label; a wrong prediction the second).
 */
import { RUN_TABLE_VERSION, linkRunTable } from '../../src/run/run-table.js'
import type { RunTable } from '../../src/run/run-table.js'
import type { EvalRun, SliceResult } from '../../src/run/types.js'

export interface HandRunOptions {
  metrics?: Record<string, number>
  /** Half width of every interval (centred on the value); 0 = no intervals. */
  halfWidth?: number
  slices?: Record<string, { metrics: Record<string, number>; exampleCount: number }>
  exampleCount?: number
  fingerprint?: string
  correct?: number[]
  /** Slice column values per row (for McNemar on slices). */
  columns?: Record<string, string[]>
  name?: string
}

/** A classifier run with the given metrics (accuracy 0.9 and f1 0.88 by default). */
export function handBuiltRun(options: HandRunOptions = {}): EvalRun {
  const metrics = options.metrics ?? { accuracy_score: 0.9, f1_score: 0.88 }
  const half = options.halfWidth ?? 0.03
  const intervalsOf = (values: Record<string, number>) =>
    half === 0 ? {} : Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { lower: value - half, upper: value + half, level: 0.95, method: 'multinomial-bootstrap' as const }]))
  const exampleCount = options.exampleCount ?? options.correct?.length ?? 600
  const slices: Record<string, SliceResult> = {}
  for (const [key, slice] of Object.entries(options.slices ?? {})) {
    const [column, value] = key.split('=')
    slices[key] = { key, columns: [column], values: [value], exampleCount: slice.exampleCount, metrics: slice.metrics, intervals: intervalsOf(slice.metrics), notes: [] }
  }
  const run: EvalRun = {
    version: 1,
    ...(options.name !== undefined ? { name: options.name } : {}),
    modelType: 'classifier',
    createdAt: '2026-01-01T00:00:00.000Z',
    exampleCount,
    labels: ['negative', 'neutral', 'positive'],
    average: 'weighted',
    metrics,
    intervals: intervalsOf(metrics),
    intervalSettings: { level: 0.95, seed: 0, resamples: 1000 },
    greaterIsBetter: { accuracy_score: true, f1_score: true, log_loss: false },
    customMetrics: [],
    curves: {},
    sliceColumns: Object.keys(options.slices ?? {}).length ? ['category'] : [],
    slices,
    minSliceSize: 30,
    artifacts: [],
    dataset: { fingerprint: options.fingerprint ?? 'a'.repeat(64), rowCount: exampleCount, columns: ['text', 'category'], targetColumn: 'label' },
    model: { kind: 'function' },
    notes: [],
    durationMs: 1,
  }
  if (options.correct) linkRunTable(run, handBuiltTable(run, options.correct, options.columns ?? {}))
  return run
}

/** A classifier run table with the given correctness per row and string columns. */
export function handBuiltTable(run: EvalRun, correct: readonly number[], columns: Record<string, string[]>): RunTable {
  const slices: Record<string, Int32Array> = {}
  for (const slice of Object.values(run.slices)) {
    const values = columns[slice.columns[0]]
    if (values !== undefined) slices[slice.key] = Int32Array.from(values.flatMap((v, i) => (v === slice.values[0] ? [i] : [])))
  }
  return {
    version: RUN_TABLE_VERSION,
    modelType: 'classifier',
    rowCount: correct.length,
    columnNames: Object.keys(columns),
    columns: Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, { kind: 'string' as const, values }])),
    inputColumns: Object.keys(columns),
    encoded: {
      settings: { labels: run.labels ?? [], posIndex: null, average: 'weighted' },
      columns: { targetIndex: new Int32Array(correct.length), predictedIndex: Int32Array.from(correct, (c) => (c === 1 ? 0 : 1)) },
    },
    slices,
  }
}

/** `n` outcomes with the rows in `wrong` set to 0. */
export function outcomes(n: number, wrong: Iterable<number>): number[] {
  const result = new Array<number>(n).fill(1)
  for (const row of wrong) result[row] = 0
  return result
}
