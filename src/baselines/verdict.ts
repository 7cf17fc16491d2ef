/**
 * The verdict of a run against its baseline entry, metric by metric, in MLflow's
 * `MetricThreshold` words plus a tolerance and a significance test:
 * - `threshold`, `minAbsoluteChange`, `minRelativeChange` are hard requirements on the point
 *   estimates (as in MLflow);
 * - a drop larger than `tolerance` (default 0) fails when it is significant at `significance`
 *   (default 0.05) and otherwise passes as `noise` with a warning. The test is McNemar's on the
 *   per-example correctness for accuracy when the data are unchanged (paired; only correctness is
 *   stored, so other metrics cannot be recomputed for the baseline model), else an unpaired
 *   normal test from the two stored intervals. `significance` is family-wise over the entry's
 *   metrics (Holm's step-down; `correction: 'none'` tests each metric at `significance`), so a
 *   model whose quality did not change rarely fails at random. `significance: false` gates on
 *   point estimates.
 * - an improvement passes and says that `vitest -u` would raise the bar.
 * Changed evaluation data (fingerprint or row count) fails unless `allowDataChange` is set.
 */
import type { BaselineComparison, BaselineMetricVerdict } from '../vitest/meta.js'
import type { EvalRun } from '../run/types.js'
import { getRunInternals } from '../run/internals.js'
import { mcnemarTest, unpairedChangeTest } from '../stats/index.js'
import { decodeCorrectness } from './correctness-bitset.js'
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

function sliceMask(run: EvalRun, sliceKey: string): Uint8Array | undefined {
  const internals = getRunInternals(run)
  const slice = run.slices[sliceKey]
  if (!internals || !slice) return undefined
  const columns = slice.columns.map((name) => internals.columns.get(name))
  if (columns.some((column) => column === undefined)) return undefined
  const mask = new Uint8Array(run.exampleCount)
  let count = 0
  for (let i = 0; i < run.exampleCount; i++) {
    let inside = true
    for (let c = 0; c < columns.length && inside; c++) inside = String(columns[c]![i]) === slice.values[c]
    if (inside) {
      mask[i] = 1
      count++
    }
  }
  return count === slice.exampleCount ? mask : undefined
}

interface DropTest {
  pValue: number
  test: string
}

function dropTest(
  run: EvalRun,
  entry: BaselineEntry,
  metric: string,
  sliceKey: string | undefined,
  stored: StoredMetric,
  current: number,
  greaterIsBetter: boolean,
  dataChanged: boolean,
): DropTest | undefined {
  const currentCorrect = getRunInternals(run)?.correct
  if (!dataChanged && metric === 'accuracy_score' && entry.correct && currentCorrect && entry.correct.length === currentCorrect.length) {
    const baselineCorrect = decodeCorrectness(entry.correct)
    const mask = sliceKey === undefined ? undefined : sliceMask(run, sliceKey)
    if (sliceKey === undefined || mask) {
      let losses = 0
      let gains = 0
      for (let i = 0; i < currentCorrect.length; i++) {
        if (mask && !mask[i]) continue
        if (baselineCorrect[i] && !currentCorrect[i]) losses++
        else if (!baselineCorrect[i] && currentCorrect[i]) gains++
      }
      const { pValue } = mcnemarTest(losses, gains)
      return { pValue: losses > gains ? pValue / 2 : 1 - pValue / 2, test: 'mcnemar' }
    }
  }
  const interval = sliceKey === undefined ? run.intervals[metric] : run.slices[sliceKey]?.intervals[metric]
  if (stored.lower !== undefined && stored.upper !== undefined && stored.level !== undefined && interval && Number.isFinite(interval.lower) && Number.isFinite(interval.upper)) {
    const { pValue } = unpairedChangeTest(
      { value: stored.value, lower: stored.lower, upper: stored.upper, level: stored.level },
      { value: current, lower: interval.lower, upper: interval.upper, level: interval.level },
      greaterIsBetter,
    )
    return { pValue, test: 'unpaired-normal' }
  }
  return undefined
}

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
  const pending: Array<{ row: BaselineMetricVerdict; alpha: number; text: string }> = []
  const dataChanged = entry.dataset.fingerprint !== run.dataset.fingerprint || entry.dataset.rowCount !== run.dataset.rowCount
  if (dataChanged) {
    const parts: string[] = []
    if (entry.dataset.rowCount !== run.dataset.rowCount) parts.push(`${entry.dataset.rowCount} -> ${run.dataset.rowCount} rows`)
    if (entry.dataset.fingerprint !== run.dataset.fingerprint) parts.push(`fingerprint ${entry.dataset.fingerprint.slice(0, 12)} -> ${run.dataset.fingerprint.slice(0, 12)}`)
    notes.push(`evaluation data changed: ${parts.join(', ')}${options.allowDataChange ? ' (allowed: compared with unpaired tests)' : '; pass { allowDataChange: true } to compare anyway, or run `vitest -u` to accept the new data'}`)
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
    allowed.push(`${greaterIsBetter ? '-' : '+'}${formatValue(tolerance)} (tolerance)`)
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
      const tested = dropTest(run, entry, metric, sliceKey, stored, current, greaterIsBetter, dataChanged)
      if (!tested) {
        row.verdict = 'fail'
        row.test = 'none'
        notes.push(`${label(metric, sliceKey)}: no interval stored, so the drop was judged on point estimates`)
        return
      }
      row.pValue = tested.pValue
      row.test = tested.test
      pending.push({ row, alpha: significance, text: `${label(metric, sliceKey)} fell from ${formatValue(stored.value)} to ${formatValue(current)} (${formatSigned(change)}), beyond the tolerance but within noise` })
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
  pending.sort((a, b) => a.row.pValue! - b.row.pValue!)
  let rejecting = true
  pending.forEach((item, rank) => {
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
