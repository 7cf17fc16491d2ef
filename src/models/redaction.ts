/**
 * The one place that scrubs credentials from messages. Everything an adapter prints, throws or
 * puts in `describe()` and the cache's description passes through `redactSecrets` first. Data
 * (the model's answers) is never redacted: a label such as "Basic plan" is a label, not a token.
 */

export const REDACTED = '[redacted]'

/** Object keys whose values are always treated as credentials. */
const SECRET_KEY =
  /^(?:(?:proxy-)?authorization|x-api-key|api[-_]?key|apikey|(?:access|auth|bearer|id|refresh)[-_]?token|token|secret|client[-_]?secret|password|passwd|cookie|set-cookie|credentials?)$/i
/**
 * Words of an object key that make its text value a credential wherever they stand in the key
 * (`hf_token`, `openai_api_key`, `aws_secret_access_key`, `privateKey`, `db_password`): the key is
 * split into words at `-`, `_`, `.`, spaces and lower-to-upper case changes. Adversarial pass 33:
 * the exact names above let `hf_token` and `openai_api_key` in a served model's `params` reach
 * run.json and the prediction cache. Plural `tokens` (`max_tokens`, a count) is not one of them;
 * `password`, `passwd` and `secret` count anywhere in a key ({@link secretKey}).
 */
const SECRET_WORDS = new Set(['token', 'pwd', 'pass', 'passphrase', 'apikey', 'apikeys', 'credential', 'credentials', 'creds', 'cookie', 'authorization', 'auth', 'bearer', 'jwt', 'signature', 'privatekey', 'accesskey'])
/** Two adjacent words that name a credential together (`api_key`, `private-key`, `accessKey`). */
const SECRET_PAIRS = new Set(['api key', 'private key', 'access key', 'secret key', 'session key', 'signing key', 'session id'])

/**
 * Whether an object key's value is a credential: a name of {@link SECRET_KEY}, or, for a text or
 * object value (a number under `token_limit` is a count), a key holding one of {@link SECRET_WORDS}
 * or {@link SECRET_PAIRS}.
 * @example secretKey('hf_token', 'hf_abc') // true
 * @example secretKey('max_tokens', 256) // false
 */
function secretKey(key: string, value: unknown): boolean {
  if (SECRET_KEY.test(key)) return true
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) return false
  // `openAIApiKey` -> open AI Api Key, `HFAPIToken` -> HFAPI Token
  const words = key
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[-_.\s]+/)
    .filter((word) => word !== '')
  // A key ending in "key" (`azure_openai_key`, `Ocp-Apim-Subscription-Key`, `key`) names one, as do
  // keys that hold a password or secret inside a word (`PGPASSWORD`).
  const last = words[words.length - 1]
  if (last === 'key' || last === 'keys' || /password|passwd|secret/.test(key.toLowerCase())) return true
  return words.some((word, i) => SECRET_WORDS.has(word) || (i > 0 && SECRET_PAIRS.has(`${words[i - 1]} ${word}`)))
}

/** `Bearer abc`, `Basic abc`, `Token abc` inside free text. */
const SCHEME_TOKEN = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{4,}/g
/**
 * `https://user:pass@host`, up to the last `@` before a space or quote: a password may hold `@`,
 * `/`, `?` or `#` (a URL parser stops there, a redaction must not).
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s"'<>]*@/gi
/**
 * Secret-looking query parameters of URLs inside free text (`?api_key=`, `&auth_token=`,
 * `&subscription-key=`, `&sig=`, `&client_secret=` ...): any name ending in one of these words.
 * The adapters' own endpoint never relies on this: its display form hides every query value.
 */
const SECRET_QUERY =
  /([?&][^=&#\s"']*?(?:key|token|secret|sig|signature|password|passwd|pwd|auth|code|credentials?)=)[^&#\s"']+/gi

/** Secrets shorter than this are not replaced inside free text (it would mangle ordinary words). */
const MIN_SECRET_LENGTH = 4

/**
 * A URL as reports, errors and cache files show it: no user info, no fragment, no
 * credential-like path segment (a bot or webhook token in the path), and every query
 * parameter's name but never its value (a value may be a token under any name: `auth_token`,
 * `subscription-key`, an Azure SAS `sig`).
 *
 * @example
 * displayUrl(new URL('http://u:p@h/x?auth_token=abc&v=1')) // 'http://h/x?auth_token=[redacted]&v=[redacted]'
 */
export function displayUrl(url: URL): string {
  const base = `${url.protocol}//${url.host}${maskedPath(url.pathname)}`
  if (url.search.length <= 1) return base
  return `${base}?${maskedQuery(url.search.slice(1).split('&'))}`
}

/**
 * A path segment that looks like a credential rather than a name: 24 or more token characters
 * mixing upper- and lower-case letters and digits (a bot token `bot123456:AAH…`, a webhook's
 * secret `/services/T0/B0/XXXX…`), or 32 or more hex digits (a hex key). Names (`v1`,
 * `my-model-2024-05-01`, a lower-case UUID) are kept.
 */
function credentialLike(segment: string): boolean {
  if (/^[0-9a-f]{32,}$/i.test(segment)) return true
  return segment.length >= 24 && /^[A-Za-z0-9._~:+=-]+$/.test(segment) && /[a-z]/.test(segment) && /[A-Z]/.test(segment) && /[0-9]/.test(segment)
}

/** The path with each credential-like segment hidden. */
function maskedPath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => (credentialLike(safeDecode(segment)) ? REDACTED : segment))
    .join('/')
}

/** Query parts with each value hidden: `name=[redacted]`; a bare part (it may be a token passed without a name) hidden whole. */
function maskedQuery(parts: readonly string[]): string {
  return parts.map((part) => (part.includes('=') ? `${part.slice(0, part.indexOf('='))}=${REDACTED}` : part === '' ? '' : REDACTED)).join('&')
}

/**
 * The secret strings of a URL: every query value (as written and decoded), bare query parts,
 * the fragment, the user and password, and credential-like path segments. Pass them with the header secrets to `redactSecrets`
 * and the echo guard, so a server quoting the URL back cannot print them.
 *
 * @example
 * secretsFromUrl(new URL('http://h/x?auth_token=abc%2B1')) // ['abc%2B1', 'abc+1']
 */
export function secretsFromUrl(url: URL): string[] {
  const parts: string[] = [url.username, url.password, url.hash.slice(1), ...url.pathname.split('/').filter((segment) => credentialLike(safeDecode(segment)))]
  for (const part of url.search.slice(1).split('&')) parts.push(part.includes('=') ? part.slice(part.indexOf('=') + 1) : part)
  const secrets = new Set<string>()
  for (const part of parts) {
    for (const form of [part, safeDecode(part), safeDecode(part.replace(/\+/g, ' '))]) {
      if (form.trim().length >= MIN_SECRET_LENGTH) secrets.add(form.trim())
    }
  }
  return [...secrets]
}

/**
 * A URL that did not parse, for an error message: nothing between `scheme://` (or the start) and
 * the last `@` is shown, nor any query value (whatever the characters of the password).
 *
 * @example
 * redactUnparsedUrl('http://admin:Pa#SECRETpw1@127.0.0.1:5000') // 'http://[redacted]@127.0.0.1:5000'
 */
export function redactUnparsedUrl(text: string): string {
  const at = text.lastIndexOf('@')
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0] ?? ''
  const rest = at < 0 ? text.slice(scheme.length) : text.slice(at + 1)
  const host = at < 0 ? scheme : `${scheme}${REDACTED}@`
  const query = rest.search(/[?#]/)
  if (query < 0) return host + rest
  return `${host}${rest.slice(0, query)}?${maskedQuery(rest.slice(query + 1).split(/[&#]/))}`
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * The secret strings contained in request headers and an API key: every header value, for
 * `Scheme token` values also the bare token, and for `Basic` values also the decoded
 * `user:password` and password (URL user info becomes such a header), and `urlSecrets` (the
 * endpoint's query values, see `secretsFromUrl`). Pass the result to `redactSecrets`.
 *
 * @example
 * secretsFromCredentials({ authorization: 'Bearer sk-abc123' }) // ['Bearer sk-abc123', 'sk-abc123']
 */
export function secretsFromCredentials(headers: Record<string, string> | undefined, apiKey?: string, urlSecrets: readonly string[] = []): string[] {
  const secrets = new Set<string>(urlSecrets)
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
 * secret (as sent, URL-encoded, JSON-escaped or base64-encoded), every `Bearer`/`Basic` token, URL credentials, secret-looking query parameters and the
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
    out[key] = secretKey(key, item) && item !== undefined && item !== null && item !== '' ? REDACTED : redactValue(item, secrets, seen)
  }
  return out
}

/**
 * The forms in which a server may echo a secret back: as sent, URL-encoded (as JavaScript's
 * `encodeURIComponent`, as RFC 3986 with `! ' ( ) *` escaped too as Python's `quote` and
 * `urlencode` and `URLSearchParams` write it, with `/` kept, with `+` for a space, twice, and with
 * lower-case hex as .NET writes it), inside a JSON string (quotes and backslashes escaped, `/` as
 * `\/` as PHP's `json_encode` writes it, non-ASCII as `\u00f6` as Python's `json.dumps` does),
 * HTML-escaped, and base64-encoded (standard and URL-safe, with and without padding), and a key-like secret upper- or lower-cased whole. Matched anywhere, otherwise in their exact case: a header value such as `northwind` is a secret
 * too (every header value is), and matching it in any case refused answers naming "Northwind
 * Traders" (adversarial pass 23u); matching only whole words let a short key echoed after `%3D`
 * or `\n` through (adversarial pass 23v).
 */
function echoForms(secret: string): readonly string[] {
  let forms = echoFormsOf.get(secret)
  if (forms === undefined) {
    forms = computeEchoForms(secret)
    echoFormsOf.set(secret, forms)
  }
  return forms
}

/** Each secret's forms, computed once: answers are checked row by row against the same few secrets. */
const echoFormsOf = new Map<string, readonly string[]>()

function computeEchoForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1)
  const encoded = encodeURIComponent(secret)
  // RFC 3986 as Python's quote/urlencode and URLSearchParams write it: ! ' ( ) * (and ~) escaped too.
  const strict = encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  const formEncoded = new URLSearchParams([['', secret]]).toString().slice(1) // application/x-www-form-urlencoded: ~ escaped, * kept, + for a space
  const urlEncodings = [encoded, strict, strict.replace(/~/g, '%7E'), strict.replace(/%2F/g, '/'), encoded.replace(/%2F/g, '/'), formEncoded]
  const lowerHex = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())
  const plusSpace = (text: string): string => text.replace(/%20/g, '+')
  const urlForms = urlEncodings.flatMap((form) => [form, lowerHex(form), plusSpace(form)])
  // JSON with every non-ASCII character escaped, as Python's json.dumps and Flask's jsonify write it.
  const asciiJson = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  // HTML-escaped, as an error page quotes it.
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  const base64 = Buffer.from(secret, 'utf8').toString('base64')
  const base64url = base64.replace(/\+/g, '-').replace(/\//g, '_')
  // A key-like secret (12 characters or more, not only letters) upper- or lower-cased whole, as a
  // server may echo it in a header dump (adversarial pass 38); a word-like one (a header value
  // such as `northwind`) keeps its exact case, or answers naming "Northwind" were refused (23u).
  const keyLike = secret.length >= 12 && /[^A-Za-z]/.test(secret)
  const cased = keyLike ? [secret.toUpperCase(), secret.toLowerCase()] : []
  const forms = [
    secret,
    ...cased,
    ...urlForms,
    encodeURIComponent(encoded),
    lowerHex(encodeURIComponent(encoded)),
    json,
    json.replace(/\//g, '\\/'),
    asciiJson,
    html,
    html.replace(/'/g, '&#x27;'),
    html.replace(/'/g, '&#39;'),
    base64,
    base64.replace(/=+$/, ''),
    base64url,
    base64url.replace(/=+$/, ''),
  ]
  return [...new Set(forms)].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length)
}

/**
 * Whether `text` holds one of `secrets` (those of at least `minLength` characters) in any form a
 * server may echo it in (see `redactSecrets`).
 *
 * @example containsSecret('{"key":"sk-live-abc12345"}', ['sk-live-abc12345'], 8) // true
 */
export function containsSecret(text: string, secrets: readonly string[], minLength = MIN_SECRET_LENGTH): boolean {
  return secrets.some((secret) => secret.length >= minLength && echoForms(secret).some((form) => text.includes(form)))
}

function redactText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue
    for (const form of echoForms(secret)) out = out.split(form).join(REDACTED)
  }
  return out
    .replace(SCHEME_TOKEN, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(URL_USERINFO, (_match, scheme: string) => `${scheme}${REDACTED}@`)
    .replace(SECRET_QUERY, (_match, name: string) => `${name}${REDACTED}`)
    .replace(SECRET_ASSIGNMENT, (_match, name: string) => `${name}${REDACTED}`)
    .replace(TOKEN_SHAPES, REDACTED)
    .replace(MASKED_KEY, REDACTED)
}

/**
 * A key as a provider masks it in an error, keeping its prefix and last characters: OpenAI's
 * 401 says `Incorrect API key provided: sk-proj-********************6789` (adversarial pass 36);
 * others mask with three stars, `...` or `…` (`sk-proj-AbCd…6789`, `gsk_****…6789`, pass 37).
 * The visible ends still identify the key, so the whole masked form goes.
 */
const MASKED_KEY = /\b(?:sk|pk|rk|gsk)[-_][A-Za-z0-9_-]*(?:\*{3,}|\.{3}|…)(?:[A-Za-z0-9_*…-]|\.{3})*/g

/**
 * `Password=…;` and `api_key: …` inside a value (a connection string, a JSON text in a string):
 * the value after a credential word and `=` or `:`, up to `;`, `&`, white space or a quote.
 */
const SECRET_ASSIGNMENT = /\b((?:password|passwd|pwd|secret|api[-_]?key|access[-_]?token|auth[-_]?token|private[-_]?key)["']?\s*[=:]\s*["']?)[^;&\s"',}]+/gi
/**
 * Credentials recognisable by their shape wherever they stand (under a key such as `ghp`): GitHub
 * (`ghp_…`, `github_pat_…`), GitLab (`glpat-…`), OpenAI-style (`sk-…`), Hugging Face (`hf_…`),
 * Slack (`xoxb-…`) tokens and AWS access key ids (`AKIA…`).
 */
const TOKEN_SHAPES = /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}|sk-[A-Za-z0-9_-]{20,}|hf_[A-Za-z0-9]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})\b/g
