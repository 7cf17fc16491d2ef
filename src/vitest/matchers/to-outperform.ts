/**
 * `expect(candidate).toOutperform(other, { metric?, margin?, significance? })`: the candidate
 * is better than another model on the same data, by more than `margin` (default 0) and
 * significantly (one-sided paired test of "gain <= margin" at `significance`, default 0.05;
 * `false` compares point estimates only). The test is the one paired comparison of
 * `src/compare` (the same a baseline verdict uses): exact McNemar for accuracy, a
 * permutation test for other label metrics, paired DeLong for roc_auc, a paired mean of
 * per-example differences for log_loss / brier / MAE / MSE, paired resampling otherwise.
 */
import { columnChangeText, datasetChange, outputColumnsOf } from '../../run/dataset-change.js'
import { checkMarginBelowRange } from './metric-range.js'
import { ConfigError, listNames } from '../../errors.js'
import type { GateResult } from '../../run/verdicts.js'
import type { EvalRun } from '../../run/types.js'
import { recordGate } from '../task-meta.js'
import { canonicalMetricName, metricOf } from './metric-lookup.js'
import { currentTask, receivedRun, type EvalgateMatcherState, type SyncExpectationResult } from './matcher-context.js'
import { compareRuns } from '../../compare/index.js'
import { runRowKeys } from '../../baselines/row-matching.js'
import { matchRows } from '../../data/row-keys.js'
import { formatBound, formatMetricApart, formatPValue } from '../../run/format-metric.js'
import { checkKeys } from '../../run/option-keys.js'
import { showControls } from '../../run/visible-controls.js'

export interface OutperformOptions {
  /** Default `accuracy_score` (classifiers) or `mean_absolute_error` (regressors). */
  metric?: string | undefined
  margin?: number | undefined
  significance?: number | false | undefined
}

/** Asserts that the candidate run beats another run on the same data. */
/** The metric toOutperform compares when none is named: the model type's first headline metric. */
const DEFAULT_METRIC: Readonly<Partial<Record<EvalRun['modelType'], string>>> = { classifier: 'accuracy_score', regressor: 'mean_absolute_error' }

const OUTPERFORM_KEYS = ['metric', 'margin', 'significance'] as const satisfies ReadonlyArray<keyof OutperformOptions>

export function toOutperform(this: EvalgateMatcherState, received: unknown, otherRun: unknown, options: OutperformOptions = {}): SyncExpectationResult {
  const candidate = receivedRun(this, received, 'toOutperform')
  const other = receivedRun(this, otherRun, 'toOutperform', 'compared')
  if (typeof options !== 'object' || options === null) throw new ConfigError('outperform-options', `toOutperform: options must be { metric?, margin?, significance? }, received ${this.utils.stringify(options)}`)
  checkKeys(options, OUTPERFORM_KEYS, { who: 'toOutperform', where: 'the options', code: 'matcher-unknown-option' })
  if (options.margin !== undefined && !(typeof options.margin === 'number' && Number.isFinite(options.margin) && options.margin >= 0)) {
    throw new ConfigError('outperform-margin', `toOutperform: margin must be a number of at least 0 (the least gain, in the metric's units), received ${this.utils.stringify(options.margin)}`)
  }
  if (options.significance !== undefined && options.significance !== false && !(typeof options.significance === 'number' && options.significance > 0 && options.significance < 1)) {
    throw new ConfigError('outperform-significance', `toOutperform: significance must be between 0 and 1 (e.g. 0.05), or false for no test, received ${this.utils.stringify(options.significance)}`)
  }
  // The same examples: the same rows and every shared column alike (each run's own prediction
  // columns of one file differ in which columns the fingerprint covers, not in the rows).
  const data = datasetChange(other.dataset, candidate.dataset, outputColumnsOf(candidate))
  if (data.changed || candidate.exampleCount !== other.exampleCount) {
    const reordered = sameRowsReordered(candidate, other)
    const how = reordered
      ? `the same rows in another order (each row of one is a row of the other, over the columns ${listNames(reordered.map((name) => `"${showControls(name)}"`))}), so no row can be paired with its own by position; evaluate both on the data in one order`
      : `${data.wholeOnly ? `fingerprint ${candidate.dataset.fingerprint.slice(0, 12)} vs ${other.dataset.fingerprint.slice(0, 12)}${columnsDiffer(candidate, other)}` : columnChangeText(data, { added: "only this run's", removed: "only the other's" }) || 'no column in common'}; evaluate both on the same data`
    throw new ConfigError(
      'outperform-different-data',
      `toOutperform compares two models on the same examples, but the runs differ: ${candidate.exampleCount} vs ${other.exampleCount} rows, ${how}`,
    )
  }
  const defaultMetric = DEFAULT_METRIC[candidate.modelType]
  if (options.metric === undefined && defaultMetric === undefined) {
    const means = Object.keys(candidate.metrics).filter((name) => candidate.greaterIsBetter[name] !== undefined && /(^exact_match|squad|rouge|_at_\d+|toxicity|^non_empty_output_rate$)/.test(name)).slice(0, 6)
    throw new ConfigError(
      'outperform-metric',
      `toOutperform on a ${candidate.modelType} run needs { metric }: there is no single default metric for this type; e.g. ${listNames(means.map((name) => `'${name}'`))}`,
    )
  }
  const metric = canonicalMetricName(options.metric ?? (defaultMetric as string), candidate.metrics)
  // A metric with no better direction (token counts, grade levels, the variance of scores)
  // describes the outputs: neither run outperforms the other on it (adversarial pass 32: 8 tokens
  // "outperformed" 2).
  if (!Object.hasOwn(candidate.greaterIsBetter, metric) || !Object.hasOwn(other.greaterIsBetter, metric)) {
    const means = Object.keys(candidate.metrics).filter((name) => Object.hasOwn(candidate.greaterIsBetter, name)).slice(0, 6)
    throw new ConfigError(
      'outperform-no-direction',
      `toOutperform: ${metric} has no better direction (it describes the outputs, not how good they are), so neither model can outperform the other on it; check its value with toHaveMetric, or compare on a metric with a direction${means.length > 0 ? `, e.g. ${listNames(means.map((name) => `'${name}'`))}` : ''}`,
    )
  }
  const a = metricOf(candidate, metric)!
  const b = metricOf(other, metric)!
  const greaterIsBetter = a.greaterIsBetter
  const margin = options.margin ?? 0
  checkMarginBelowRange('toOutperform', metric, margin)
  const significance = options.significance ?? 0.05
  const better = greaterIsBetter ? a.value - b.value : b.value - a.value
  const seed = candidate.intervalSettings?.seed ?? 0
  const paired = significance === false ? undefined : compareRuns(candidate, other, metric, { margin, greaterIsBetter, seed, alpha: significance })
  const significant = paired === undefined || paired.p < (significance as number)
  const meets = better > margin && significant
  const pass = this.isNot ? !meets : meets
  const names = `${candidate.name ?? 'candidate'} vs ${other.name ?? 'other'}`
  // Run and metric names come from the test's code or data: the message shows their controls as escapes.
  const lines = [
    `${showControls(candidate.name ?? 'the candidate')} should ${this.isNot ? 'not ' : ''}outperform ${showControls(other.name ?? 'the other model')} on ${showControls(metric)} by more than ${formatBound(margin)}${paired ? ` (one-sided ${paired.test}, alpha ${significance})` : ' (point estimates)'}`,
    '',
    `Candidate: ${this.utils.printReceived(Number(formatMetricApart(a.value, b.value)))}`,
    `Other:     ${this.utils.printExpected(Number(formatMetricApart(b.value, a.value)))}`,
    `Difference (better is positive): ${formatMetricApart(better, margin)}, required > ${formatBound(margin)}`,
    ...(paired ? [`p-value: ${formatPValue(paired.p, 3)} that the gain is at most ${formatBound(margin)} (${paired.test}, ${paired.detail}${paired.sameAs ? `; the same hypothesis as ${showControls(paired.sameAs)}` : ''})`] : []),
    `Examples: ${candidate.exampleCount}`,
  ]
  const gate: GateResult = {
    kind: 'outperform',
    matcher: 'toOutperform',
    title: `${names}: ${metric} ${this.isNot ? 'not ' : ''}better by > ${formatBound(margin)}`,
    pass,
    negated: this.isNot,
    metric,
    value: better,
    threshold: margin,
    message: lines.join('\n'),
    ...(candidate.name !== undefined ? { runName: candidate.name } : {}),
  }
  recordGate(currentTask(this), gate, other)
  const hint = this.utils.matcherHint('toOutperform', 'candidate', 'other, { metric, margin, significance }', { isNot: this.isNot })
  return { pass: meets, message: () => `${hint}\n\n${lines.join('\n')}` }
}

/**
 * The columns both runs' fingerprints cover, where the two hold the same rows in another order
 * (the rows' keys over those columns, sorted, are equal; a shuffled copy of the data), else
 * undefined: other rows, a run without its table (read back from JSON), or a column besides the
 * targets missing to tell the rows apart by. The rows are paired by position, so reordered rows
 * cannot be compared; the error says that, not which columns "changed" (adversarial pass 54).
 */
function sameRowsReordered(candidate: EvalRun, other: EvalRun): string[] | undefined {
  if (candidate.exampleCount !== other.exampleCount) return undefined
  const shared = candidate.dataset.columns.filter((name) => other.dataset.columns.includes(name))
  if (!shared.some((name) => name !== candidate.dataset.targetColumn)) return undefined
  const a = runRowKeys(candidate, shared)
  const b = runRowKeys(other, shared)
  if (!a || !b) return undefined
  // every row of one paired one to one with a row of the other, as a baseline's rows are matched
  return matchRows(a, b).every((row) => row >= 0) ? shared : undefined
}

/**
 * Where the fingerprints cover different columns (two prediction columns of one file: each run's
 * inputs, every column but the targets and its own outputs, hold the other's), says so and how to
 * fingerprint the same columns: the model's inputs, named in `inputColumns`.
 */
function columnsDiffer(candidate: EvalRun, other: EvalRun): string {
  const a = candidate.dataset.columns ?? []
  const b = other.dataset.columns ?? []
  const onlyA = a.filter((c) => !b.includes(c))
  const onlyB = b.filter((c) => !a.includes(c))
  if (onlyA.length === 0 && onlyB.length === 0) return ''
  const list = (names: string[]): string => (names.length === 0 ? 'none' : names.map((n) => `"${n}"`).join(', '))
  const shared = a.filter((c) => b.includes(c) && c !== candidate.dataset.targetColumn)
  return ` (the fingerprints cover different columns: only this run's: ${list(onlyA)}; only the other's: ${list(onlyB)}; if both read the same rows, pass the model's input columns to both evaluate() calls, e.g. inputColumns: [${shared.slice(0, 4).map((n) => `'${n}'`).join(', ')}])`
}
