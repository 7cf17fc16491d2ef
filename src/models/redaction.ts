/**
 * The one place that scrubs credentials from messages. Everything an adapter prints, throws or
 * puts in `describe()` and the cache's description passes through `redactSecrets` first. Data
 * (the model's answers) is never redacted: a label such as "Basic plan" is a label, not a token.
 */

export const REDACTED = '[redacted]'

/** Object keys whose values are always treated as credentials. */
const SECRET_KEY =
  /^(?:(?:proxy-)?authorization|x-api-key|api[-_]?key|apikey|(?:access|auth|bearer|id|refresh)[-_]?token|token|secret|client[-_]?secret|password|passwd|cookie|set-cookie|credentials?)$/i
/** `Bearer abc`, `Basic abc`, `Token abc` inside free text. */
const SCHEME_TOKEN = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{4,}/g
/** `https://user:pass@host`, up to the last `@` before the path (a password may hold an `@`). */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s?#]*@/gi
/** `?api_key=...`, `&token=...` in URLs. */
const SECRET_QUERY = /([?&](?:api[-_]?key|apikey|key|token|access[-_]?token|sig|signature|password|code)=)[^&#\s"']+/gi

/** Secrets shorter than this are not replaced inside free text (it would mangle ordinary words). */
const MIN_SECRET_LENGTH = 4

/**
 * The secret strings contained in request headers and an API key: every header value, for
 * `Scheme token` values also the bare token, and for `Basic` values also the decoded
 * `user:password` and password (URL user info becomes such a header). Pass the result to
 * `redactSecrets`.
 */
export function secretsFromCredentials(headers: Record<string, string> | undefined, apiKey?: string): string[] {
  const secrets = new Set<string>()
  const add = (value: string | undefined): void => {
    if (value === undefined) return
    const trimmed = value.trim()
    if (trimmed.length >= MIN_SECRET_LENGTH) secrets.add(trimmed)
  }
  add(apiKey)
  for (const value of Object.values(headers ?? {})) {
    add(value)
    const space = value.trim().indexOf(' ')
    if (space > 0) add(value.trim().slice(space + 1))
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(value.trim())
    if (basic !== null) {
      const pair = Buffer.from(basic[1], 'base64').toString('utf8')
      const colon = pair.indexOf(':')
      if (colon >= 0) {
        add(pair)
        add(pair.slice(colon + 1))
      }
    }
  }
  // Longest first, so a token inside a longer header value does not leave a partial secret behind.
  return [...secrets].sort((a, b) => b.length - a.length)
}

/**
 * Return a copy of `value` (a string, error message, or JSON-like object) with every known
 * secret, every `Bearer`/`Basic` token, URL credentials, secret-looking query parameters and the
 * values of secret-looking object keys replaced by `[redacted]`.
 *
 * @example
 * redactSecrets('401 for key sk-abc123', ['sk-abc123']) // '401 for key [redacted]'
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  return redactValue(value, secrets, new WeakSet()) as T
}

function redactValue(value: unknown, secrets: readonly string[], seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value, secrets)
  if (typeof value !== 'object' || value === null) return value
  if (seen.has(value)) return '[circular]'
  seen.add(value)
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, seen))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && item !== undefined && item !== null && item !== '' ? REDACTED : redactValue(item, secrets, seen)
  }
  return out
}

function redactText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue
    out = out.split(secret).join(REDACTED)
    const encoded = encodeURIComponent(secret)
    if (encoded !== secret) out = out.split(encoded).join(REDACTED)
  }
  return out
    .replace(SCHEME_TOKEN, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(URL_USERINFO, (_match, scheme: string) => `${scheme}${REDACTED}@`)
    .replace(SECRET_QUERY, (_match, name: string) => `${name}${REDACTED}`)
}
