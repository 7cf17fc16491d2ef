/**
 * The options that define what a metric means: `stemmer` of the summarization type
 * (rouge_score's `use_stemmer`: with it, "running" matches "runs", and every ROUGE rises, without
 * a change of name), and `k` of the retriever type, which renames its metrics (`precision_at_3` ->
 * `precision_at_5`): recorded so that a message names the change (`k 3 -> 5`) rather than only
 * the metrics missing from the run. `squad` only adds metrics (`squad_*`), and the posLabel and
 * averaging of classifiers have fields of their own. A
 * toxicity scorer also defines `toxicity/v1`, but it is a function: nothing of it can be recorded.
 * A run carries them as `metricOptions`, so that a baseline entry and `evalgate compare` can tell
 * runs whose numbers are not the same metric.
 */

/** A recorded option's value. */
export type MetricOptionValue = boolean | number | string

/** The options that define a metric's meaning and not its name, each with the metrics it defines and their name in words. */
const DEFINING_OPTIONS: Readonly<Record<string, { defines: (metric: string) => boolean; metricsInWords: string }>> = {
  // The stemmer changes the ROUGE tokens only: token counts, grade levels and toxicity read the texts.
  stemmer: { defines: (metric) => metric.startsWith('rouge'), metricsInWords: 'the ROUGE metrics' },
  // The retriever's cut-off: every precision, recall and NDCG is taken at k.
  k: { defines: (metric) => /^(precision|recall|ndcg)_at_\d+(\/|$)/.test(metric), metricsInWords: 'precision_at_k, recall_at_k and ndcg_at_k' },
}

/**
 * The metrics a multiclass classifier's `average` (weighted, macro, micro) defines: precision,
 * recall and F1, and the one-vs-rest ROC AUC, which the engine averages over the classes the same
 * way; accuracy, log loss and the rest mean the same under any averaging. `average` has a field
 * of its own on a run (`EvalRun.average`), not a place among `metricOptions`.
 */
const AVERAGED_METRICS: readonly string[] = ['precision_score', 'recall_score', 'f1_score', 'roc_auc']

/**
 * Whether a classifier's `average` changes what `metric` means.
 *
 * @example
 * averageDefines('roc_auc') // true
 * averageDefines('accuracy_score') // false
 */
export function averageDefines(metric: string): boolean {
  return AVERAGED_METRICS.includes(metric)
}

/** The metrics `average` defines, in words. */
export const AVERAGED_METRICS_IN_WORDS = `${AVERAGED_METRICS.slice(0, -1).join(', ')} and ${AVERAGED_METRICS.at(-1)}`

/**
 * What a change of definition covers: every metric (another model type, label set or positive
 * label), or the metrics another `average` and the changed defining options define.
 */
export interface DefinitionScope {
  everything: boolean
  average: boolean
  options: readonly string[]
}

/**
 * Whether a change of definition of `scope` changes what `metric` means: one rule for the
 * baseline gate's rows and for `evalgate compare` and `toOutperform`.
 *
 * @example changeDefines({ everything: false, average: true, options: [] }, 'roc_auc') // true
 */
export function changeDefines(scope: DefinitionScope, metric: string): boolean {
  return scope.everything || (scope.average && averageDefines(metric)) || scope.options.some((option) => optionDefines(option, metric))
}

/**
 * Whether the defining option `option` changes what `metric` means.
 *
 * @example
 * optionDefines('stemmer', 'rouge1/v1/mean') // true
 * optionDefines('stemmer', 'token_count/v1/mean') // false
 */
export function optionDefines(option: string, metric: string): boolean {
  return Object.hasOwn(DEFINING_OPTIONS, option) ? DEFINING_OPTIONS[option].defines(metric) : true
}

/**
 * The metrics `option` defines, in words (`the ROUGE metrics`).
 *
 * @example optionMetricsInWords('stemmer') // 'the ROUGE metrics'
 */
export function optionMetricsInWords(option: string): string {
  return Object.hasOwn(DEFINING_OPTIONS, option) ? DEFINING_OPTIONS[option].metricsInWords : 'its metrics'
}

/**
 * The defining options among a type's resolved `settings`, or undefined when it has none.
 *
 * @example
 * definingOptionsOf({ stemmer: false, metrics: [] }) // { stemmer: false }
 */
export function definingOptionsOf(settings: Readonly<Record<string, unknown>>): Record<string, MetricOptionValue> | undefined {
  const out: Record<string, MetricOptionValue> = {}
  for (const name of Object.keys(DEFINING_OPTIONS)) {
    const value = settings[name]
    if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') out[name] = value
  }
  return Object.keys(out).length > 0 ? out : undefined
}

/**
 * The options recorded in `first` whose value in `current` differs; none when either records none
 * (an older entry or run file).
 *
 * @example
 * changedMetricOptions({ stemmer: false }, { stemmer: true }) // ['stemmer']
 */
export function changedMetricOptions(first: Readonly<Record<string, unknown>> | undefined, current: Readonly<Record<string, unknown>> | undefined): string[] {
  if (first === undefined || current === undefined) return []
  return Object.keys(first).filter((name) => Object.hasOwn(current, name) && current[name] !== first[name])
}

/**
 * Each option recorded in `first` whose value in `current` differs, in words
 * (`stemmer false -> true`); none when either records none (an older entry or run file).
 *
 * @example
 * metricOptionDifferences({ stemmer: false }, { stemmer: true }) // ['stemmer false -> true']
 */
export function metricOptionDifferences(first: Readonly<Record<string, unknown>> | undefined, current: Readonly<Record<string, unknown>> | undefined): string[] {
  return changedMetricOptions(first, current).map((name) => `${name} ${JSON.stringify(first![name])} -> ${JSON.stringify(current![name])}`)
}
