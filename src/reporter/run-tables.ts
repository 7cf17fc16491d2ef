import type { EvalRun } from '../run/types.js'
import { escapeSliceKeyPart } from '../run/slice-key.js'
import type { BaselineComparison } from '../run/verdicts.js'
import { overallBaselineRow } from './headline-metrics.js'

/** A table: column names and rows keyed by them (what the CSV files hold). */
export interface Table {
  columns: string[]
  rows: Array<Record<string, unknown>>
}

/**
 * `metrics.csv`: one row per metric with interval, direction and baseline comparison; of a run
 * checked by several baseline entries, the worst verdict among them and the entry it is from
 * (`baseline_entry`, empty where one entry holds the metric).
 */
export function metricsTable(run: EvalRun, baselines: readonly BaselineComparison[]): Table {
  const columns = ['metric', 'value', 'lower', 'upper', 'level', 'method', 'greater_is_better', 'custom', 'baseline', 'change', 'baseline_verdict', 'baseline_entry']
  const rows = Object.entries(run.metrics).map(([metric, value]) => {
    const interval = run.intervals[metric]
    const baseline = overallBaselineRow(baselines, metric)
    return {
      metric,
      value,
      lower: interval?.lower,
      upper: interval?.upper,
      level: interval?.level,
      method: interval?.method,
      // Empty for metrics without a direction (example_count, sum_on_target, mean_on_target).
      greater_is_better: run.greaterIsBetter[metric],
      custom: run.customMetrics.includes(metric),
      baseline: baseline?.baseline ?? undefined,
      change: baseline?.change ?? undefined,
      baseline_verdict: baseline?.verdict,
      // Which entry the verdict is from, where several of the run's entries hold the metric (the worst verdict of them).
      baseline_entry: baseline?.entry,
    }
  })
  return { columns, rows }
}

/** `per_class_metrics.csv`: scikit-learn's classification report, one row per label. */
export function perClassTable(run: EvalRun): Table {
  const columns = ['label', 'precision', 'recall', 'f1', 'support', 'predicted']
  return { columns, rows: (run.perClass ?? []).map((c) => ({ ...c })) }
}

/**
 * `slices.csv`: one row per slice, every slice metric, with `_lower`/`_upper` bound columns for
 * the metrics that have an interval in some slice. `example_count` is one column (the slice's
 * size), never repeated from the slice's metrics.
 */
export function slicesTable(run: EvalRun): Table {
  const slices = Object.values(run.slices)
  const columns = ['slice', 'columns', 'values', 'example_count']
  const metricNames: string[] = []
  for (const slice of slices) for (const name of Object.keys(slice.metrics)) if (!metricNames.includes(name) && !columns.includes(name)) metricNames.push(name)
  const withInterval = new Set(slices.flatMap((slice) => Object.keys(slice.intervals)))
  for (const name of metricNames) columns.push(...(withInterval.has(name) ? [name, `${name}_lower`, `${name}_upper`] : [name]))
  columns.push('notes')
  const rows = slices.map((slice) => {
    const row: Record<string, unknown> = {
      slice: slice.key,
      columns: slice.columns.map(escapeSliceKeyPart).join('&'),
      values: slice.values.map(escapeSliceKeyPart).join('&'),
      example_count: slice.exampleCount,
      notes: slice.notes.join('; '),
    }
    for (const name of metricNames) {
      row[name] = slice.metrics[name]
      if (!withInterval.has(name)) continue
      row[`${name}_lower`] = slice.intervals[name]?.lower
      row[`${name}_upper`] = slice.intervals[name]?.upper
    }
    return row
  })
  return { columns, rows }
}
