/**
 * The headers every request of an adapter carries: the URL's `user:password@` (as
 * `Authorization: Basic`), the `headers` option, and the chat adapter's `apiKey` (as
 * `Authorization: Bearer`). Two of them both setting `Authorization` is refused when the adapter
 * is built: fetch joined them into `Authorization: Basic …, Bearer …`, a malformed header
 * carrying both credentials (adversarial pass 36). The message names the sources, never a value.
 */
import { ConfigError } from '../errors.js'
import type { Endpoint } from './endpoint.js'

/**
 * Merge the endpoint's headers, the `headers` option and an API key; throws a `ConfigError` when
 * more than one of them sets `Authorization` (in any letter case).
 *
 * @example
 * requestHeaders('mlflowModel', resolveEndpoint('http://u:p@host', '/invocations', 'mlflowModel'), { Authorization: 'Bearer x' })
 * // throws: mlflowModel: two credentials for the Authorization header: the URL's user:password@ (…) and headers.Authorization; …
 */
export function requestHeaders(adapter: string, endpoint: Endpoint, headers: Record<string, string> | undefined, apiKey?: string): Record<string, string> {
  const sources: string[] = []
  if (Object.keys(endpoint.headers).some(isAuthorization)) sources.push("the URL's user:password@ (sent as Authorization: Basic)")
  for (const name of Object.keys(headers ?? {})) if (isAuthorization(name)) sources.push(`headers.${name}`)
  const withKey = apiKey !== undefined && apiKey !== ''
  if (withKey) sources.push('apiKey (sent as Authorization: Bearer)')
  if (sources.length > 1) {
    throw new ConfigError(
      'MODEL_BAD_OPTION',
      `${adapter}: ${sources.length === 2 ? 'two' : sources.length} credentials for the Authorization header: ${sources.join(' and ')}; a request carries one (fetch would join them into one malformed header carrying all of them). Keep one: remove the user:password@ from the URL, or drop headers.Authorization${withKey ? ', or apiKey' : ''}.`,
    )
  }
  return { ...endpoint.headers, ...headers, ...(withKey ? { authorization: `Bearer ${apiKey}` } : {}) }
}

function isAuthorization(name: string): boolean {
  return name.toLowerCase() === 'authorization'
}
