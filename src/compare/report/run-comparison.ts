/**
 * The numbers of `evalgate compare`, as plain data the HTML page and the Markdown both draw:
 * every metric with its interval (overall and per slice) for N runs side by side, the change of
 * each run against the first with an unpaired normal test from the two stored intervals, the
 * per-class tables and the confusion matrices with their difference.
 *
 * Where a run shares its data with the first run and both carry their per-example outputs
 * (`outputs.json`, read by the CLI), its changes get the gate's paired tests instead, with Holm
 * over the run's family (`paired-changes.ts`). Otherwise the unpaired test, which is conservative
 * when the data are shared (it ignores the positive correlation between the two estimates).
 */
import { datasetChange, outputColumnsOf } from '../../run/dataset-change.js'
import type { ConfusionMatrix, Curves, EvalRun, MetricInterval, PerClassMetrics } from '../../run/types.js'
import { withheldIntervalNote } from '../../run/interval-notes.js'
import { MAX_ERROR_NOTE } from '../../evaluate/interval-methods.js'
import { unpairedChangeTest } from '../../stats/unpaired-change-test.js'
import { normalQuantile } from '../../stats/normal-quantile.js'
import { rateRiseTest } from '../../stats/rate-rise-test.js'
import { metricComparison } from '../../metrics/metric-comparison.js'
import { failedRowsOf } from '../../run/failed-rows.js'
import { describesOutputsOnly } from '../../run/described-metrics.js'
import { holmRejections } from '../hypothesis-family.js'
import { cannotReject, changeHypothesis, pairRuns, testChangePaired, type PairedChangeTest, type RunPairing } from './paired-changes.js'
import type { NamedRun } from './read-run-files.js'
import { definitionDifference, definitionNote, isDefinedDifferently, type DefinitionDifference } from './metric-definitions.js'

/** The method name of every change test on the page. */
export const COMPARE_TEST_METHOD = 'unpaired-normal'

/** Two-sided level below which a change is called better or worse. */
export const COMPARE_ALPHA = 0.05

/** One run's value of one metric in one scope. */
export interface MetricCell {
  value?: number
  interval?: MetricInterval
  /** The run's engine withheld the interval (the scope's notes say why, e.g. heavy-tailed squared errors). */
  intervalWithheld?: boolean
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
  /**
   * Why a change is `untested`: the metric has no better direction (it describes the data, e.g.
   * example_count), a run has no interval for it, the intervals are degenerate, or the two runs
   * define the metric differently (another average, posLabel, label set or model type).
   */
  untestedReason?: 'no direction' | 'no interval' | 'degenerate interval' | 'defined differently'
  /** The test behind `pValue`: {@link COMPARE_TEST_METHOD} or a paired test's name. */
  test?: string
  /** The paired test, when the runs share their rows and the metric has one. */
  paired?: PairedChangeTest
  /**
   * Holm's level `pValue` was compared with, and the family size (paired runs only); `leftOut`:
   * too few rows differ for any p of its test to reach the level, so it is not in the family.
   */
  holm?: { level: number; familySize: number; leftOut?: true }
}

/** How one run was tested against the first run. */
export interface RunTesting {
  paired: boolean
  /** Why the run is not paired. */
  reason?: string
  /** Paired runs: metrics that kept the unpaired test, by reason. */
  /** Rows without a paired test, by reason; `untested`: no stored interval for the unpaired test either. */
  fallbacks: Array<{ reason: string; rows: string[]; untested?: boolean }>
  familySize?: number
  /** Paired runs: the rows that moved but are left out of Holm's family, as no p their test can give reaches the level. */
  leftOut?: string[]
  /** The run defines the metrics differently from the first run: the note naming what differs. */
  definition?: string
  /** Nothing of the run was tested: every metric is defined differently. */
  untested?: boolean
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
  /** Every run scored the same examples (one dataset fingerprint, or per column every shared column alike). */
  sharedData: boolean
  /** The visible note on the test used, with whether the data are shared. */
  testNote: string
  /** `testing[i]`: how run i was tested against run 0 (`testing[0]` undefined). */
  testing: Array<RunTesting | undefined>
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

function cellOf(scope: ScopeSource, metric: string): MetricCell {
  const value = scope.metrics[metric]
  const cell: MetricCell = { value: typeof value === 'number' ? value : undefined, interval: scope.intervals[metric] }
  if (cell.value !== undefined && cell.interval === undefined && withheldIntervalNote(scope.notes, metric) !== undefined) cell.intervalWithheld = true
  return cell
}

/**
 * Notes the engine writes once, on the run, that hold for every scope (max_error has no interval
 * anywhere): a slice's cell reads them too, so its max_error says "(no interval)" as the
 * overall row's does.
 */
const EVERY_SCOPE_NOTES: ReadonlySet<string> = new Set([MAX_ERROR_NOTE])

/** A slice of `run` as a scope: its own notes and the run's notes that hold for every scope. */
function sliceScope(run: EvalRun, key: string): ScopeSource | undefined {
  const slice = run.slices[key]
  if (slice === undefined) return undefined
  const inherited = run.notes.filter((note) => EVERY_SCOPE_NOTES.has(note))
  return inherited.length === 0 ? slice : { ...slice, notes: [...slice.notes, ...inherited] }
}

/** What a row reads from one run's scope (the run, or one of its slices). */
interface ScopeSource {
  metrics: Record<string, number>
  intervals: Record<string, MetricInterval>
  notes: readonly string[]
}

/** The test of `error_rate`'s change, as the gate tests its rise: on the two runs' failed-row counts. */
export const FAILED_ROWS_TEST = 'fisher-exact'

/**
 * The change of `error_rate` (the share of the evaluation set's rows a served model failed on)
 * or of `error_count` (their count) from `first` to `current`, two-sided: twice the smaller of
 * Fisher's one-sided p-values on the two runs' failed-row counts (as the gate tests its rise). A
 * run without the metric (no served model) failed on no row. Undefined when neither run has it.
 */
function failedRowsChange(first: EvalRun, current: EvalRun, metric: string): MetricChange | undefined {
  if (first.metrics.error_count === undefined && current.metrics.error_count === undefined) return undefined
  const { failed: failedA, rows: rowsA } = failedRowsOf(first)
  const { failed: failedB, rows: rowsB } = failedRowsOf(current)
  if (!(rowsA >= 1) || !(rowsB >= 1)) return undefined
  const rose = rateRiseTest({ failedA, rowsA, failedB, rowsB }).p
  const fell = rateRiseTest({ failedA: failedB, rowsA: rowsB, failedB: failedA, rowsB: rowsA }).p
  const pValue = Math.min(1, 2 * Math.min(rose, fell))
  const change = metric === 'error_count' ? failedB - failedA : failedB / rowsB - failedA / rowsA
  // signed so that z > 0 means better (fewer failed rows), for the ranking of the largest changes
  // (beyond 1e-16 the normal quantile is infinite here: sqrt(-2 ln tail), its leading term, keeps the order)
  const tail = pValue / 2
  const size = tail >= 1e-16 ? -normalQuantile(tail) : Math.sqrt(-2 * Math.log(Math.max(tail, Number.MIN_VALUE)))
  const z = change === 0 ? 0 : (change < 0 ? 1 : -1) * size
  return { change, z, pValue, verdict: pValue < COMPARE_ALPHA ? (change < 0 ? 'better' : 'worse') : 'no clear change', test: FAILED_ROWS_TEST }
}

/** The change of `current` against `first` for a metric of direction `greaterIsBetter`. */
export function changeBetween(first: MetricCell, current: MetricCell, greaterIsBetter: boolean | undefined): MetricChange | undefined {
  if (first.value === undefined || current.value === undefined) return undefined
  const change = current.value - first.value
  if (greaterIsBetter === undefined) return { change, verdict: 'untested', untestedReason: 'no direction' }
  if (!first.interval || !current.interval) return { change, verdict: 'untested', untestedReason: 'no interval' }
  const { z, pValue: worse } = unpairedChangeTest(
    { value: first.value, lower: first.interval.lower, upper: first.interval.upper, level: first.interval.level },
    { value: current.value, lower: current.interval.lower, upper: current.interval.upper, level: current.interval.level },
    greaterIsBetter,
  )
  if (Number.isNaN(z)) return { change, verdict: 'untested', untestedReason: 'degenerate interval' }
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

/**
 * The first direction a run records for `metric`. A question-answering or summarization run's
 * grade levels have none, though a run written by an earlier version records MLflow's (lower is
 * better): they describe the outputs, so no change of them is called better or worse.
 */
function directionOf(runs: readonly NamedRun[], metric: string): boolean | undefined {
  for (const { run } of runs) {
    if (describesOutputsOnly(run, metric)) return undefined
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
  const differences = runs.map(({ run }, index) => (index === 0 ? undefined : definitionDifference(runs[0].run, run)))
  const addScope = (scope: string, pick: (run: EvalRun) => ScopeSource | undefined) => {
    for (const metric of metricNames(runs, (run) => pick(run)?.metrics)) {
      const greaterIsBetter = directionOf(runs, metric)
      const cells = runs.map(({ run }) => {
        const source = pick(run)
        return source ? cellOf(source, metric) : {}
      })
      const changes = cells.map((cell, index) =>
        index === 0
          ? undefined
          : isDefinedDifferently(differences[index], metric)
            ? untestedChange(cells[0], cell)
            : scope === 'overall' && metricComparison(metric).kind === 'failed-rows'
              ? failedRowsChange(runs[0].run, runs[index].run, metric)
              : changeBetween(cells[0], cell, greaterIsBetter),
      )
      rows.push({ scope, metric, greaterIsBetter, cells, changes })
    }
  }
  addScope('overall', (run) => run)
  const sliceKeys = metricNames(runs, (run) => Object.fromEntries(Object.keys(run.slices).map((key) => [key, 0])))
  for (const key of sliceKeys) addScope(key, (run) => sliceScope(run, key))

  const testing = runs.map((run, index) => (index === 0 ? undefined : testRun(rows, index, runs[0], run, differences[index])))

  const largestChanges: LargestChange[] = []
  for (const row of rows) {
    row.changes.forEach((change, runIndex) => {
      if (change?.pValue !== undefined && change.change !== 0) largestChanges.push({ row, runIndex, change })
    })
  }
  // Smallest p first (for the unpaired test the same order as largest |z|), then |z|, then |change|.
  const size = (entry: LargestChange): number => Math.abs(entry.change.z ?? 0)
  largestChanges.sort((a, b) => (a.change.pValue! !== b.change.pValue! ? a.change.pValue! - b.change.pValue! : size(a) === size(b) ? Math.abs(b.change.change) - Math.abs(a.change.change) : size(b) > size(a) ? 1 : -1))

  // The same examples: the same rows and every shared column alike (a column only added, or each
  // run's own prediction column of one file, is not other data).
  const sharedData = runs.every(({ run }) => !datasetChange(runs[0].run.dataset, run.dataset, outputColumnsOf(run)).changed)
  const testNote = noteOn(testing, sharedData)

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
    testing,
    rows,
    largestChanges: largestChanges.slice(0, options.maxLargest ?? 12),
    perClassLabels,
    confusion: confusionOf(runs),
  }
}

/** A change shown without a test: the two runs define the metric differently. */
function untestedChange(first: MetricCell, current: MetricCell): MetricChange | undefined {
  if (first.value === undefined || current.value === undefined) return undefined
  return { change: current.value - first.value, verdict: 'untested', untestedReason: 'defined differently' }
}

/**
 * How run `index` is tested against the first: not at all when every metric is defined
 * differently (another model type, label set or posLabel), else paired where the rows allow,
 * with the metrics another `average` or defining option (`stemmer`) defines left untested; the
 * note names what differs.
 */
function testRun(rows: readonly MetricRow[], index: number, first: NamedRun, current: NamedRun, difference: DefinitionDifference | undefined): RunTesting {
  if (difference === undefined) return testPaired(rows, index, pairRuns(first, current), current.run.exampleCount)
  const definition = definitionNote(index + 1, difference)
  if (difference.affects === undefined) return { paired: false, reason: definition, fallbacks: [], definition, untested: true }
  return { ...testPaired(rows, index, pairRuns(first, current), current.run.exampleCount), definition }
}

/** The note above the tables: which runs got paired tests, which the unpaired one and why. */
function noteOn(testing: ReadonlyArray<RunTesting | undefined>, sharedData: boolean): string {
  const parts: string[] = []
  const paired = testing.flatMap((t, i) => (t?.paired ? [i + 1] : []))
  const unpaired = testing.flatMap((t, i) => (t && !t.paired && !t.untested ? [{ run: i + 1, reason: t.reason ?? '' }] : []))
  if (paired.length > 0) {
    parts.push(
      `Run${paired.length > 1 ? 's' : ''} ${paired.join(', ')} share${paired.length > 1 ? '' : 's'} the first run's rows: each change is tested paired, as the gate tests a baseline ` +
        `(exact McNemar, label permutation, paired mean, paired DeLong or paired resampling; two-sided p = 2 x the smaller one-sided p), with Holm over each run's family at ${COMPARE_ALPHA}.`,
    )
    for (const [i, t] of testing.entries()) {
      for (const fallback of t?.fallbacks ?? []) {
        parts.push(`Run ${i + 1}: no paired test for ${fallback.rows.join(', ')}: ${fallback.reason}; ${fallback.untested ? 'no interval is stored for the unpaired test either, so untested' : 'unpaired normal test from the stored intervals instead'}.`)
      }
      const named = t?.leftOut && (t.leftOut.length > 6 ? `${t.leftOut.slice(0, 5).join(', ')} and ${t.leftOut.length - 5} more` : t.leftOut.join(', '))
      if (t?.leftOut) parts.push(`Run ${i + 1}: ${named} left out of Holm's family: too few rows differ for any p of ${t.leftOut.length > 1 ? 'their tests' : 'its test'} to reach ${COMPARE_ALPHA}, so no clear change.`)
    }
  }
  if (unpaired.length > 0) {
    parts.push(
      `Changes of run${unpaired.length > 1 ? 's' : ''} ${unpaired.map((u) => u.run).join(', ')} are tested with an unpaired normal test (${COMPARE_TEST_METHOD}) from the two stored intervals, each at two-sided p < ${COMPARE_ALPHA}: ` +
        [...new Set(unpaired.map((u) => u.reason))].join('; ') +
        '.',
    )
    if (sharedData) parts.push('These runs share their data, so the unpaired test is conservative: a paired test could find smaller changes.')
  }
  if (!sharedData && paired.length === 0 && unpaired.length > 0) parts.push('The changes mix model and data differences.')
  for (const t of testing) if (t?.definition) parts.push(t.definition)
  return parts.join(' ')
}

/** The label of a row in notes: `f1_score` or `f1_score (category=billing)`. */
function rowLabel(row: MetricRow): string {
  return row.scope === 'overall' ? row.metric : `${row.metric} (${row.scope})`
}

/**
 * Replaces the unpaired tests of run `index`'s changes by paired ones where `pairing` allows
 * (one test per distinct hypothesis, Holm over the family), as the gate does.
 */
function testPaired(rows: readonly MetricRow[], index: number, pairing: RunPairing, n: number): RunTesting {
  if (!pairing.paired) return { paired: false, reason: pairing.reason, fallbacks: [] }
  const tested = rows.filter((row) => row.greaterIsBetter !== undefined && row.cells[0].value !== undefined && row.cells[index].value !== undefined && row.changes[index]?.untestedReason !== 'defined differently')
  const change = (row: MetricRow) => ({ scope: row.scope, metric: row.metric, greaterIsBetter: row.greaterIsBetter!, valueFirst: row.cells[0].value!, valueThis: row.cells[index].value! })
  const hypotheses = tested.map((row) => changeHypothesis(pairing, change(row), n))
  // (error_rate's own test on the failed-row counts has no such bound)
  const leftOut = new Set(hypotheses.filter((hypothesis, j) => tested[j].changes[index]?.test !== FAILED_ROWS_TEST && cannotReject(pairing, change(tested[j]), COMPARE_ALPHA)))
  const familySize = Math.max(1, new Set(hypotheses.filter((hypothesis) => !leftOut.has(hypothesis))).size)
  const byHypothesis = new Map<string, ReturnType<typeof testChangePaired>>()
  /** The row that was tested first for each hypothesis: a later row of it (a custom metric equal to a built-in on the same rows) repeats its test, and says so. */
  const testedFirst = new Map<string, string>()
  /** By reason and whether untested: the rows without a paired test. */
  const fallbacks = new Map<string, RunTesting['fallbacks'][number]>()
  const decided: Array<{ row: MetricRow; hypothesis: string; p: number }> = []
  tested.forEach((row, j) => {
    const current = row.changes[index]!
    // error_rate has its own test, on the failed-row counts: it joins Holm's family as it is
    if (current.test === FAILED_ROWS_TEST && current.pValue !== undefined) {
      decided.push({ row, hypothesis: hypotheses[j], p: current.pValue })
      return
    }
    let result = byHypothesis.get(hypotheses[j])
    const repeats = result !== undefined && !('unavailable' in result) ? testedFirst.get(hypotheses[j]) : undefined
    if (!result) {
      result = testChangePaired(pairing, change(row), familySize, COMPARE_ALPHA)
      byHypothesis.set(hypotheses[j], result)
      testedFirst.set(hypotheses[j], rowLabel(row))
    }
    if ('unavailable' in result) {
      // Without a stored interval there is no unpaired test either: the table says `untested`, and
      // the note must not claim the unpaired test for it (adversarial pass 32: QA p90 values).
      const untested = current.pValue === undefined
      const key = `${untested ? 'untested' : 'unpaired'}:${result.unavailable}`
      if (!result.unavailable.endsWith('depends on the data alone')) {
        const fallback = fallbacks.get(key) ?? { reason: result.unavailable, rows: [], ...(untested ? { untested } : {}) }
        fallback.rows.push(rowLabel(row))
        fallbacks.set(key, fallback)
      }
      if (current.pValue === undefined) return
      current.test = COMPARE_TEST_METHOD
    } else {
      // the row of another metric whose test this one repeats (review 61: a custom metric showed a built-in's test unmarked)
      const as = result.sameAs ?? (repeats !== undefined && repeats !== rowLabel(row) ? repeats : undefined)
      row.changes[index] = { change: current.change, pValue: result.pValue, verdict: 'no clear change', test: as !== undefined ? `${result.test} (as ${as})` : result.test, paired: result }
    }
    decided.push({ row, hypothesis: hypotheses[j], p: row.changes[index]!.pValue! })
  })
  // One p per hypothesis in Holm's step-down; rows of a hypothesis share its decision.
  const firstOf = new Map<string, number>()
  decided.forEach((item, i) => firstOf.has(item.hypothesis) || firstOf.set(item.hypothesis, i))
  const distinct = [...firstOf.values()].filter((i) => !leftOut.has(decided[i].hypothesis))
  const { rejected, levels } = holmRejections(distinct.map((i) => decided[i].p), COMPARE_ALPHA, familySize)
  const decision = new Map(distinct.map((i, k) => [decided[i].hypothesis, { rejected: rejected[k], level: levels[k] }]))
  for (const hypothesis of leftOut) decision.set(hypothesis, { rejected: false, level: COMPARE_ALPHA })
  for (const item of decided) {
    const result = item.row.changes[index]!
    const { rejected: isRejected, level } = decision.get(item.hypothesis)!
    const better = item.row.greaterIsBetter ? result.change > 0 : result.change < 0
    result.verdict = isRejected ? (better ? 'better' : 'worse') : 'no clear change'
    result.holm = leftOut.has(item.hypothesis) ? { level, familySize, leftOut: true } : { level, familySize }
  }
  // (the note names those that moved: a change of 0 is no clear change anyway)
  const outside = decided.filter((item) => leftOut.has(item.hypothesis) && item.row.changes[index]!.change !== 0).map((item) => rowLabel(item.row))
  return { paired: true, fallbacks: [...fallbacks.values()], familySize, ...(outside.length > 0 ? { leftOut: outside } : {}) }
}
