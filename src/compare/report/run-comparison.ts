/**
 * The numbers of `evalgate compare`, as plain data the HTML page and the Markdown both draw:
 * every metric with its interval (overall and per slice) for N runs side by side, the change of
 * each run against the first with an unpaired normal test from the two stored intervals, the
 * per-class tables and the confusion matrices with their difference.
 *
 * Why unpaired: a run read from a file has no per-example outputs yet (the run table is a later
 * step), so the paired comparison of `src/compare` cannot run even when both runs scored the
 * same rows. When the data are shared the unpaired test is conservative (it ignores the positive
 * correlation between the two estimates), so it misses changes a paired test would find.
 */
import type { ConfusionMatrix, Curves, EvalRun, MetricInterval, PerClassMetrics } from '../../run/types.js'
import { unpairedChangeTest } from '../../stats/unpaired-change-test.js'
import type { NamedRun } from './read-run-files.js'

/** The method name of every change test on the page. */
export const COMPARE_TEST_METHOD = 'unpaired-normal'

/** Two-sided level below which a change is called better or worse. */
export const COMPARE_ALPHA = 0.05

/** One run's value of one metric in one scope. */
export interface MetricCell {
  value?: number
  interval?: MetricInterval
}

/** A run's change against the first run, with its unpaired test (absent without intervals). */
export interface MetricChange {
  /** current − first. */
  change: number
  /** Signed so that z > 0 means better (the metric's direction applied). */
  z?: number
  /** Two-sided p-value of no change. */
  pValue?: number
  /** `better` / `worse` at {@link COMPARE_ALPHA} two-sided, `no clear change`, or `untested`. */
  verdict: 'better' | 'worse' | 'no clear change' | 'untested'
}

/** One metric in one scope across the runs. */
export interface MetricRow {
  /** `overall` or a slice key (`category=technical_support`). */
  scope: string
  metric: string
  greaterIsBetter?: boolean
  cells: MetricCell[]
  /** `changes[i]` compares run i with run 0; `changes[0]` is always undefined. */
  changes: Array<MetricChange | undefined>
}

/** One row of the largest-changes table. */
export interface LargestChange {
  row: MetricRow
  runIndex: number
  change: MetricChange
}

/** A confusion matrix of one run, and its difference from the first run's (same labels only). */
export interface ConfusionComparison {
  matrix?: ConfusionMatrix
  /** current − first, on the first run's labels; absent for the first run or when labels differ. */
  difference?: number[][]
  /** Why no difference is shown. */
  note?: string
}

/** What the page shows of each run besides its metrics. */
export interface ComparedRunInfo {
  name: string
  source: string
  modelType: EvalRun['modelType']
  exampleCount: number
  fingerprint: string
  createdAt: string
  perClass: PerClassMetrics[]
  curves: Curves
}

/** Everything the compare page and Markdown show. */
export interface RunComparison {
  runs: ComparedRunInfo[]
  /** Every run scored the same data (one dataset fingerprint). */
  sharedData: boolean
  /** The visible note on the test used, with whether the data are shared. */
  testNote: string
  rows: MetricRow[]
  /** Tested changes, largest |z| first (at most `maxLargest`). */
  largestChanges: LargestChange[]
  /** Labels of the per-class tables (union, first run's order first). */
  perClassLabels: string[]
  confusion: ConfusionComparison[]
}

/** Options of {@link compareRuns}. */
export interface CompareRunsOptions {
  /** Rows of the largest-changes table (default 12). */
  maxLargest?: number
}

function cellOf(metrics: Record<string, number>, intervals: Record<string, MetricInterval>, metric: string): MetricCell {
  const value = metrics[metric]
  return { value: typeof value === 'number' ? value : undefined, interval: intervals[metric] }
}

/** The change of `current` against `first` for a metric of direction `greaterIsBetter`. */
export function changeBetween(first: MetricCell, current: MetricCell, greaterIsBetter: boolean | undefined): MetricChange | undefined {
  if (first.value === undefined || current.value === undefined) return undefined
  const change = current.value - first.value
  if (!first.interval || !current.interval || greaterIsBetter === undefined) return { change, verdict: 'untested' }
  const { z, pValue: worse } = unpairedChangeTest(
    { value: first.value, lower: first.interval.lower, upper: first.interval.upper, level: first.interval.level },
    { value: current.value, lower: current.interval.lower, upper: current.interval.upper, level: current.interval.level },
    greaterIsBetter,
  )
  if (Number.isNaN(z)) return { change, verdict: 'untested' }
  // unpairedChangeTest's p is one-sided (the current run is worse); the page asks whether it changed: two-sided.
  const pValue = Math.min(1, 2 * Math.min(worse, 1 - worse))
  const verdict = pValue < COMPARE_ALPHA ? (z > 0 ? 'better' : 'worse') : 'no clear change'
  return { change, z, pValue, verdict }
}

function metricNames(runs: readonly NamedRun[], pick: (run: EvalRun) => Record<string, number> | undefined): string[] {
  const names: string[] = []
  const seen = new Set<string>()
  for (const { run } of runs) {
    for (const name of Object.keys(pick(run) ?? {})) {
      if (!seen.has(name)) {
        seen.add(name)
        names.push(name)
      }
    }
  }
  return names
}

function directionOf(runs: readonly NamedRun[], metric: string): boolean | undefined {
  for (const { run } of runs) {
    const direction = run.greaterIsBetter[metric]
    if (typeof direction === 'boolean') return direction
  }
  return undefined
}

function confusionOf(runs: readonly NamedRun[]): ConfusionComparison[] {
  const first = runs[0].run.confusionMatrix
  return runs.map(({ run }, index) => {
    const matrix = run.confusionMatrix
    if (index === 0 || !matrix) return { matrix }
    if (!first) return { matrix, note: 'the first run has no confusion matrix' }
    if (first.labels.length !== matrix.labels.length || first.labels.some((label, i) => label !== matrix.labels[i])) {
      return { matrix, note: `labels differ from the first run's (${first.labels.join(', ')}), so no difference is shown` }
    }
    return { matrix, difference: matrix.counts.map((row, i) => row.map((count, j) => count - first.counts[i][j])) }
  })
}

/**
 * Puts `runs` side by side (the first is the reference every other is compared with). Pure:
 * reads only the runs.
 *
 * @example compareRuns([baseline, fineTuned]).largestChanges[0] // the change with the largest |z|
 */
export function compareRuns(runs: readonly NamedRun[], options: CompareRunsOptions = {}): RunComparison {
  if (runs.length < 2) throw new RangeError(`compareRuns needs two runs or more; got ${runs.length}`)
  const rows: MetricRow[] = []
  const addScope = (scope: string, pick: (run: EvalRun) => { metrics: Record<string, number>; intervals: Record<string, MetricInterval> } | undefined) => {
    for (const metric of metricNames(runs, (run) => pick(run)?.metrics)) {
      const greaterIsBetter = directionOf(runs, metric)
      const cells = runs.map(({ run }) => {
        const source = pick(run)
        return source ? cellOf(source.metrics, source.intervals, metric) : {}
      })
      const changes = cells.map((cell, index) => (index === 0 ? undefined : changeBetween(cells[0], cell, greaterIsBetter)))
      rows.push({ scope, metric, greaterIsBetter, cells, changes })
    }
  }
  addScope('overall', (run) => run)
  const sliceKeys = metricNames(runs, (run) => Object.fromEntries(Object.keys(run.slices).map((key) => [key, 0])))
  for (const key of sliceKeys) addScope(key, (run) => run.slices[key])

  const largestChanges: LargestChange[] = []
  for (const row of rows) {
    row.changes.forEach((change, runIndex) => {
      if (change?.z !== undefined && change.change !== 0) largestChanges.push({ row, runIndex, change })
    })
  }
  const size = (entry: LargestChange): number => Math.abs(entry.change.z ?? 0)
  largestChanges.sort((a, b) => (size(a) === size(b) ? Math.abs(b.change.change) - Math.abs(a.change.change) : size(b) > size(a) ? 1 : -1))

  const fingerprints = runs.map(({ run }) => run.dataset.fingerprint)
  const sharedData = fingerprints.every((fingerprint) => fingerprint === fingerprints[0])
  const testNote =
    `Changes are tested with an unpaired normal test (${COMPARE_TEST_METHOD}) from the two stored intervals, because run files carry no per-example outputs; ` +
    `a paired test when the runs share their data is a later step. ` +
    (sharedData
      ? 'These runs share their data (one dataset fingerprint), so the unpaired test is conservative: a paired test could find smaller changes.'
      : 'These runs do not share their data (their dataset fingerprints differ): the changes mix model and data differences.')

  const perClassLabels: string[] = []
  for (const { run } of runs) for (const row of run.perClass ?? []) if (!perClassLabels.includes(row.label)) perClassLabels.push(row.label)

  return {
    runs: runs.map(({ name, source, run }) => ({
      name,
      source,
      modelType: run.modelType,
      exampleCount: run.exampleCount,
      fingerprint: run.dataset.fingerprint,
      createdAt: run.createdAt,
      perClass: run.perClass ?? [],
      curves: run.curves,
    })),
    sharedData,
    testNote,
    rows,
    largestChanges: largestChanges.slice(0, options.maxLargest ?? 12),
    perClassLabels,
    confusion: confusionOf(runs),
  }
}
