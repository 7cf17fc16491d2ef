/**
 * The verdict of a run against its baseline entry, metric by metric, in MLflow's
 * `MetricThreshold` words plus a tolerance and a significance test:
 * - `threshold`, `minAbsoluteChange`, `minRelativeChange` are hard requirements on the point
 *   estimates (as in MLflow);
 * - a drop larger than `tolerance` (default 0) fails when it is significant at `significance`
 *   (default 0.05) and otherwise passes as `noise` with a warning. When the data are unchanged
 *   the test is paired: McNemar's on the per-example correctness for accuracy, a paired
 *   bootstrap on the stored per-example predictions for every other metric they give (see
 *   `paired-baseline-test.ts`); metrics needing probabilities, custom metrics, entries without
 *   predictions (older files, above 200,000 classifier or 20,000 regressor examples) and
 *   changed data use an unpaired normal test from the two stored intervals, and a note says
 *   when a paired test was not possible. `significance` is family-wise over the entry's
 *   metrics (Holm's step-down; `correction: 'none'` tests each metric at `significance`), so a
 *   model whose quality did not change rarely fails at random. `significance: false` gates on
 *   point estimates.
 * - an improvement passes and says that `vitest -u` would raise the bar.
 * Changed evaluation data (fingerprint or row count) fails unless `allowDataChange` is set.
 */
import type { BaselineComparison, BaselineMetricVerdict } from '../run/verdicts.js'
import type { EvalRun } from '../run/types.js'
import { getRunInternals } from '../run/internals.js'
import { mcnemarTest, unpairedChangeTest } from '../stats/index.js'
import { decodeCorrectness } from './correctness-bitset.js'
import { PairedBaseline, pairedResamples } from './paired-baseline-test.js'
import { SliceRowIndex } from './slice-rows.js'
import type { BaselineEntry, BaselineOptions, MetricGateOptions, StoredMetric } from './types.js'

/** Changes smaller than this are treated as no change (floating-point noise). */
const EPSILON = 1e-12

/** What the comparison decided, before the update mode is applied. */
export interface BaselineVerdict {
  status: 'passed' | 'failed' | 'data-changed'
  rows: BaselineMetricVerdict[]
  notes: string[]
  /** Warnings for the test (within-noise drops). */
  warnings: string[]
  dataChanged: boolean
}

/** Formats a metric value for tables and messages: integers as is, others with 4 decimals. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '-'
  if (Number.isInteger(value)) return String(value)
  return value.toFixed(4)
}

function formatSigned(value: number): string {
  return `${value >= 0 ? '+' : ''}${formatValue(value)}`
}

type TestName = 'mcnemar' | 'paired-bootstrap' | 'unpaired-normal'

/** A drop's significance test, run once the number of compared metrics (Holm) is known. */
interface DropTest {
  /** The test expected to decide (shown until `decide` runs). */
  test: TestName
  /** Runs the test; a paired bootstrap with no defined resample falls back to the unpaired test. */
  decide(resamples: number): { pValue: number; test: TestName }
}

/** What the drop tests of one comparison share: the paired data and the slices' rows. */
interface DropTestContext {
  run: EvalRun
  entry: BaselineEntry
  dataChanged: boolean
  sliceRows: SliceRowIndex
  paired: PairedBaseline | undefined
  /** Why there is no paired data for the entry, when there is none. */
  pairedReason: string | undefined
  /** Why paired tests fell back to the unpaired one: reason -> metric labels. */
  fallbacks: Map<string, string[]>
}

/** Whether the two runs' examples line up row by row (no row failed in either model). */
function examplesLineUp(entry: BaselineEntry, run: EvalRun): boolean {
  return entry.exampleCount === entry.dataset.rowCount && run.exampleCount === run.dataset.rowCount
}

function mcnemarDropTest(context: DropTestContext, sliceKey: string | undefined): DropTest | undefined {
  const { run, entry } = context
  const currentCorrect = getRunInternals(run)?.correct
  if (!entry.correct || !currentCorrect || entry.correct.length !== currentCorrect.length || !examplesLineUp(entry, run)) return undefined
  const rows = sliceKey === undefined ? undefined : context.sliceRows.rows(sliceKey)
  if (sliceKey !== undefined && !rows) return undefined
  const baselineCorrect = decodeCorrectness(entry.correct)
  let losses = 0
  let gains = 0
  const count = rows ? rows.length : currentCorrect.length
  for (let j = 0; j < count; j++) {
    const i = rows ? rows[j] : j
    if (baselineCorrect[i] && !currentCorrect[i]) losses++
    else if (!baselineCorrect[i] && currentCorrect[i]) gains++
  }
  const { pValue } = mcnemarTest(losses, gains)
  const oneSided = losses > gains ? pValue / 2 : 1 - pValue / 2
  return { test: 'mcnemar', decide: () => ({ pValue: oneSided, test: 'mcnemar' }) }
}

function unpairedDropTest(run: EvalRun, metric: string, sliceKey: string | undefined, stored: StoredMetric, current: number, greaterIsBetter: boolean): DropTest | undefined {
  const interval = sliceKey === undefined ? run.intervals[metric] : run.slices[sliceKey]?.intervals[metric]
  if (stored.lower === undefined || stored.upper === undefined || stored.level === undefined || !interval || !Number.isFinite(interval.lower) || !Number.isFinite(interval.upper)) return undefined
  const { pValue } = unpairedChangeTest(
    { value: stored.value, lower: stored.lower, upper: stored.upper, level: stored.level },
    { value: current, lower: interval.lower, upper: interval.upper, level: interval.level },
    greaterIsBetter,
  )
  return { test: 'unpaired-normal', decide: () => ({ pValue, test: 'unpaired-normal' }) }
}

/**
 * The test deciding a drop: with unchanged data, McNemar for accuracy and a paired bootstrap
 * for every metric recomputable from the stored predictions; otherwise (or when the paired
 * bootstrap is undefined) the unpaired normal test from the two intervals. Undefined when no
 * test is possible (no intervals).
 */
function dropTest(context: DropTestContext, metric: string, sliceKey: string | undefined, stored: StoredMetric, current: number, greaterIsBetter: boolean): DropTest | undefined {
  const unpaired = unpairedDropTest(context.run, metric, sliceKey, stored, current, greaterIsBetter)
  if (context.dataChanged) return unpaired
  if (metric === 'accuracy_score') {
    const mcnemar = mcnemarDropTest(context, sliceKey)
    if (mcnemar) return mcnemar
  }
  const fellBack = (reason: string): void => {
    const labels = context.fallbacks.get(reason) ?? []
    labels.push(label(metric, sliceKey))
    context.fallbacks.set(reason, labels)
  }
  if (!context.paired) {
    // Entries without predictions: only metrics the predictions could have given are noted.
    if (unpaired && context.pairedReason && (context.run.modelType === 'regressor' ? REGRESSOR_RECOMPUTABLE : CLASSIFIER_RECOMPUTABLE).has(metric)) fellBack(context.pairedReason)
    return unpaired
  }
  const rows = sliceKey === undefined ? null : context.sliceRows.rows(sliceKey)
  if (rows === undefined) {
    if (unpaired) fellBack("the slice's rows could not be regrouped from the run's columns")
    return unpaired
  }
  const paired = context.paired.test(metric, sliceKey, rows, stored.value, current, greaterIsBetter)
  if (!paired) return unpaired
  if (!paired.test) {
    if (unpaired) fellBack(paired.mismatch!)
    return unpaired
  }
  const test = paired.test
  return {
    test: 'paired-bootstrap',
    decide: (resamples) => {
      const pValue = test.pValue(resamples)
      if (!Number.isNaN(pValue)) return { pValue, test: 'paired-bootstrap' }
      if (!unpaired) return { pValue: Number.NaN, test: 'paired-bootstrap' }
      fellBack('the paired bootstrap had no resample where the metric is defined')
      return unpaired.decide(resamples)
    },
  }
}

/** Metrics the stored predictions can give, for the note on entries that have none. */
const CLASSIFIER_RECOMPUTABLE = new Set(['precision_score', 'recall_score', 'f1_score', 'balanced_accuracy_score', 'matthews_corrcoef', 'true_negatives', 'false_positives', 'false_negatives', 'true_positives'])
const REGRESSOR_RECOMPUTABLE = new Set(['mean_absolute_error', 'mean_squared_error', 'root_mean_squared_error', 'r2_score', 'max_error', 'mean_absolute_percentage_error'])

function currentValue(run: EvalRun, metric: string, sliceKey: string | undefined): number | undefined {
  const value = sliceKey === undefined ? run.metrics[metric] : run.slices[sliceKey]?.metrics[metric]
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

function label(metric: string, sliceKey: string | undefined): string {
  return sliceKey === undefined ? metric : `${metric}[${sliceKey}]`
}

/**
 * Compares `run` with its stored `entry`, metric by metric (overall, then every stored slice).
 * @example compareWithBaseline(entry, run, { tolerance: 0.01 }).status // 'passed'
 */
export function compareWithBaseline(entry: BaselineEntry, run: EvalRun, options: BaselineOptions = {}): BaselineVerdict {
  const notes: string[] = []
  const warnings: string[] = []
  const rows: BaselineMetricVerdict[] = []
  const improved: string[] = []
  /** Drops beyond the tolerance whose test decides them, settled together (Holm) at the end. */
  const pending: Array<{ row: BaselineMetricVerdict; alpha: number; text: string; tested: DropTest }> = []
  const dataChanged = entry.dataset.fingerprint !== run.dataset.fingerprint || entry.dataset.rowCount !== run.dataset.rowCount
  if (dataChanged) {
    const parts: string[] = []
    if (entry.dataset.rowCount !== run.dataset.rowCount) parts.push(`${entry.dataset.rowCount} -> ${run.dataset.rowCount} rows`)
    if (entry.dataset.fingerprint !== run.dataset.fingerprint) parts.push(`fingerprint ${entry.dataset.fingerprint.slice(0, 12)} -> ${run.dataset.fingerprint.slice(0, 12)}`)
    notes.push(`evaluation data changed: ${parts.join(', ')}${options.allowDataChange ? ' (allowed: compared with unpaired tests)' : '; pass { allowDataChange: true } to compare anyway, or run `vitest -u` to accept the new data'}`)
  }

  const pairing = dataChanged ? {} : PairedBaseline.of(entry, run)
  const context: DropTestContext = {
    run,
    entry,
    dataChanged,
    sliceRows: new SliceRowIndex(run),
    paired: pairing.paired,
    pairedReason: pairing.reason,
    fallbacks: new Map(),
  }

  const compareOne = (metric: string, sliceKey: string | undefined, stored: StoredMetric | undefined): void => {
    const gate: MetricGateOptions = { ...options, ...options.perMetric?.[metric] }
    const current = currentValue(run, metric, sliceKey)
    const greaterIsBetter = gate.greaterIsBetter ?? stored?.greaterIsBetter ?? run.greaterIsBetter[metric] ?? true
    const row: BaselineMetricVerdict = {
      metric,
      baseline: stored?.value ?? null,
      current: current ?? null,
      change: stored !== undefined && current !== undefined ? current - stored.value : null,
      allowed: '',
      verdict: 'pass',
      greaterIsBetter,
    }
    if (sliceKey !== undefined) row.slice = sliceKey
    rows.push(row)
    if (stored === undefined) {
      row.verdict = 'new'
      row.allowed = 'not in baseline'
      notes.push(`${label(metric, sliceKey)} is not in the baseline yet: \`vitest -u\` would add it`)
      return
    }
    if (current === undefined) {
      row.verdict = 'missing'
      row.allowed = 'must be present'
      return
    }
    const change = current - stored.value
    const better = greaterIsBetter ? change : -change
    const allowed: string[] = []
    const failures: string[] = []
    const sign = greaterIsBetter ? '>=' : '<='
    if (gate.threshold !== undefined) {
      allowed.push(`${sign} ${formatValue(gate.threshold)} (threshold)`)
      if (greaterIsBetter ? current < gate.threshold : current > gate.threshold) failures.push('threshold')
    }
    if (gate.minAbsoluteChange !== undefined) {
      allowed.push(`${formatSigned(greaterIsBetter ? gate.minAbsoluteChange : -gate.minAbsoluteChange)} (minAbsoluteChange)`)
      if (better < gate.minAbsoluteChange - EPSILON) failures.push('minAbsoluteChange')
    }
    if (gate.minRelativeChange !== undefined) {
      allowed.push(`${formatSigned(gate.minRelativeChange * 100)}% (minRelativeChange)`)
      const relative = stored.value === 0 ? better : better / Math.abs(stored.value)
      if (relative < gate.minRelativeChange - EPSILON) failures.push('minRelativeChange')
    }
    const tolerance = gate.tolerance ?? 0
    allowed.push(`${tolerance === 0 ? '' : greaterIsBetter ? '-' : '+'}${formatValue(tolerance)} (tolerance)`)
    row.allowed = allowed.join(', ')
    if (failures.length > 0) {
      row.verdict = 'fail'
      row.test = 'none'
      return
    }
    if (better < -tolerance - EPSILON) {
      const significance = gate.significance ?? 0.05
      if (significance === false) {
        row.verdict = 'fail'
        row.test = 'none'
        return
      }
      const tested = dropTest(context, metric, sliceKey, stored, current, greaterIsBetter)
      if (!tested) {
        row.verdict = 'fail'
        row.test = 'none'
        notes.push(`${label(metric, sliceKey)}: no interval stored, so the drop was judged on point estimates`)
        return
      }
      row.test = tested.test
      pending.push({ row, alpha: significance, tested, text: `${label(metric, sliceKey)} ${change > 0 ? 'rose' : 'fell'} from ${formatValue(stored.value)} to ${formatValue(current)} (${formatSigned(change)}, worse), beyond the tolerance but within noise` })
      return
    }
    if (better > EPSILON) {
      row.verdict = 'improved'
      improved.push(`${label(metric, sliceKey)} ${formatValue(stored.value)} -> ${formatValue(current)}`)
    }
  }

  const trackedNow = new Set(Object.keys(entry.metrics))
  for (const [metric, stored] of Object.entries(entry.metrics)) compareOne(metric, undefined, stored)
  for (const metric of options.metrics ?? []) if (!trackedNow.has(metric)) compareOne(metric, undefined, undefined)
  for (const [sliceKey, slice] of Object.entries(entry.slices)) {
    if (!run.slices[sliceKey]) {
      rows.push({ metric: '(slice)', slice: sliceKey, baseline: slice.exampleCount, current: null, change: null, allowed: 'must be present', verdict: 'missing', greaterIsBetter: true })
      continue
    }
    for (const [metric, stored] of Object.entries(slice.metrics)) compareOne(metric, sliceKey, stored)
  }
  // Holm's step-down over every metric compared in this entry, so that `significance` is the
  // chance that an unchanged model fails the entry at all, not per metric.
  const compared = rows.filter((row) => row.baseline !== null && row.current !== null).length
  const holm = options.correction !== 'none'
  for (const item of pending) {
    const { pValue, test } = item.tested.decide(pairedResamples(item.alpha, holm ? compared : 1))
    item.row.pValue = pValue
    item.row.test = test
  }
  for (const item of pending.filter((candidate) => Number.isNaN(candidate.row.pValue))) {
    item.row.verdict = 'fail'
    item.row.test = 'none'
    delete item.row.pValue
    notes.push(`${label(item.row.metric, item.row.slice)}: no test could be computed, so the drop was judged on point estimates`)
  }
  const decided = pending.filter((item) => item.row.pValue !== undefined)
  decided.sort((a, b) => a.row.pValue! - b.row.pValue!)
  let rejecting = true
  decided.forEach((item, rank) => {
    const alpha = holm ? item.alpha / Math.max(1, compared - rank) : item.alpha
    rejecting = rejecting && item.row.pValue! < alpha
    if (rejecting) {
      item.row.verdict = 'fail'
    } else {
      item.row.verdict = 'noise'
      const level = holm ? `alpha ${item.alpha} over ${compared} metrics, Holm: ${Number(alpha.toPrecision(2))}` : `alpha ${item.alpha}`
      warnings.push(`${item.text} (p=${item.row.pValue!.toPrecision(2)}, ${item.row.test}, ${level})`)
    }
  })
  for (const [reason, labels] of context.fallbacks) {
    notes.push(`no paired bootstrap for ${labels.join(', ')}: ${reason}; tested with the unpaired test from the stored intervals instead`)
  }
  if (improved.length > 0) {
    notes.push(`${improved.length} metric${improved.length === 1 ? '' : 's'} improved (${improved.join(', ')}): \`vitest -u\` would raise the bar`)
  }
  const failed = rows.some((row) => row.verdict === 'fail' || row.verdict === 'missing')
  const status = dataChanged && !options.allowDataChange ? 'data-changed' : failed ? 'failed' : 'passed'
  return { status, rows, notes, warnings, dataChanged }
}

/** Attaches the verdict's rows to a comparison record for `task.meta`. */
export function toComparison(verdict: BaselineVerdict, key: string, file: string, status: BaselineComparison['status'], runName?: string): BaselineComparison {
  const comparison: BaselineComparison = { key, file, status, rows: verdict.rows, notes: [...verdict.notes, ...verdict.warnings] }
  if (runName !== undefined) comparison.runName = runName
  return comparison
}
