/**
 * `expect(run).toHaveSliceMetric(slice, name, threshold, options?)`: a metric of one slice
 * (`'category=technical_support'`, or a bare value held by exactly one slice column). A slice
 * below the run's `minSliceSize` has no metrics and fails as too small to decide.
 */
import { canonicalMetricName, metricOf } from './metric-lookup.js'
import { receivedRun, type EvalgateMatcherState, type SyncExpectationResult } from './matcher-context.js'
import { findSlice } from './slice-lookup.js'
import { checkThreshold, undecidable, type Threshold, type ThresholdOptions } from './threshold-check.js'
import { zeroDivisionNote } from '../../run/zero-division-note.js'
import { withheldIntervalNote } from '../../run/interval-notes.js'

/** Shared by `toHaveSliceMetric` and the shorthands (`toHaveSliceF1`, ...). */
export function checkSliceMetric(
  state: EvalgateMatcherState,
  matcherName: string,
  received: unknown,
  slice: string,
  name: string,
  threshold: Threshold,
  options: ThresholdOptions | undefined,
  expectedArgs: string,
): SyncExpectationResult {
  const run = receivedRun(state, received, matcherName)
  const found = findSlice(run, slice)
  const metric = canonicalMetricName(name, run.metrics)
  const label = `${metric}[${found.key}]`
  const value = metricOf(run, metric, found)
  if (!value) {
    const hint = state.utils.matcherHint(matcherName, 'run', expectedArgs, { isNot: state.isNot })
    const reason = `slice ${found.key} is too small to decide ${metric}: ${found.exampleCount} examples, below the run's minSliceSize of ${run.minSliceSize} (of ${run.exampleCount} examples in the run). Lower evaluate({ minSliceSize }) or collect more examples for this slice.`
    return undecidable(state, { kind: 'slice', matcher: matcherName, title: `${label} too small to decide`, metric, slice: found.key, ...(run.name !== undefined ? { runName: run.name } : {}) }, hint, reason)
  }
  const valueNote = zeroDivisionNote(run, metric, found.perClass, `slice ${found.key}`)
  // why the engine withheld the interval, for confidence: 'lower' (adversarial pass 69: it guessed intervals: false)
  const withheld = value.interval === undefined ? withheldIntervalNote([...found.notes, ...run.notes], metric) : undefined
  return checkThreshold(
    state,
    matcherName,
    'slice',
    {
      label,
      metric,
      value: value.value,
      greaterIsBetter: value.greaterIsBetter,
      interval: value.interval,
      exampleCount: found.exampleCount,
      slice: found.key,
      runExampleCount: run.exampleCount,
      ...(run.name !== undefined ? { runName: run.name } : {}),
      ...(valueNote !== undefined ? { valueNote } : {}),
      ...(withheld !== undefined ? { noIntervalReason: withheld } : {}),
    },
    threshold,
    options,
    expectedArgs,
  )
}

/** Asserts a slice's metric against a threshold. */
export function toHaveSliceMetric(this: EvalgateMatcherState, received: unknown, slice: string, name: string, threshold: Threshold, options?: ThresholdOptions): SyncExpectationResult {
  return checkSliceMetric(this, 'toHaveSliceMetric', received, slice, name, threshold, options, 'slice, name, threshold')
}
