/**
 * Request headers are checked when the adapter is built: a value fetch cannot send (a line break,
 * a character outside Latin-1) would otherwise surface as a "network error" on every attempt and be
 * retried. The message names the header, never its value.
 */
import { ConfigError } from '../../errors.js'

/** RFC 9110 `token`: the characters a header name may hold. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
/** NUL, CR and LF: fetch refuses a value holding any of them. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_VALUE = /[\u0000\r\n]/
/** Header values are byte strings: every character must be Latin-1. */
const BEYOND_LATIN1 = /[\u0100-\uffff]/

/**
 * Throws a `ConfigError` naming the first header fetch would refuse (by name, never its value),
 * what is wrong with it and the fix. `option` names where the headers came from in the message.
 *
 * @example
 * checkHeaders({ Authorization: 'Bearer a\nb' }, 'mlflowModel') // ConfigError: mlflowModel: header "Authorization" ... a line break ...
 */
export function checkHeaders(headers: unknown, adapter: string, option = 'headers'): void {
  if (headers === undefined) return
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new ConfigError('MODEL_BAD_OPTION', `${adapter}: ${option} must be an object of header names to string values, e.g. { 'x-api-key': process.env.KEY }`)
  }
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerProblem(name, value)
    if (problem !== undefined) throw new ConfigError('MODEL_BAD_OPTION', `${adapter}: ${option}: header ${JSON.stringify(name)} ${problem}`)
  }
}

/** What is wrong with one header (the value is never quoted), or undefined. */
function headerProblem(name: string, value: unknown): string | undefined {
  if (!HEADER_NAME.test(name)) return 'is not a valid header name (letters, digits and !#$%&\'*+-.^_`|~ only, no spaces or colons); fix its name'
  if (typeof value !== 'string') return `has ${value === undefined ? 'no value (undefined)' : `a ${value === null ? 'null' : typeof value} value`}; pass a string (is the environment variable set?)`
  if (FORBIDDEN_IN_VALUE.test(value)) {
    return 'has a value holding a line break or NUL character, which cannot be sent; remove it (a key read from a file or pasted often ends with one: .trim() it)'
  }
  if (BEYOND_LATIN1.test(value)) {
    return 'has a value holding a character outside Latin-1 (such as a typographic quote, a non-breaking dash or an emoji pasted with it), which cannot be sent; remove it, or encode the value (percent- or base64-encoding)'
  }
  return undefined
}
