/**
 * Unknown option keys, for every layer that takes an options object (`evaluate()`, the served
 * model adapters, the matchers, the plugin): a misspelled option (`slice`, `marign`,
 * `tolerence`, `timout`) would otherwise be ignored without a word and the default, often a laxer
 * one, would apply.
 */
import { ConfigError, listNames } from '../errors.js'
import { didYouMean } from './closest-names.js'

/**
 * `true` when `Names` lists every key of `T`, else the keys it leaves out: an option list that
 * must name every option of an interface declares `const listed: EveryKeyListed<T, typeof NAMES> = true`,
 * which stops compiling (naming the missing key) when an option is added to `T` but not to the list.
 */
export type EveryKeyListed<T, Names extends readonly PropertyKey[]> = [Exclude<keyof T, Names[number]>] extends [never] ? true : Exclude<keyof T, Names[number]>

export interface UnknownKeyContext {
  /** Starts the message: `evaluate()`, `toOutperform`, `evalgate()`, `mlflowModel`. */
  who: string
  /** The object the key is in (`the options`, `baseline.perMetric.f1_score`); none for the top level. */
  where?: string
  /** The ConfigError's code. */
  code: string
  /** Names other tools use for an option, and this one's name for it (`extra_metrics` -> `extraMetrics`). */
  otherNames?: Readonly<Record<string, string>>
  /** Whose names `otherNames` are, for the message (`mlflow.evaluate's name`). */
  otherNamesOf?: string
}

/**
 * Throws a ConfigError for the first key of `options` not in `known`: the close names ("did you
 * mean") when there are any, else the list of options. Keys whose value is `undefined` are no
 * options and pass; a value that is not an object has no keys to check.
 *
 * @example checkKeys({ marign: 0.02 }, ['metric', 'margin'], { who: 'toOutperform', where: 'the options', code: 'matcher-unknown-option' }) // throws: toOutperform: unknown option "marign" in the options; did you mean "margin"?
 */
export function checkKeys(options: unknown, known: readonly string[], context: UnknownKeyContext): void {
  // Not an object (a number threshold, nothing given): no keys; what else is wrong with it is the caller's message.
  if (typeof options !== 'object' || options === null) return
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || known.includes(key)) continue
    const other = context.otherNames !== undefined && Object.hasOwn(context.otherNames, key) ? context.otherNames[key] : undefined
    const named = other !== undefined ? ` (${context.otherNamesOf ?? 'another tool'}'s name); evalgate's is ${other}` : ''
    const fix = other !== undefined ? '' : didYouMean(key, known)
    throw new ConfigError(context.code, `${context.who}: unknown option "${key}"${context.where !== undefined ? ` in ${context.where}` : ''}${named};${fix === '' && other === undefined ? ` the options are: ${listNames(known)}` : fix}`)
  }
}
