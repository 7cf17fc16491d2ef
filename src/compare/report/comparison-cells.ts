/**
 * Text of the compare tables, shared by the HTML page and the Markdown so both show the same
 * numbers: a value with its interval, a change with its test, a scope name.
 */
import { formatChange, formatMetricFixed } from '../../run/format-metric.js'
import { COMPARE_ALPHA, type MetricCell, type MetricChange, type RunComparison } from './run-comparison.js'

/**
 * `0.8234 [0.8012, 0.8441]`, `5.1700 (no interval)` where the engine withheld it (the run's notes
 * say why), the value alone where none was computed, or `—` when absent.
 */
export function formatCell(cell: MetricCell): string {
  if (cell.value === undefined) return '—'
  const value = formatMetricFixed(cell.value)
  if (cell.interval) return `${value} [${formatMetricFixed(cell.interval.lower)}, ${formatMetricFixed(cell.interval.upper)}]`
  return cell.intervalWithheld === true ? `${value} (no interval)` : value
}

/** A two-sided p-value: four decimals, `<0.0001` below. */
export function formatPValue(p: number | undefined): string {
  if (p === undefined || Number.isNaN(p)) return 'n/a'
  return p < 1e-4 ? '<0.0001' : p.toFixed(4)
}

/**
 * The verdict as a reader takes it: `better`, `worse`, `no clear change`, or, for a change whose
 * two-sided p is below the level but not below Holm's for its place in the run's family, `not
 * significant after correcting for 24 tests`. "No clear change" read odd beside a drop of 0.20
 * with p 0.0051, which the gate, testing one entry's family one-sided, had failed (adversarial
 * pass 67, F7).
 */
export function verdictWords(change: MetricChange): string {
  const holm = change.holm
  if (change.verdict !== 'no clear change' || holm === undefined || holm.leftOut === true || holm.familySize < 2) return change.verdict
  if (change.pValue === undefined || !(change.pValue < COMPARE_ALPHA)) return change.verdict
  return `not significant after correcting for ${holm.familySize} tests`
}

/** `+0.0412 (p 0.0031, better)`, `-0.0100 (untested: no interval)` (or `no direction`, `degenerate interval`), `—` when absent. */
export function formatChangeCell(change: MetricChange | undefined): string {
  if (!change) return '—'
  if (change.verdict === 'untested') return `${formatChange(change.change)} (untested: ${change.untestedReason ?? 'no interval'})`
  const test = change.paired ? `, ${change.test ?? change.paired.test}` : ''
  return `${formatChange(change.change)} (p ${formatPValue(change.pValue)}, ${verdictWords(change)}${test})`
}

/** The note's heading: `Paired tests.`, `Unpaired test.`, or both. */
export function testHeading(comparison: RunComparison): string {
  const paired = comparison.testing.some((t) => t?.paired)
  const unpaired = comparison.testing.some((t) => t && !t.paired)
  return paired && unpaired ? 'Paired and unpaired tests.' : paired ? 'Paired tests.' : 'Unpaired test.'
}

/** The scope as people read it: `overall`, or the slice key. */
export function scopeLabel(scope: string): string {
  return scope === 'overall' ? 'overall' : `slice ${scope}`
}
