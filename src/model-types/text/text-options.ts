/**
 * Option checks and metric directions the text-based types share (`text`, `question-answering`,
 * `text-summarization`): the toxicity scorer, boolean switches, and the directions of the text
 * metrics as MLflow gives them (`greater_is_better=False` for the grade levels and toxicity), but
 * none for the grade levels of outputs that have references ({@link Readability}).
 */
import { ConfigError } from '../../errors.js'
import { isModelAdapter } from '../../models/types.js'

/** The text metric names at their defaults (readability and toxicity included). */
export const TEXT_METRIC_NAMES: readonly string[] = ['token_count/v1', 'flesch_kincaid_grade_level/v1', 'ari_grade_level/v1', 'toxicity/v1'].flatMap((name) => [
  `${name}/mean`,
  `${name}/variance`,
  `${name}/p90`,
  ...(name === 'toxicity/v1' ? [`${name}/ratio`] : []),
])

const LOWER_IS_BETTER = /^(flesch_kincaid_grade_level|ari_grade_level|toxicity)\/v1\/(mean|p90|ratio)$/
const TOXICITY = /^toxicity\/v1\/(mean|p90|ratio)$/

/**
 * How the grade levels of the outputs read: `'judged'` where they are all there is to judge a
 * text model by (the `text` type: a lower grade reads more easily, MLflow's
 * `greater_is_better=False`), `'described'` where the outputs have references (question answering,
 * summarization), which judge them: a grade level then only describes the outputs, and has no
 * better direction (adversarial pass 67: a broken QA model's one-word answers led `evalgate
 * compare` as "better" on both grade levels).
 */
export type Readability = 'judged' | 'described'

/** Direction of a text metric (undefined for token counts, variances and other names, and for described grade levels). */
export function textMetricDirection(metric: string, readability: Readability): boolean | undefined {
  return (readability === 'judged' ? LOWER_IS_BETTER : TOXICITY).test(metric) ? false : undefined
}

/** Checks an optional boolean option; its value or `fallback`. */
export function booleanOption(options: Readonly<Record<string, unknown>>, name: string, modelType: string, fallback = false): boolean {
  const value = options[name]
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') throw new ConfigError('INVALID_OPTION', `${name} must be true or false for modelType '${modelType}', got ${JSON.stringify(value)}`)
  return value
}

/** Checks the `toxicity` option: a function, a model adapter, or `{ adapter, label?, inputColumn? }`. */
export function checkToxicityOption(options: Readonly<Record<string, unknown>>): void {
  const value = options.toxicity
  if (value === undefined || typeof value === 'function' || isModelAdapter(value)) return
  if (typeof value === 'object' && value !== null && isModelAdapter((value as { adapter?: unknown }).adapter)) return
  throw new ConfigError(
    'INVALID_OPTION',
    `toxicity must be a function (texts) => scores, a served-model adapter, or { adapter, label }, got ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
  )
}
