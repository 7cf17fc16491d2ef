/**
 * The options that change what a metric means without changing its name, recorded in a baseline
 * entry (`metricOptions`) so that a run evaluated under other ones is not compared as if its
 * numbers were the same metric: `stemmer` of the summarization type (rouge_score's
 * `use_stemmer`: with it, "running" matches "runs", and every ROUGE rises). The text types' other
 * options change the names (`k`: `precision_at_5`; `squad`: adds `squad_*`), and the posLabel and
 * averaging of classifiers have fields of their own. A toxicity scorer also defines
 * `toxicity/v1`, but it is a function: nothing of it can be recorded. Read from the run table's
 * settings, so a run read back from JSON without its table records and checks nothing, as an
 * older entry, which has no `metricOptions`, is not checked.
 */
import { runTableOf } from '../run/run-table.js'
import type { EvalRun } from '../run/types.js'

/** A recorded option's value. */
export type MetricOptionValue = boolean | number | string

/** The options that define a metric's meaning and not its name. */
const DEFINING_OPTIONS: readonly string[] = ['stemmer']

/**
 * The defining options `run` was evaluated with, or undefined when it has none (or no table).
 *
 * @example
 * metricOptionsOf(summarizationRun) // { stemmer: false }
 */
export function metricOptionsOf(run: EvalRun): Record<string, MetricOptionValue> | undefined {
  const settings = runTableOf(run)?.encoded.settings
  if (settings === undefined) return undefined
  const out: Record<string, MetricOptionValue> = {}
  for (const name of DEFINING_OPTIONS) {
    const value = settings[name]
    if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') out[name] = value
  }
  return Object.keys(out).length > 0 ? out : undefined
}

/**
 * Each recorded option whose value in `run` differs, in words (`stemmer false -> true`); none when
 * the entry recorded none or the run has no table.
 *
 * @example
 * metricOptionChanges({ stemmer: false }, stemmedRun) // ['stemmer false -> true']
 */
export function metricOptionChanges(recorded: Readonly<Record<string, unknown>> | undefined, run: EvalRun): string[] {
  const current = metricOptionsOf(run)
  if (recorded === undefined || current === undefined) return []
  const changes: string[] = []
  for (const [name, value] of Object.entries(recorded)) {
    if (name in current && current[name] !== value) changes.push(`${name} ${JSON.stringify(value)} -> ${JSON.stringify(current[name])}`)
  }
  return changes
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
