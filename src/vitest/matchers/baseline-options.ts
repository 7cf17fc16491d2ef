/**
 * `toMatchBaseline`'s options, checked against the run before they reach the baseline: a
 * misspelled option or metric name would otherwise be ignored without a word, and an entry that
 * tracks no metric passes every later run (`metrics: ['f1']` stored `"metrics": {}`).
 */
import type { BaselineOptions, MetricGateOptions } from '../../baselines/types.js'
import { ConfigError, listNames } from '../../errors.js'
import { checkKeys } from '../../run/option-keys.js'
import type { EvalRun } from '../../run/types.js'
import { didYouMean } from '../../run/closest-names.js'
import { checkBaselineOptionTypes, checkGateValues } from './baseline-option-values.js'
import { canonicalMetricName } from './metric-lookup.js'
import { runTableOf } from '../../run/run-table.js'
import { repeatedRowKey, rowKeyColumnsOf } from '../../baselines/row-matching.js'

/** The options of one metric's gate (`perMetric.<metric>`, and the defaults of every metric). */
export const GATE_KEYS: ReadonlyArray<keyof MetricGateOptions> = ['threshold', 'minAbsoluteChange', 'minRelativeChange', 'greaterIsBetter', 'tolerance', 'significance']
/** Every option of `toMatchBaseline` (the plugin's `baseline` takes them all but `name`). */
export const BASELINE_KEYS: ReadonlyArray<keyof BaselineOptions> = [...GATE_KEYS, 'name', 'metrics', 'slices', 'perMetric', 'allowDataChange', 'correction', 'rowKeyColumns']

/**
 * The options `toMatchBaseline` compares with: the plugin's `baseline` options overlaid with the
 * call's, metric names in their MLflow form (`f1` -> `f1_score`, as the other matchers take them).
 * Throws a ConfigError for an unknown option, for a value the gate cannot use (NaN, a negative
 * tolerance, an allowed drop as wide as a bounded metric's range; `baseline-option-values.ts`),
 * for a metric the call names that the run does not have (in `metrics` or `perMetric`), and when
 * no tracked metric is in the run.
 *
 * @example
 * resolveBaselineOptions(run, {}, { metrics: ['f1'] }).metrics // => ['f1_score']
 */
export function resolveBaselineOptions(run: EvalRun, pluginOptions: BaselineOptions, callOptions: BaselineOptions): BaselineOptions {
  checkKeys(callOptions, BASELINE_KEYS, { who: 'toMatchBaseline', where: 'the options', code: 'baseline-unknown-option' })
  for (const [metric, gate] of Object.entries(callOptions.perMetric ?? {})) checkKeys(gate, GATE_KEYS, { who: 'toMatchBaseline', where: `perMetric.${metric}`, code: 'baseline-unknown-option' })
  checkBaselineOptionTypes(callOptions, 'toMatchBaseline', 'the options')
  checkBaselineOptionTypes(pluginOptions, 'toMatchBaseline', "the plugin's baseline options")
  const merged: BaselineOptions = { ...pluginOptions, ...callOptions }
  const names = Object.keys(run.metrics)
  // Names the call gives must exist; the plugin's apply to every run, whatever its model type.
  const resolve = (name: string, strict: boolean, where: string): string => {
    const metric = canonicalMetricName(name, run.metrics)
    if (strict && !Object.hasOwn(run.metrics, metric)) {
      // A per-class metric (`recall_score[c02]`) is in the run's per-class table, not its metrics
      // (adversarial pass 39): a custom metric gates it.
      const perClass = /^(.+)\[(.+)\]$/.exec(name)
      const perClassHint = perClass !== null && run.perClass?.some((c) => c.label === perClass[2])
        ? ` a class's own metric is in the run's per-class table, not a metric of the run: to gate it, compute it with defineMetric (e.g. the recall of ${JSON.stringify(perClass[2])} from table.targetIndex and table.predictedIndex) and pass it in evaluate()'s extraMetrics; a custom metric is tracked by default.`
        : ''
      throw new ConfigError('baseline-unknown-metric', `toMatchBaseline: ${where} names metric "${name}", which the run does not have;${perClassHint === '' ? didYouMean(metric, names) : perClassHint} the run has: ${listNames(names)}`)
    }
    return metric
  }
  if (merged.metrics !== undefined) {
    const strict = callOptions.metrics !== undefined
    merged.metrics = merged.metrics.map((name) => resolve(name, strict, 'metrics'))
    if (!merged.metrics.some((metric) => metric in run.metrics)) {
      throw new ConfigError('baseline-unknown-metric', merged.metrics.length === 0 ? `toMatchBaseline: metrics: [] tracks no metric, so its baseline entry would hold none and pass every run; name the metrics to track, or leave metrics out for the defaults; the run has: ${listNames(names)}` : `toMatchBaseline: none of the metrics to track (${listNames(merged.metrics)}) is in the run, so its baseline entry would hold none and pass every run; the run has: ${listNames(names)}`)
    }
  }
  // perMetric's keys as the user wrote them (a short name such as "accuracy"), for the messages
  const written = new Map<string, string>()
  if (merged.perMetric !== undefined) {
    const strict = callOptions.perMetric !== undefined
    merged.perMetric = Object.fromEntries(
      Object.entries(merged.perMetric).map(([name, gate]) => {
        const metric = resolve(name, strict, 'perMetric')
        written.set(metric, name)
        return [metric, gate]
      }),
    )
  }
  // Row key columns must be columns of the data (a run read back from JSON has no table to check).
  const columns = runTableOf(run)?.columnNames
  for (const name of merged.rowKeyColumns ?? []) {
    if (columns !== undefined && !columns.includes(name)) {
      throw new ConfigError('baseline-unknown-column', `toMatchBaseline: rowKeyColumns names column "${name}", which the evaluation data does not have;${didYouMean(name, columns)} the data has: ${listNames(columns)}`)
    }
  }
  // The columns must tell the rows apart: rows of one key are paired in their order.
  if (merged.rowKeyColumns !== undefined && columns !== undefined) {
    const keyColumns = rowKeyColumnsOf(run, merged.rowKeyColumns)
    const repeat = repeatedRowKey(run, keyColumns)
    if (repeat) {
      const [a, b] = repeat.rows
      const failed = (run.metrics.error_count ?? 0) > 0 ? ' (counting the rows the model answered)' : ''
      const named = `rowKeyColumns ${JSON.stringify(merged.rowKeyColumns)}`
      const withTarget = keyColumns.length > merged.rowKeyColumns.length ? ' and the same target' : ''
      throw new ConfigError(
        'baseline-row-keys-repeat',
        `toMatchBaseline: ${named} do not tell the rows apart: rows ${a + 1} and ${b + 1}${failed} have the same ${merged.rowKeyColumns.map((name) => JSON.stringify(name)).join(", ")}${withTarget} but differ in "${repeat.differsIn}", ` +
          `so the baseline could pair either with the other once the rows move; name columns whose values are unique together (e.g. rowKeyColumns: ${JSON.stringify([...merged.rowKeyColumns, repeat.differsIn])}), or leave rowKeyColumns out to key each row by all its cells`,
      )
    }
  }
  // Values last, against the metrics the entry tracks: a gate that could never fail is a mistake.
  const tracked = merged.metrics?.filter((metric) => metric in run.metrics) ?? names
  checkGateValues(pluginOptions, 'toMatchBaseline', "the plugin's baseline options", tracked)
  checkGateValues(callOptions, 'toMatchBaseline', 'the options', tracked)
  const perMetricKey = (metric: string): string => `perMetric.${written.get(metric) ?? metric}`
  for (const [metric, gate] of Object.entries(merged.perMetric ?? {})) checkGateValues(gate, 'toMatchBaseline', perMetricKey(metric), [metric])
  checkDirections(run, pluginOptions, "the plugin's baseline options", tracked)
  checkDirections(run, callOptions, 'the options', tracked)
  for (const [metric, gate] of Object.entries(merged.perMetric ?? {})) checkDirections(run, gate, perMetricKey(metric), [metric], written.get(metric))
  return merged
}

/**
 * Throws a ConfigError where `greaterIsBetter` turns a metric's known direction round
 * (`perMetric: { log_loss: { greaterIsBetter: true } }`): every worsening would then pass as an
 * improvement (adversarial pass 25: log_loss blown up by confident wrong answers passed). The
 * option gives a direction to a metric that has none (token counts, example_count); a metric's
 * own direction, built in or from `defineMetric`, is not overridden.
 */
function checkDirections(run: EvalRun, gate: MetricGateOptions, where: string, metrics: readonly string[], writtenAs?: string): void {
  if (typeof gate.greaterIsBetter !== 'boolean') return
  for (const metric of metrics) {
    const known = run.greaterIsBetter[metric]
    if (typeof known !== 'boolean' || known === gate.greaterIsBetter) continue
    const better = known ? 'higher' : 'lower'
    const name = writtenAs !== undefined && writtenAs !== metric ? `${writtenAs} (${metric})` : metric
    throw new ConfigError(
      'baseline-invalid-option',
      `toMatchBaseline: greaterIsBetter: ${String(gate.greaterIsBetter)} turns ${name} round (in ${where}): a ${better} ${metric} is better, so the gate would pass every ${known ? 'fall' : 'rise'} of it as an improvement; leave greaterIsBetter out for ${writtenAs ?? metric} (it gives a direction to a metric that has none, such as token_count/v1/mean)`,
    )
  }
}
