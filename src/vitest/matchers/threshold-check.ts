/**
 * The shared core of the threshold matchers: which bound is asserted (`point` value or the
 * interval bound with `confidence: 'lower'`), the within-noise warning, the failure message
 * (matcher hint, value, threshold, interval, number of examples, slice size) and the
 * `GateResult` written to `task.meta`.
 */
import { ConfigError } from '../../errors.js'
import { formatBound, formatMetric, formatMetricApart } from '../../run/format-metric.js'
import type { MetricInterval } from '../../run/types.js'
import type { GateResult } from '../../run/verdicts.js'
import { workerOptions, type Confidence } from '../options.js'
import { recordGate, recordWarning } from '../task-meta.js'
import { currentTask, type EvalgateMatcherState, type SyncExpectationResult } from './matcher-context.js'
import { checkThresholdInRange } from './metric-range.js'
import { checkKeys } from '../../run/option-keys.js'
import { showControls } from '../../run/visible-controls.js'

/** A number (at least, or at most when lower is better) or explicit bounds. */
export type Threshold = number | { min?: number; max?: number; confidence?: Confidence }

/** The keys of a threshold object, of the options, and the values of `confidence`. */
const THRESHOLD_KEYS = ['min', 'max', 'confidence'] as const satisfies ReadonlyArray<keyof Exclude<Threshold, number>>
const OPTION_KEYS = ['confidence'] as const satisfies ReadonlyArray<keyof ThresholdOptions>
const CONFIDENCES: readonly Confidence[] = ['point', 'lower']

export interface ThresholdOptions {
  /** `'point'` (default) asserts the value; `'lower'` the interval bound on the safe side. */
  confidence?: Confidence | undefined
}

/** The measured quantity a threshold matcher asserts on. */
export interface Measurement {
  /** E.g. `f1_score[category=technical_support]`. */
  label: string
  metric: string
  value: number
  greaterIsBetter: boolean
  interval?: MetricInterval
  exampleCount: number
  /** Slice key and the run's size, for slice assertions. */
  slice?: string
  runExampleCount?: number
  /** Rows whose prediction failed and were skipped (`onError: 'skip'`, not in `exampleCount`), of the set's rows (`failedRowsOf`). */
  failedRows?: { failed: number; rows: number }
  runName?: string
  /**
   * Why the measurement never has an interval (per-class metrics: the run's per-class table holds
   * point values), for the error when `confidence: 'lower'` asks for one.
   */
  noIntervalReason?: string
  /** Said beside the value when it was not measured (scikit-learn's zero_division made it 0). */
  valueNote?: string
}


/** The bounds as the test wrote them (`formatBound`): never rounded to look like the value they judge. */
function describeBounds(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `between ${formatBound(min)} and ${formatBound(max)}`
  if (min !== undefined) return `>= ${formatBound(min)}`
  return `<= ${formatBound(max!)}`
}

function printBounds(state: EvalgateMatcherState, min: number | undefined, max: number | undefined): string {
  const { printExpected } = state.utils
  if (min !== undefined && max !== undefined) return `between ${printExpected(min)} and ${printExpected(max)}`
  if (min !== undefined) return `>= ${printExpected(min)}`
  return `<= ${printExpected(max)}`
}

function describeInterval(interval: MetricInterval | undefined): string {
  if (!interval || !Number.isFinite(interval.lower) || !Number.isFinite(interval.upper)) return 'no interval'
  return `${Math.round(interval.level * 100)}% interval [${formatMetric(interval.lower)}, ${formatMetric(interval.upper)}] (${interval.method})`
}

function describeExamples(measurement: Measurement): string {
  if (measurement.slice !== undefined) {
    return `${measurement.exampleCount} examples in slice ${measurement.slice}${measurement.runExampleCount !== undefined ? ` (of ${measurement.runExampleCount})` : ''}`
  }
  const failedRows = measurement.failedRows
  if (failedRows === undefined || !(failedRows.failed > 0)) return `${measurement.exampleCount} examples`
  // error_rate is over every row, the other metrics over the rows scored (adversarial pass 36:
  // "100 examples" beside an error_rate of 0.75 over 400 rows).
  const { failed, rows } = failedRows
  return `${measurement.exampleCount} examples scored; ${failed} of ${rows} rows failed and were skipped (onError: 'skip'), so ${measurement.metric === 'error_rate' ? `error_rate is over all ${rows}` : `${measurement.metric} is over the ${measurement.exampleCount} scored`}`
}

/**
 * The confidence a check asserts with: the call's options, else the threshold object's, else the
 * plugin's default (`evalgate({ confidence })`), with whether it came from the plugin.
 */
function chosenConfidence(threshold: Threshold, options: ThresholdOptions | undefined): { confidence: Confidence; fromPlugin: boolean } {
  const given = options?.confidence ?? (typeof threshold === 'object' ? threshold.confidence : undefined)
  return given !== undefined ? { confidence: given, fromPlugin: false } : { confidence: workerOptions().confidence, fromPlugin: true }
}

/**
 * `confidence: 'lower'` on a measurement without an interval: an error, never a silent point
 * check (a gate written to hold at the interval's bound would pass on the value alone). It says
 * where the 'lower' came from, why there is no interval, and how to assert the value instead.
 */
function noIntervalError(matcherName: string, measurement: Measurement, fromPlugin: boolean): ConfigError {
  const source = fromPlugin ? ` (the plugin's default: evalgate({ confidence: 'lower' }))` : ''
  const reason = measurement.noIntervalReason ?? 'the run has none (evaluate({ intervals: false })?, or a metric without an interval)'
  return new ConfigError(
    'matcher-no-interval',
    `${matcherName}: confidence 'lower'${source} asserts the interval's bound, but ${measurement.label} has no interval: ${reason}; pass { confidence: 'point' } to this call to assert its value`,
  )
}

/**
 * The measurement as its messages show it: the label, slice and notes (names from the data) with
 * control and bidi characters as visible escapes, so a label or slice value cannot retitle or
 * clear the terminal that prints the failure; the gate keeps the slice key and run name as they are.
 *
 * @example shownMeasurement({ label: 'f1_score[seg=a\u001b[2J]', ... }).label // 'f1_score[seg=a\\x1b[2J]'
 */
function shownMeasurement(measurement: Measurement): Measurement {
  const shown: Measurement = { ...measurement, label: showControls(measurement.label) }
  if (measurement.slice !== undefined) shown.slice = showControls(measurement.slice)
  if (measurement.valueNote !== undefined) shown.valueNote = showControls(measurement.valueNote)
  return shown
}

/** What a matcher reports about a gate that cannot be decided (slice too small, no values). */
export function undecidable(
  state: EvalgateMatcherState,
  gate: Omit<GateResult, 'pass' | 'message'>,
  hint: string,
  reason: string,
): SyncExpectationResult {
  // The reason names slices, labels and metrics from the data: shown with their controls visible.
  const shownReason = showControls(reason)
  const message = `${hint}\n\n${shownReason}`
  recordGate(currentTask(state), { ...gate, pass: false, negated: state.isNot, message: shownReason })
  // Fails with and without `.not`: an undecidable check never passes.
  return { pass: state.isNot, message: () => message }
}

/**
 * Asserts `measurement` against `threshold`, records the gate (and a warning when the verdict
 * is within noise) and returns the matcher result.
 */
export function checkThreshold(
  state: EvalgateMatcherState,
  matcherName: string,
  kind: GateResult['kind'],
  measured: Measurement,
  threshold: Threshold,
  options: ThresholdOptions | undefined,
  expectedArgs = 'threshold',
): SyncExpectationResult {
  const measurement = shownMeasurement(measured)
  checkKeys(threshold, THRESHOLD_KEYS, { who: matcherName, where: 'the threshold', code: 'matcher-unknown-option' })
  checkKeys(options, OPTION_KEYS, { who: matcherName, where: 'the options', code: 'matcher-unknown-option' })
  if (typeof threshold !== 'number' && (typeof threshold !== 'object' || threshold === null || (threshold.min === undefined && threshold.max === undefined))) {
    throw new ConfigError('matcher-threshold', `${matcherName}: threshold must be a number or { min?, max? } with at least one bound, received ${state.utils.stringify(threshold)}`)
  }
  const min = typeof threshold === 'number' ? (measurement.greaterIsBetter ? threshold : undefined) : threshold.min
  const max = typeof threshold === 'number' ? (measurement.greaterIsBetter ? undefined : threshold) : threshold.max
  // A bound that is not a number, or a range no value can meet, is a mistake in the test, not a verdict.
  for (const [what, bound] of [[typeof threshold === 'number' ? 'threshold' : 'min', min], [typeof threshold === 'number' ? 'threshold' : 'max', max]] as const) {
    if (bound !== undefined && (typeof bound !== 'number' || Number.isNaN(bound))) {
      throw new ConfigError('matcher-threshold', `${matcherName}: ${what} must be a number, received ${state.utils.stringify(bound)} for ${measurement.label}`)
    }
  }
  if (min !== undefined && max !== undefined && min > max) {
    throw new ConfigError('matcher-threshold', `${matcherName}: min ${formatMetric(min)} is above max ${formatMetric(max)} for ${measurement.label}: no value can meet both; did you swap them?`)
  }
  checkThresholdInRange(matcherName, measurement.metric, typeof threshold === 'number' ? 'threshold' : 'min', min)
  checkThresholdInRange(matcherName, measurement.metric, typeof threshold === 'number' ? 'threshold' : 'max', max)
  const { confidence, fromPlugin } = chosenConfidence(threshold, options)
  if (!CONFIDENCES.includes(confidence)) {
    throw new ConfigError('matcher-confidence', `${matcherName}: confidence must be 'point' (the value) or 'lower' (the interval's bound on the safe side), received ${state.utils.stringify(confidence)}`)
  }
  const interval = measurement.interval && Number.isFinite(measurement.interval.lower) && Number.isFinite(measurement.interval.upper) ? measurement.interval : undefined
  if (confidence === 'lower' && !interval) throw noIntervalError(matcherName, measurement, fromPlugin)
  const testedMin = confidence === 'lower' ? interval!.lower : measurement.value
  const testedMax = confidence === 'lower' ? interval!.upper : measurement.value
  const meets = (min === undefined || testedMin >= min) && (max === undefined || testedMax <= max)
  const withinNoise =
    confidence === 'point' && interval !== undefined &&
    [min, max].some((bound) => bound !== undefined && bound >= interval.lower && bound <= interval.upper)
  const bounds = describeBounds(min, max)
  const hint = state.utils.matcherHint(matcherName, 'run', expectedArgs, { isNot: state.isNot })
  const subject = confidence === 'lower' ? `the ${min !== undefined ? 'lower' : 'upper'} bound of ${measurement.label}` : measurement.label
  const shown = confidence === 'lower' ? (min !== undefined ? interval!.lower : interval!.upper) : measurement.value
  const lines = [
    `${subject} should ${state.isNot ? 'not ' : ''}be ${bounds}`,
    '',
    `Expected: ${state.isNot ? 'not ' : ''}${printBounds(state, min, max)}`,
    // Rounded as every other number here, with more digits only when needed to tell it from the bound.
    `Received: ${state.utils.RECEIVED_COLOR(formatMetricApart(shown, min ?? max))}${confidence === 'lower' ? ` (point value ${formatMetric(measurement.value)})` : ''}`,
    '',
    `Interval: ${describeInterval(interval)}`,
    `Examples: ${describeExamples(measurement)}`,
  ]
  if (measurement.valueNote !== undefined) lines.push('', `Note: ${measurement.valueNote}.`)
  const noiseWarning = `${measurement.label} = ${formatMetricApart(measurement.value, min ?? max)} against ${bounds}: the verdict is within noise (the threshold lies inside the ${describeInterval(interval)}; ${describeExamples(measurement)})`
  if (withinNoise) lines.push('', `Note: the threshold lies inside the interval, so this verdict is within noise.`)
  const message = `${hint}\n\n${lines.join('\n')}`
  const pass = state.isNot ? !meets : meets
  const title = `${measurement.label} ${state.isNot ? 'not ' : ''}${bounds}${confidence === 'lower' ? ' (interval bound)' : ''}`
  const gate: GateResult = {
    kind,
    matcher: matcherName,
    title,
    pass,
    negated: state.isNot,
    metric: measurement.metric,
    value: measurement.value,
    withinNoise,
    message: pass ? (withinNoise ? noiseWarning : `${title}: ${formatMetricApart(measurement.value, min ?? max)}`) : lines.join('\n'),
  }
  const bound = min ?? max
  if (bound !== undefined) gate.threshold = bound
  if (interval) gate.interval = interval
  if (measured.slice !== undefined) gate.slice = measured.slice
  if (measured.runName !== undefined) gate.runName = measured.runName
  const task = currentTask(state)
  recordGate(task, gate)
  if (withinNoise) recordWarning(task, noiseWarning, measurement.runName)
  return { pass: meets, message: () => message }
}
