/**
 * Endpoint URLs: validated, credentials in the URL moved into an Authorization header (fetch
 * refuses URLs with credentials), and a display form safe for reports and cache keys.
 */
import { ConfigError } from '../errors.js'
import { redactSecrets } from './redaction.js'

export interface Endpoint {
  /** The URL requests go to, without user info. */
  url: string
  /** The URL for reports, errors and cache keys: no user info, secret query values redacted. */
  display: string
  /** `Authorization: Basic ...` when the URL carried `user:password@`. */
  headers: Record<string, string>
}

/**
 * Parse `base` and append `path` (unless `base` already ends with it).
 *
 * @example
 * resolveEndpoint('http://127.0.0.1:5000/', '/invocations').url // 'http://127.0.0.1:5000/invocations'
 */
export function resolveEndpoint(base: string, path: string, adapter: string): Endpoint {
  let parsed: URL
  try {
    parsed = new URL(base)
  } catch {
    throw new ConfigError(
      'MODEL_BAD_URL',
      `${adapter}: "${redactSecrets(base, [])}" is not a URL; pass the server's address, e.g. http://127.0.0.1:5000`,
    )
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError('MODEL_BAD_URL', `${adapter}: URL must start with http:// or https://, got ${parsed.protocol}//`)
  }
  const headers: Record<string, string> = {}
  if (parsed.username !== '' || parsed.password !== '') {
    const user = decodeURIComponent(parsed.username)
    const password = decodeURIComponent(parsed.password)
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
    parsed.username = ''
    parsed.password = ''
  }
  const basePath = parsed.pathname.replace(/\/+$/, '')
  if (path !== '' && !basePath.endsWith(path)) parsed.pathname = basePath + path
  else parsed.pathname = basePath === '' ? '/' : basePath
  const url = parsed.toString()
  return { url, display: redactSecrets(url, []), headers }
}
