/**
 * `expect(run).toHaveSliceGap({ column, metric, max })`: the gap between the best and the worst
 * slice of `column` on `metric` is at most `max`. Slices below `minSliceSize` are left out and
 * named in the message; fewer than two decidable slices cannot be judged.
 */
import { ConfigError } from '../../errors.js'
import type { GateResult } from '../../run/verdicts.js'
import { recordGate, recordWarning } from '../task-meta.js'
import { canonicalMetricName, explainsMetric, metricOf } from './metric-lookup.js'
import { currentTask, receivedRun, type EvalgateMatcherState, type SyncExpectationResult } from './matcher-context.js'
import { slicesOf } from './slice-lookup.js'
import { formatBound, formatMetric, formatMetricApart } from '../../run/format-metric.js'
import { checkThresholdInRange } from './metric-range.js'
import { undecidable } from './threshold-check.js'
import { checkKeys } from '../../run/option-keys.js'
import { showControls } from '../../run/visible-controls.js'

export interface SliceGapExpectation {
  column: string | string[]
  metric: string
  max: number
}

const SLICE_GAP_KEYS = ['column', 'metric', 'max'] as const satisfies ReadonlyArray<keyof SliceGapExpectation>

/** Asserts the best-to-worst slice gap of a metric. */
export function toHaveSliceGap(this: EvalgateMatcherState, received: unknown, expectation: SliceGapExpectation): SyncExpectationResult {
  const run = receivedRun(this, received, 'toHaveSliceGap')
  checkKeys(expectation, SLICE_GAP_KEYS, { who: 'toHaveSliceGap', where: 'the expectation', code: 'matcher-unknown-option' })
  if (typeof expectation?.max !== 'number' || !expectation.column || !expectation.metric) {
    throw new ConfigError('slice-gap-options', 'toHaveSliceGap: pass { column, metric, max }')
  }
  const metric = canonicalMetricName(expectation.metric, run.metrics)
  checkThresholdInRange('toHaveSliceGap', metric, 'max', expectation.max, true)
  const columnLabel = Array.isArray(expectation.column) ? expectation.column.join(' x ') : expectation.column
  const slices = slicesOf(run, expectation.column)
  if (!slices) throw new ConfigError('slice-not-available', `toHaveSliceGap: column ${columnLabel} was not declared in evaluate({ slices }) and the run is not in memory`)
  const greaterIsBetter = run.greaterIsBetter[metric] ?? true
  const decided = Object.values(slices).filter((slice) => typeof slice.metrics[metric] === 'number')
  // A metric no slice has and the run has not either is a name the run does not know (a typo, ndcg_at_5 where k is 3): metricOf says so, with the names it has.
  if (decided.length === 0) metricOf(run, metric)
  // A slice below minSliceSize reports only its size; a larger one without the metric left it out for a reason its notes give (roc_auc: one class only).
  const tooSmall = Object.values(slices).filter((slice) => typeof slice.metrics[metric] !== 'number' && Object.keys(slice.metrics).length === 0)
  const without = Object.values(slices).filter((slice) => typeof slice.metrics[metric] !== 'number' && Object.keys(slice.metrics).length > 0)
  const hint = this.utils.matcherHint('toHaveSliceGap', 'run', '{ column, metric, max }', { isNot: this.isNot })
  const gateBase = { kind: 'slice-gap' as const, matcher: 'toHaveSliceGap', metric, ...(run.name !== undefined ? { runName: run.name } : {}) }
  const withoutText = without.map((s) => `${s.key} (n=${s.exampleCount}${s.notes.filter((note) => explainsMetric(note, metric)).map((note) => `: ${note}`)[0] ?? ''})`).join(', ')
  const smallText = [
    ...(tooSmall.length ? [`left out (below minSliceSize ${run.minSliceSize}): ${tooSmall.map((s) => `${s.key} (n=${s.exampleCount})`).join(', ')}`] : []),
    ...(without.length ? [`left out (no ${metric} in the slice): ${withoutText}`] : []),
  ].join('; ')
  if (decided.length < 2) {
    return undecidable(this, { ...gateBase, title: `${metric} gap over ${columnLabel} undecidable` }, hint,
      `fewer than two slices of ${columnLabel} have ${metric}; ${smallText || 'the column has a single value'}`)
  }
  decided.sort((a, b) => (greaterIsBetter ? b.metrics[metric] - a.metrics[metric] : a.metrics[metric] - b.metrics[metric]))
  const best = decided[0]
  const worst = decided[decided.length - 1]
  const gap = Math.abs(best.metrics[metric] - worst.metrics[metric])
  const meets = gap <= expectation.max
  const pass = this.isNot ? !meets : meets
  // Metric, column and slice names come from the data: the message shows their controls as escapes.
  const shownMetric = showControls(metric)
  const shownColumn = showControls(columnLabel)
  const keyWidth = Math.max(...decided.map((s) => showControls(s.key).length))
  const table = decided.map((slice) => `  ${showControls(slice.key).padEnd(keyWidth)}  ${formatMetric(slice.metrics[metric])}  (n=${slice.exampleCount})`)
  const lines = [
    `the gap in ${shownMetric} between the best and the worst slice of ${shownColumn} should ${this.isNot ? 'not ' : ''}be <= ${formatBound(expectation.max)}`,
    '',
    `Expected: ${this.isNot ? 'not ' : ''}<= ${this.utils.printExpected(expectation.max)}`,
    `Received: ${this.utils.RECEIVED_COLOR(formatMetricApart(gap, expectation.max))} (best ${showControls(best.key)} ${formatMetric(best.metrics[metric])}, worst ${showControls(worst.key)} ${formatMetric(worst.metrics[metric])})`,
    '',
    'Slices:',
    ...table,
    ...(smallText ? ['', showControls(smallText)] : []),
  ]
  const gate: GateResult = { ...gateBase, title: `${metric} gap over ${columnLabel} ${this.isNot ? 'not ' : ''}<= ${formatBound(expectation.max)}`, pass, negated: this.isNot, value: gap, threshold: expectation.max, message: lines.join('\n') }
  const task = currentTask(this)
  recordGate(task, gate)
  // A gap that passes says nothing of the slices it left out; their sizes are the only trace
  // (adversarial pass 35: a 10-row slice at accuracy 0 passed a gap of 0.05 silently).
  if ((tooSmall.length > 0 || without.length > 0) && pass) {
    const why = tooSmall.length > 0 ? ' (a slice below minSliceSize reports only its size)' : ''
    const fix = tooSmall.length > 0 ? '; lower evaluate({ minSliceSize }) to judge them too' : ''
    recordWarning(task, `toHaveSliceGap: ${showControls(smallText)}${why}; the gap of ${shownMetric} over ${shownColumn} is that of the other ${decided.length} slices${fix}`, run.name)
  }
  return { pass: meets, message: () => `${hint}\n\n${lines.join('\n')}` }
}
