/**
 * The options that change what a metric means without changing its name (`stemmer` of the
 * summarization type; `src/run/metric-options.ts` lists them), recorded in a baseline entry
 * (`metricOptions`) so that a run evaluated under other ones is not compared as if its numbers
 * were the same metric. Read from the run's `metricOptions`; an older entry, which has none, is
 * not checked.
 */
import { metricOptionDifferences, type MetricOptionValue } from '../run/metric-options.js'
import type { EvalRun } from '../run/types.js'

export type { MetricOptionValue }

/**
 * The defining options `run` was evaluated with, or undefined when it has none.
 *
 * @example
 * metricOptionsOf(summarizationRun) // { stemmer: false }
 */
export function metricOptionsOf(run: EvalRun): Record<string, MetricOptionValue> | undefined {
  return run.metricOptions === undefined ? undefined : { ...run.metricOptions }
}

/**
 * Each recorded option whose value in `run` differs, in words (`stemmer false -> true`); none when
 * the entry recorded none or the run has none.
 *
 * @example
 * metricOptionChanges({ stemmer: false }, stemmedRun) // ['stemmer false -> true']
 */
export function metricOptionChanges(recorded: Readonly<Record<string, unknown>> | undefined, run: EvalRun): string[] {
  return metricOptionDifferences(recorded, run.metricOptions)
}

/**
 * Why a stored `metricOptions` is not valid, or undefined when it is (absent is valid).
 *
 * @example
 * metricOptionsProblem({ stemmer: 'yes' }) // undefined: a string is a value
 * metricOptionsProblem([true]) // 'metricOptions is [true], expected option names mapped to values'
 */
export function metricOptionsProblem(value: unknown): string | undefined {
  if (value === undefined) return undefined
  const valid =
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string')
  return valid ? undefined : `metricOptions is ${JSON.stringify(value)}, expected option names mapped to values (e.g. { "stemmer": false })`
}
