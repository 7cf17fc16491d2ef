/**
 * `expect(run).toHaveMetric(name, threshold, options?)`: a run-level metric is at least
 * `threshold` (at most, for a metric where lower is better), or within `{ min?, max? }`.
 */
import { canonicalMetricName, metricOf } from './metric-lookup.js'
import { failedRowsOf } from '../../run/failed-rows.js'
import { receivedRun, type EvalgateMatcherState, type SyncExpectationResult } from './matcher-context.js'
import { checkThreshold, type Threshold, type ThresholdOptions } from './threshold-check.js'
import { zeroDivisionNote } from '../../run/zero-division-note.js'
import { withheldIntervalNote } from '../../run/interval-notes.js'

/** Asserts a run-level metric against a threshold. */
export function toHaveMetric(this: EvalgateMatcherState, received: unknown, name: string, threshold: Threshold, options?: ThresholdOptions): SyncExpectationResult {
  const run = receivedRun(this, received, 'toHaveMetric')
  const metric = metricOf(run, name)!
  const canonical = canonicalMetricName(name, run.metrics)
  const valueNote = zeroDivisionNote(run, canonical, run.perClass, 'the run')
  // why the engine withheld the interval, for confidence: 'lower' (adversarial pass 69: it guessed intervals: false)
  const withheld = metric.interval === undefined ? withheldIntervalNote(run.notes, canonical) : undefined
  const measurement = {
    label: canonical,
    metric: canonical,
    value: metric.value,
    greaterIsBetter: metric.greaterIsBetter,
    interval: metric.interval,
    exampleCount: run.exampleCount,
    failedRows: failedRowsOf(run),
    ...(run.name !== undefined ? { runName: run.name } : {}),
    ...(valueNote !== undefined ? { valueNote } : {}),
    ...(withheld !== undefined ? { noIntervalReason: withheld } : {}),
  }
  return checkThreshold(this, 'toHaveMetric', 'threshold', measurement, threshold, options, 'name, threshold')
}
