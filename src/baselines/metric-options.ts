/**
 * The options that change what a metric means without changing its name (`stemmer` of the
 * summarization type; `src/run/metric-options.ts` lists them), recorded in a baseline entry
 * (`metricOptions`) so that a run evaluated under other ones is not compared as if its numbers
 * were the same metric. The entry copies the run's `metricOptions`, and the verdict compares them
 * with `metricOptionDifferences`; an older entry, which has none, is not checked. This module
 * checks a stored value.
 */

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
