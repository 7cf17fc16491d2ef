/**
 * The metrics of one scope (the whole run, a slice, a resample) of a row-score model type: for
 * each per-row score, MLflow's aggregates over the scope's scored rows (`standardAggregations`:
 * mean, population variance, NumPy's linear p90; toxicity's ratio) and an interval for every
 * mean and ratio (the engine's `meanIntervals`: studentized bootstrap up to 20,000 rows, normal
 * above).
 */
import { standardAggregations } from '../../metrics/text/standard-aggregations.js'
import type { IntervalConfig, MetricInterval } from '../../run/types.js'
import type { IntervalMethods, MeanValues } from '../model-type.js'
import { aggregateNames, meanMetricName, type RowScoreMetric } from './row-score-metric.js'

/** Metrics, intervals and notes of one scope. */
export interface RowScoreScopeMetrics {
  metrics: Record<string, number>
  intervals: Record<string, MetricInterval>
  notes: string[]
}

/** The scored (non-NaN) values of `scores` at `rows` (null: every row). */
function scoredValues(scores: Float64Array, rows: Int32Array | null): Float64Array {
  const n = rows === null ? scores.length : rows.length
  const out = new Float64Array(n)
  let kept = 0
  for (let j = 0; j < n; j++) {
    const value = scores[rows === null ? j : rows[j]]
    if (!Number.isNaN(value)) out[kept++] = value
  }
  return kept === n ? out : out.slice(0, kept)
}

/**
 * Aggregates of every metric over the rows `rows` (null: all), with intervals on the means when
 * `intervals` is given. A metric with no scored row in the scope is left out with a note.
 *
 * @example
 * rowScoreScope([{ name: 'rouge1/v1', aggregates: 'standard', greaterIsBetter: true, nonNegative: true, scores: Float64Array.of(0, 1) }], null, null, methods)
 * // => { metrics: { 'rouge1/v1/mean': 0.5, 'rouge1/v1/variance': 0.25, 'rouge1/v1/p90': 0.9 }, intervals: {}, notes: [] }
 */
export function rowScoreScope(
  metrics: readonly RowScoreMetric[],
  rows: Int32Array | null,
  intervals: IntervalConfig | null,
  methods: Pick<IntervalMethods, 'meanIntervals'>,
): RowScoreScopeMetrics {
  const out: RowScoreScopeMetrics = { metrics: {}, intervals: {}, notes: [] }
  const means: MeanValues[] = []
  for (const metric of metrics) {
    const values = scoredValues(metric.scores, rows)
    const total = rows === null ? metric.scores.length : rows.length
    if (values.length === 0) {
      out.notes.push(`${aggregateNames(metric).join(', ')} left out: no row of ${total} has a ${metric.name} score`)
      continue
    }
    if (values.length < total) out.notes.push(`${metric.name}: ${total - values.length} of ${total} rows have no score and are left out of its aggregates`)
    const { mean, variance, p90 } = standardAggregations(values)
    if (metric.aggregates === 'mean') {
      out.metrics[metric.name] = mean
    } else {
      out.metrics[`${metric.name}/mean`] = mean
      out.metrics[`${metric.name}/variance`] = variance
      out.metrics[`${metric.name}/p90`] = p90
    }
    means.push({ name: meanMetricName(metric), values, nonNegative: metric.nonNegative, atMostOne: metric.atMostOne === true })
    if (metric.ratioAt !== undefined) {
      const at = metric.ratioAt
      const indicator = values.map((value) => (value >= at ? 1 : 0))
      let count = 0
      for (const value of indicator) count += value
      out.metrics[`${metric.name}/ratio`] = count / values.length
      means.push({ name: `${metric.name}/ratio`, values: indicator, nonNegative: true, atMostOne: true })
    }
  }
  if (intervals !== null) {
    // meanIntervals draws one set of row weights for all columns of one length; columns with
    // missing scores have their own length, so they are grouped by length.
    const byLength = new Map<number, MeanValues[]>()
    for (const mean of means) byLength.set(mean.values.length, [...(byLength.get(mean.values.length) ?? []), mean])
    for (const group of byLength.values()) Object.assign(out.intervals, methods.meanIntervals(group, intervals, out.notes))
    for (const mean of means) holdPoint(out, mean)
  }
  return out
}

/**
 * Where every row of the scope scored the same, stretches the mean's interval to hold the mean
 * reported: the interval, about the plain sum's mean with a width of rounding, missed it by its
 * last digits (…867 to …871 around a mean of …877, simple-statistics' compensated sum).
 */
function holdPoint(out: RowScoreScopeMetrics, mean: MeanValues): void {
  const interval = out.intervals[mean.name]
  const point = out.metrics[mean.name]
  if (interval === undefined || point === undefined || (point >= interval.lower && point <= interval.upper)) return
  const first = mean.values[0]
  if (!mean.values.every((value) => value === first)) return
  out.intervals[mean.name] = { ...interval, lower: Math.min(interval.lower, point), upper: Math.max(interval.upper, point) }
}
