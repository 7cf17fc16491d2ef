/**
 * Unknown option keys, for the matchers and the plugin: a misspelled option (`marign`,
 * `tolerence`, `confidnce`) would otherwise be ignored without a word and the assertion would
 * run with the default, usually a laxer one.
 */
import { ConfigError, listNames } from '../../errors.js'
import { didYouMean } from '../../run/closest-names.js'

/**
 * Throws a ConfigError for the first key of `options` not in `known`, with "did you mean" and the
 * list; `who` starts the message (`toMatchBaseline`, `evalgate()`), `where` names the object.
 * Keys whose value is `undefined` are no options and pass.
 *
 * @example checkKeys({ marign: 0.02 }, ['metric', 'margin'], 'the options', 'toOutperform') // throws: toOutperform: unknown option "marign" in the options; did you mean "margin"? ...
 */
export function checkKeys(options: object, known: readonly string[], where: string, who: string, code = 'unknown-option'): void {
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || known.includes(key)) continue
    throw new ConfigError(code, `${who}: unknown option "${key}" in ${where};${didYouMean(key, known)} the options are: ${listNames(known)}`)
  }
}
