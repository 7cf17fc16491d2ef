/**
 * The values of the baseline gate's options. A value the gate cannot use must stop the test, not
 * switch the gate off: `tolerance: Number(process.env.EVAL_TOLERANCE)` with the variable unset is
 * NaN, every comparison with NaN is false, and a 30-point drop passed; `tolerance: 5` (5% written
 * as 5) allows any drop of a metric that lies between 0 and 1.
 */
import type { BaselineOptions, MetricGateOptions } from '../../baselines/types.js'
import { ConfigError } from '../../errors.js'
import { formatMetric } from '../../run/format-metric.js'
import { metricRange } from '../../metrics/index.js'

const CODE = 'baseline-invalid-option'

const show = (value: unknown): string => (typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value))

/** A fraction hint for a value that reads as a percentage (5 -> 0.05), or an empty string. */
function percentHint(value: number, fits: (fraction: number) => boolean): string {
  const fraction = value / 100
  return Number.isFinite(value) && Math.abs(value) >= 1 && fits(fraction) ? ` did you mean ${formatMetric(fraction)}? (the options are fractions, not percentages)` : ''
}

/**
 * Throws a ConfigError for a gate option whose value the gate cannot use: a non-number or NaN
 * bound, a negative `tolerance`, a `minRelativeChange` of 100% or more, a `significance` outside
 * (0, 1), a non-boolean `greaterIsBetter`; and, for each of `metrics` with a bounded range, an
 * allowed drop as wide as the range (the gate could never fail).
 *
 * @example checkGateValues({ tolerance: Number.NaN }, 'toMatchBaseline', 'the options', []) // throws: tolerance must be a number ...
 */
export function checkGateValues(gate: MetricGateOptions, who: string, where: string, metrics: readonly string[]): void {
  const fail = (message: string): never => {
    throw new ConfigError(CODE, `${who}: ${message} (in ${where})`)
  }
  for (const key of ['threshold', 'minAbsoluteChange', 'minRelativeChange', 'tolerance'] as const) {
    const value = gate[key]
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      fail(`${key} must be a finite number, received ${show(value)}; a value read from the environment may be unset (Number(undefined) is NaN)`)
    }
  }
  if (gate.tolerance !== undefined && gate.tolerance < 0) {
    fail(`tolerance ${gate.tolerance} is negative; tolerance is the drop allowed, in the metric's units (0.02 lets accuracy fall by 2 points); to demand a gain use minAbsoluteChange`)
  }
  if (gate.minRelativeChange !== undefined && !(gate.minRelativeChange > -1 && gate.minRelativeChange <= 1)) {
    fail(
      `minRelativeChange ${gate.minRelativeChange} is a change of ${formatMetric(gate.minRelativeChange * 100)}% of the baseline's value;${percentHint(gate.minRelativeChange, (f) => f > -1 && f <= 1) || ' give a fraction between -1 and 1 (-0.05 allows a 5% drop)'}`,
    )
  }
  if (gate.significance !== undefined && gate.significance !== false && !(typeof gate.significance === 'number' && gate.significance > 0 && gate.significance < 1)) {
    fail(`significance must be between 0 and 1 (e.g. 0.05), or false to gate on the values alone, received ${show(gate.significance)}`)
  }
  if (gate.greaterIsBetter !== undefined && typeof gate.greaterIsBetter !== 'boolean') {
    fail(`greaterIsBetter must be true or false, received ${show(gate.greaterIsBetter)}`)
  }
  for (const metric of metrics) {
    const range = metricRange(metric)
    if (range === undefined) continue
    // A threshold outside the range: always met on a lower-is-better metric (brier 15 meant 0.15
    // passed every model), never on a higher-is-better one (adversarial pass 34).
    if (gate.threshold !== undefined && !(gate.threshold >= range[0] && gate.threshold <= range[1])) {
      fail(
        `threshold ${gate.threshold} for ${metric} is out of range: ${metric} lies between ${formatMetric(range[0])} and ${formatMetric(range[1])};${percentHint(gate.threshold, (f) => f >= range[0] && f <= range[1]) || ' give a threshold in that range'}`,
      )
    }
    const width = range[1] - range[0]
    for (const [key, drop] of [['tolerance', gate.tolerance], ['minAbsoluteChange', gate.minAbsoluteChange === undefined ? undefined : -gate.minAbsoluteChange]] as const) {
      if (drop === undefined || drop < width) continue
      const value = gate[key] as number
      fail(
        `${key} ${value} allows ${metric} (between ${formatMetric(range[0])} and ${formatMetric(range[1])}) to fall by ${formatMetric(Math.abs(value))}, so the gate could never fail;${percentHint(value, (f) => Math.abs(f) < width) || ` give an allowed drop below ${formatMetric(width)}`}`,
      )
    }
  }
}

/**
 * Throws a ConfigError for a `toMatchBaseline` option (or the plugin's `baseline` option) of the
 * wrong type: `metrics` not a list of names, `slices` / `allowDataChange` not booleans,
 * `correction` not `holm` / `none`, `name` not a non-empty string, `perMetric` not an object.
 *
 * @example checkBaselineOptionTypes({ correction: 'bonferroni' }, 'toMatchBaseline', 'the options') // throws
 */
export function checkBaselineOptionTypes(options: BaselineOptions, who: string, where: string): void {
  const fail = (message: string): never => {
    throw new ConfigError(CODE, `${who}: ${message} (in ${where})`)
  }
  if (options.metrics !== undefined && !(Array.isArray(options.metrics) && options.metrics.every((name) => typeof name === 'string' && name !== ''))) {
    fail(`metrics must be a list of metric names, e.g. ['f1_score', 'accuracy_score'], received ${show(options.metrics)}`)
  }
  for (const key of ['slices', 'allowDataChange'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean') fail(`${key} must be true or false, received ${show(options[key])}`)
  }
  if (options.correction !== undefined && options.correction !== 'holm' && options.correction !== 'none') {
    fail(`correction must be 'holm' (default) or 'none', received ${show(options.correction)}`)
  }
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) fail(`name must be a non-empty string, received ${show(options.name)}`)
  if (options.rowKeyColumns !== undefined && !(Array.isArray(options.rowKeyColumns) && options.rowKeyColumns.length > 0 && options.rowKeyColumns.every((name) => typeof name === 'string' && name !== ''))) {
    fail(`rowKeyColumns must be a list of column names that tell one row from another, e.g. ['id'], received ${show(options.rowKeyColumns)}`)
  }
  if (options.perMetric !== undefined && (typeof options.perMetric !== 'object' || options.perMetric === null || Array.isArray(options.perMetric))) {
    fail(`perMetric must be an object of metric names to gate options, e.g. { f1_score: { tolerance: 0.02 } }, received ${show(options.perMetric)}`)
  }
}
