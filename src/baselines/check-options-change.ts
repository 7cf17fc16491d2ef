/**
 * What differs between two `toMatchBaseline` checks of one entry in what the entry stores. One
 * entry is written with one check's options: the metrics it tracks, its slices, the columns its
 * row keys hash and each metric's stored direction. A run checked again in its test with options
 * that store another entry would share it, and the one written was the last check's (adversarial
 * pass 52: `toMatchBaseline()` then `toMatchBaseline({ metrics: ['accuracy'] })` stored accuracy
 * alone, and a log_loss regression passed in CI). The matcher refuses the second check instead.
 * The options that only judge the entry (`tolerance`, `significance`, thresholds, `correction`,
 * `allowDataChange`) may differ: each check compares the one entry with its own. What each option
 * stores is read as the entry reads it, so the defaults written out (the default metric list, a
 * metric's own direction, the default key columns) are the same check (adversarial pass 53).
 */
import { stableStringify } from './stable-json.js'
import { trackedMetricNames } from './entry.js'
import { rowKeyColumnsOf } from './row-matching.js'
import type { BaselineOptions } from './types.js'
import type { EvalRun } from '../run/types.js'

/** What `options` store of `run`'s entry, each part as `createBaselineEntry` reads it. */
function storedShape(run: EvalRun, options: BaselineOptions): Record<'metrics' | 'slices' | 'rowKeyColumns' | 'greaterIsBetter', unknown> {
  const metrics = [...new Set(trackedMetricNames(run, options))].sort()
  return {
    metrics,
    slices: options.slices ?? true,
    rowKeyColumns: rowKeyColumnsOf(run, options.rowKeyColumns),
    greaterIsBetter: Object.fromEntries(metrics.map((name) => [name, options.perMetric?.[name]?.greaterIsBetter ?? run.greaterIsBetter[name] ?? null])),
  }
}

/**
 * The parts of the entry two checks of one run would store differently, each as `metrics:
 * ["accuracy_score",...], then ["accuracy_score"]`; empty when they store the same entry. Both are
 * the options the check compares with (the plugin's overlaid with the call's, metric names
 * resolved).
 *
 * @example differingCheckOptions(run, {}, { metrics: ['accuracy_score'] }) // ['metrics: [...the defaults], then ["accuracy_score"]']
 * @example differingCheckOptions(run, { tolerance: 0.01 }, { slices: true }) // []
 */
export function differingCheckOptions(run: EvalRun, first: BaselineOptions, second: BaselineOptions): string[] {
  const a = storedShape(run, first)
  const b = storedShape(run, second)
  const differing: string[] = []
  for (const key of ['metrics', 'slices', 'rowKeyColumns', 'greaterIsBetter'] as const) {
    if (key === 'greaterIsBetter') {
      // a metric's direction, where both track it
      const x = a.greaterIsBetter as Record<string, unknown>
      const y = b.greaterIsBetter as Record<string, unknown>
      const turned = Object.keys(x).filter((name) => Object.hasOwn(y, name) && x[name] !== y[name])
      for (const name of turned) differing.push(`perMetric.${name}.greaterIsBetter: ${JSON.stringify(x[name])}, then ${JSON.stringify(y[name])}`)
    } else if (stableStringify(a[key]) !== stableStringify(b[key])) {
      differing.push(`${key}: ${JSON.stringify(a[key])}, then ${JSON.stringify(b[key])}`)
    }
  }
  return differing
}
