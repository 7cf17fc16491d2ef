/**
 * Endpoint URLs: validated, credentials in the URL moved into an Authorization header (fetch
 * refuses URLs with credentials), and a display form safe for reports, errors and the cache:
 * every query parameter's name, never its value.
 */
import { createHash } from 'node:crypto'
import { ConfigError } from '../errors.js'
import { displayUrl, redactUnparsedUrl, safeDecode, secretsFromUrl } from './redaction.js'

export interface Endpoint {
  /** The URL requests go to, without user info. */
  url: string
  /** The URL for reports, errors and cache descriptions: no user info, no query value. */
  display: string
  /**
   * What the cache key holds for the endpoint: `display`, and when the URL has a query, a hash
   * of the full URL, so endpoints whose query values differ do not share answers.
   */
  cacheKey: string
  /** The URL's query values, user and password: scrubbed from every message, refused in answers. */
  secrets: string[]
  /** `Authorization: Basic ...` when the URL carried `user:password@`. */
  headers: Record<string, string>
}

/**
 * Parse `base` and append `path` (unless `base` already ends with it).
 *
 * @example
 * resolveEndpoint('http://127.0.0.1:5000/', '/invocations').url // 'http://127.0.0.1:5000/invocations'
 * resolveEndpoint('http://127.0.0.1:5000/?auth_token=abc', '/invocations').display // 'http://127.0.0.1:5000/invocations?auth_token=[redacted]'
 */
export function resolveEndpoint(base: string, path: string, adapter: string): Endpoint {
  if (typeof base !== 'string') {
    // An options object where the URL goes (`mlflowModel({ url })`): say where the URL goes, and
    // show nothing of the object (it may hold an API key).
    throw new ConfigError('MODEL_BAD_URL', `${adapter}: the first argument must be the server's URL as a string, received ${base === null ? 'null' : typeof base}; pass ${adapter}('http://127.0.0.1:5000', { ...options })`)
  }
  let parsed: URL
  try {
    parsed = new URL(base)
  } catch {
    throw new ConfigError(
      'MODEL_BAD_URL',
      `${adapter}: "${redactUnparsedUrl(String(base))}" is not a URL; pass the server's address, e.g. http://127.0.0.1:5000 (a password holding #, ? or / must be percent-encoded, e.g. %23 for #)`,
    )
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError('MODEL_BAD_URL', `${adapter}: URL must start with http:// or https://, got ${parsed.protocol}//`)
  }
  const secrets = secretsFromUrl(parsed)
  const headers: Record<string, string> = {}
  const credentials = takeUrlCredentials(parsed)
  if (credentials !== undefined) headers.authorization = basicAuthorization(credentials)
  parsed.hash = ''
  const basePath = parsed.pathname.replace(/\/+$/, '')
  if (path !== '' && !basePath.endsWith(path)) parsed.pathname = basePath + path
  else parsed.pathname = basePath === '' ? '/' : basePath
  const url = parsed.toString()
  const display = displayUrl(parsed)
  const cacheKey = parsed.search === '' ? display : `${display} (full URL sha256 ${createHash('sha256').update(url).digest('hex')})`
  return { url, display, cacheKey, secrets, headers }
}

/**
 * Takes the user info out of a parsed URL (`fetch` refuses URLs holding it): `user:password`,
 * percent-decoding undone where it is valid (a stray `%` in a password is kept as written, not a
 * `URIError`: adversarial pass 59), or undefined when there is none. Served models and the MLflow
 * export both read credentials from their URL this way.
 *
 * @example const url = new URL('http://ada:p%40ss@host'); takeUrlCredentials(url) // 'ada:p@ss', url.href 'http://host/'
 */
export function takeUrlCredentials(url: URL): string | undefined {
  if (url.username === '' && url.password === '') return undefined
  const credentials = `${safeDecode(url.username)}:${safeDecode(url.password)}`
  url.username = ''
  url.password = ''
  return credentials
}

/** The `Authorization` header of `user:password` credentials. */
export function basicAuthorization(credentials: string): string {
  return `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`
}

