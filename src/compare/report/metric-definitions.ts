/**
 * Whether two runs define their metrics the same way. A run evaluated with another averaging,
 * another positive label, another label set, as another model type or with another defining
 * option (a summarizer's `stemmer`) computes other numbers from the same predictions (weighted F1
 * 0.9085, macro F1 0.7341), so `evalgate compare` shows their values side by side without testing
 * the difference as a change, and `toOutperform` refuses to compare them.
 */
import { AVERAGED_METRICS_IN_WORDS, changeDefines, changedMetricOptions, metricOptionDifferences, optionMetricsInWords } from '../../run/metric-options.js'
import type { EvalRun } from '../../run/types.js'

/** How `current` defines its metrics differently from `first`, in words (`average weighted -> macro`). */
export interface DefinitionDifference {
  /** Every difference, e.g. `labels a, b -> a, b, c`, `posLabel "yes" -> "no"`. */
  changes: string[]
  /**
   * Only the averaging and defining options (`stemmer`) differ: the metrics they define are not
   * comparable, the others are (token counts under another stemmer); absent when every metric differs.
   */
  affects?: { average: boolean; options: string[] }
}

function labelList(run: EvalRun): string {
  return (run.labels ?? []).join(', ')
}

/**
 * What differs in the definition of `current`'s metrics from `first`'s: model type, label set,
 * positive label, defining options (`stemmer false -> true`; a run file without them is not
 * checked), averaging; undefined when nothing does.
 *
 * @example
 * definitionDifference(weightedRun, macroRun) // { changes: ['average weighted -> macro'], affects: { average: true, options: [] } }
 */
export function definitionDifference(first: EvalRun, current: EvalRun): DefinitionDifference | undefined {
  if (first.modelType !== current.modelType) return { changes: [`model type ${first.modelType} -> ${current.modelType}`] }
  const changes: string[] = []
  if (JSON.stringify(first.labels ?? []) !== JSON.stringify(current.labels ?? [])) changes.push(`labels ${labelList(first)} -> ${labelList(current)}`)
  if (first.posLabel !== current.posLabel) changes.push(`posLabel ${JSON.stringify(first.posLabel) ?? 'none'} -> ${JSON.stringify(current.posLabel) ?? 'none'}`)
  if (changes.length > 0) return { changes }
  const average = first.average !== current.average
  const options = changedMetricOptions(first.metricOptions, current.metricOptions)
  if (!average && options.length === 0) return undefined
  return {
    changes: [...(average ? [`average ${first.average ?? 'none'} -> ${current.average ?? 'none'}`] : []), ...metricOptionDifferences(first.metricOptions, current.metricOptions)],
    affects: { average, options },
  }
}

/**
 * Whether `metric` means something else in the two runs `difference` describes: every metric
 * when the model type, labels or positive label differ; the averaged ones when only `average` does.
 *
 * @example
 * isDefinedDifferently({ changes: ['average weighted -> macro'], affects: { average: true, options: [] } }, 'accuracy_score') // false
 */
export function isDefinedDifferently(difference: DefinitionDifference | undefined, metric: string): boolean {
  if (difference === undefined) return false
  const affects = difference.affects
  if (affects === undefined) return true
  return changeDefines({ everything: false, ...affects }, metric)
}

/**
 * The note saying so, as the baselines word it.
 *
 * @example
 * definitionNote(2, { changes: ['average weighted -> macro'], affects: { average: true, options: [] } })
 * // 'Run 2 defines the metrics differently from run 1 (average weighted -> macro), so the values are not comparable: precision_score, recall_score, f1_score and roc_auc are shown without a verdict.'
 */
export function definitionNote(runNumber: number, difference: DefinitionDifference): string {
  const affects = difference.affects
  const groups = affects === undefined ? [] : [...(affects.average ? [AVERAGED_METRICS_IN_WORDS] : []), ...affects.options.map(optionMetricsInWords)]
  const what = groups.length > 0 ? `${groups.join(', and ')} are` : 'its values are'
  return `Run ${runNumber} defines the metrics differently from run 1 (${difference.changes.join(', ')}), so the values are not comparable: ${what} shown without a verdict.`
}
