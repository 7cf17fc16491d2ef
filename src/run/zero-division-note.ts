/**
 * Precision, recall and F1 are ratios that scikit-learn sets to 0 when their denominator is 0
 * (`zero_division=0`): recall with no positive rows, precision with no predicted positives. The
 * run keeps that 0 (scikit-learn parity), so a threshold matcher says, beside the value, when the
 * 0 (or a 0 averaged in) was not measured: read from the scope's per-class counts, not its notes.
 */
import type { Average, EvalRun, PerClassMetrics } from './types.js'
import { ownValue } from './own-keys.js'

/** The per-class field each metric reads; F1 is ill-defined only when both of its ratios are. */
const PARTS: Readonly<Record<string, 'precision' | 'recall' | 'f1'>> = {
  precision_score: 'precision',
  recall_score: 'recall',
  f1_score: 'f1',
}

const CONVENTION = "by scikit-learn's zero_division convention (zero_division=0), not a measured 0"

/**
 * Whether one class's `part` is ill-defined (set to 0 by zero_division) for its `support` (rows in
 * the targets) and `predicted` (rows predicted as it): precision with none predicted, recall with
 * no rows, F1 = 2tp / (2tp + fp + fn) only with neither (a class whose rows were all missed, or
 * that has none but false alarms, has a measured F1 of 0: adversarial passes 58-59). The run's
 * notes (`classificationMetricsFromCounts`) and the matchers' notes both ask this.
 * @example ratioUndefined('f1', 20, 0) // false
 */
export function ratioUndefined(part: 'precision' | 'recall' | 'f1', support: number, predicted: number): boolean {
  if (part === 'precision') return predicted === 0
  if (part === 'recall') return support === 0
  return support === 0 && predicted === 0
}

/** Why `part` of one class is ill-defined (its denominator is 0), or undefined when it is not. */
function undefinedBecause(part: 'precision' | 'recall' | 'f1', row: PerClassMetrics, positive: boolean): string | undefined {
  if (!ratioUndefined(part, row.support, row.predicted)) return undefined
  const rows = positive ? `no positive rows (no "${row.label}" in the targets)` : `no rows of class "${row.label}" in the targets`
  const predicted = positive ? `no predicted positives (the model never predicts "${row.label}")` : `class "${row.label}" is never predicted`
  return [...(part !== 'precision' && row.support === 0 ? [rows] : []), ...(part !== 'recall' && row.predicted === 0 ? [predicted] : [])].join(' and ')
}

/**
 * The sentence a failure message adds when zero_division decided `metric` (canonical name) on a
 * scope with per-class table `perClass`: binary, the positive class's ratio is undefined; macro
 * or weighted, the classes averaged in as 0 (a class of weight 0 under `weighted` is left out).
 * Undefined when no ratio was ill-defined, or for other metrics.
 *
 * @example
 * zeroDivisionNote(run, 'recall_score', slice.perClass, 'slice group=z')
 * // 'recall_score is undefined on slice group=z: no positive rows (no "yes" in the targets), so it is 0 by ...'
 */
export function zeroDivisionNote(run: EvalRun, metric: string, perClass: readonly PerClassMetrics[] | undefined, scope: string): string | undefined {
  const part = ownValue(PARTS, metric)
  if (part === undefined || perClass === undefined) return undefined
  if (run.posLabel !== undefined) {
    const positive = perClass.find((row) => row.label === run.posLabel)
    const reason = positive && undefinedBecause(part, positive, true)
    return reason === undefined ? undefined : `${metric} is undefined on ${scope}: ${reason}, so it is 0 ${CONVENTION}`
  }
  const average: Average = run.average ?? 'weighted'
  if (average === 'micro') return undefined
  const reasons = perClass
    .filter((row) => average === 'macro' || row.support > 0)
    .map((row) => undefinedBecause(part, row, false))
    .filter((reason): reason is string => reason !== undefined)
  if (reasons.length === 0) return undefined
  return `${metric} (${average} average) on ${scope} averages in 0 for ${reasons.length === 1 ? 'a class whose' : `${reasons.length} classes whose`} ${part} is undefined (${reasons.join('; ')}), ${CONVENTION}`
}

/**
 * {@link zeroDivisionNote} for one row of the per-class table (`toHaveClassMetric`).
 *
 * @example
 * classZeroDivisionNote('recall', { label: 'eel', precision: 0, recall: 0, f1: 0, support: 0, predicted: 3 })
 * // 'recall[class=eel] is undefined: no rows of class "eel" in the targets, so it is 0 by ...'
 */
export function classZeroDivisionNote(part: 'precision' | 'recall' | 'f1', row: PerClassMetrics): string | undefined {
  const reason = undefinedBecause(part, row, false)
  return reason === undefined ? undefined : `${part}[class=${row.label}] is undefined: ${reason}, so it is 0 ${CONVENTION}`
}
