/**
 * One JSON POST with a per-attempt timeout and retries: network errors, timeouts, 429 and 5xx are
 * retried with exponential backoff and jitter (honouring `Retry-After`); other 4xx fail at once
 * with the body's message. Redirects are followed by hand (`redirect: 'manual'`): a 307/308 to
 * the same origin is followed; a redirect to another origin is never followed, since the request
 * carries credentials (headers, API keys, URL user info) that the other host would receive. Every
 * message is redacted before it is shortened, then leaves.
 */
import { ModelError } from '../../errors.js'
import { displayUrl, redactSecrets } from '../redaction.js'
import { backoffDelay, type BackoffPolicy } from './backoff.js'
import { parseJsonResponse } from './json-response.js'
import { parseRetryAfter } from './retry-after.js'
import { responseBodyMessage } from './response-message.js'

/** Same-origin redirects followed per attempt before giving up. */
const MAX_REDIRECTS = 5

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>

export interface PostJsonRequest {
  url: string
  body: unknown
  headers: Record<string, string>
  /** Per attempt; the attempt is aborted after this many milliseconds. */
  timeoutMs: number
  /** Retries after the first attempt. */
  retries: number
  backoff: BackoffPolicy
  sleep: (ms: number) => Promise<void>
  fetch: FetchFunction
  /** Strings to scrub from every message (header values, API keys). */
  secrets: readonly string[]
  /** Names the call in messages, e.g. `mlflow http://127.0.0.1:5000/invocations (rows 0-49)`. */
  target: string
  /** Called before each attempt: 0 for the first, 1.. for retries. */
  onAttempt?: (attempt: number) => void
}

interface AttemptFailure {
  retryable: boolean
  message: string
  status?: number
  retryAfterMs?: number
  /** What the user should do, when it is not the generic advice for the status. */
  fix?: string
}

/** POST `body` as JSON and return the parsed JSON response, or throw a `ModelError`. */
export async function postJson(request: PostJsonRequest): Promise<unknown> {
  const payload = JSON.stringify(request.body)
  const headers = { 'content-type': 'application/json', accept: 'application/json', ...request.headers }
  let failure: AttemptFailure | undefined
  for (let attempt = 0; attempt <= request.retries; attempt++) {
    if (attempt > 0 && failure !== undefined) {
      await request.sleep(backoffDelay(attempt - 1, request.backoff, failure.retryAfterMs))
    }
    request.onAttempt?.(attempt)
    const outcome = await attemptOnce(request, payload, headers)
    if (outcome.ok) return outcome.value
    failure = outcome.failure
    if (!failure.retryable) break
  }
  const final = failure as AttemptFailure
  const attempts = final.retryable ? ` after ${request.retries + 1} attempt${request.retries === 0 ? '' : 's'}` : ''
  const fix = final.fix ?? (final.retryable
    ? 'check that the server is up, or raise `retries` / `timeoutMs`'
    : final.status !== undefined
      ? 'fix the request the server rejected (input columns, model name, credentials)'
      : 'check that the URL points at the right protocol')
  const message = redactSecrets(`${request.target}: ${final.message}${attempts}. Fix: ${fix}.`, request.secrets)
  const code = final.status === undefined ? (final.retryable ? 'MODEL_UNREACHABLE' : 'MODEL_BAD_RESPONSE') : final.retryable ? 'MODEL_UNAVAILABLE' : 'MODEL_REQUEST_REJECTED'
  throw new ModelError(code, message)
}

async function attemptOnce(
  request: PostJsonRequest,
  payload: string,
  headers: Record<string, string>,
): Promise<{ ok: true; value: unknown } | { ok: false; failure: AttemptFailure }> {
  const signal = AbortSignal.timeout(request.timeoutMs)
  const redact = (text: string): string => redactSecrets(text, request.secrets)
  let response: Response
  let text: string
  try {
    let url = request.url
    for (let redirects = 0; ; redirects++) {
      response = await request.fetch(url, { method: 'POST', headers, body: payload, signal, redirect: 'manual' })
      if (!REDIRECT_STATUSES.has(response.status)) break
      await response.body?.cancel()
      const refused = refusedRedirect(url, response, redirects)
      if (typeof refused !== 'string') return { ok: false, failure: refused }
      url = refused
    }
    text = await response.text()
  } catch (error) {
    if (signal.aborted) {
      return { ok: false, failure: { retryable: true, message: `no response within ${request.timeoutMs} ms (timeoutMs)` } }
    }
    return { ok: false, failure: { retryable: true, message: `network error: ${networkErrorText(error)}` } }
  }
  if (response.ok) {
    try {
      return { ok: true, value: await parseJsonResponse(text) }
    } catch {
      // Redact first, then shorten: a cut secret no longer matches and would leak its first half.
      const start = redact(text).replace(/\s+/g, ' ').slice(0, 80)
      return {
        ok: false,
        failure: { retryable: false, message: `response ${response.status} is not JSON (starts with "${start}")` },
      }
    }
  }
  const status = response.status
  const retryable = status === 429 || status === 408 || status >= 500
  return {
    ok: false,
    failure: {
      retryable,
      status,
      ...(status === 429 ? { fix: 'the server limits the request rate: lower `concurrency` (requests in flight) or `batchSize`, or raise `retries` so that the waits its Retry-After asks for are honoured' } : {}),
      ...(status === 413 ? { fix: 'the request is larger than the server accepts: send fewer rows per request with a smaller `batchSize` (for a chat model, a shorter prompt), or raise the server\'s request size limit' } : {}),
      message: `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}: ${responseBodyMessage(text, redact)}`,
      retryAfterMs: retryable ? retryAfterOf(response.headers) : undefined,
    },
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/**
 * The URL to follow a redirect to (a 307/308 within the same origin), or the failure that
 * explains why it is not followed: another origin (the credentials would go with it), a 301/302/303
 * (fetch would turn the POST into a GET), no `Location`, or too many hops.
 */
function refusedRedirect(from: string, response: Response, redirects: number): string | AttemptFailure {
  const status = response.status
  const location = response.headers.get('location')
  if (location === null || location.trim() === '') {
    return { retryable: false, status, message: `HTTP ${status} redirect without a Location header`, fix: 'point the URL at the model\'s endpoint itself' }
  }
  let target: URL
  try {
    target = new URL(location, from)
  } catch {
    return { retryable: false, status, message: `HTTP ${status} redirect to an invalid Location "${location}"`, fix: 'point the URL at the model\'s endpoint itself' }
  }
  const shown = displayUrl(target)
  if (target.origin !== new URL(from).origin) {
    return {
      retryable: false,
      status,
      message: `HTTP ${status} redirect to another origin, ${shown}, not followed: the request carries credentials (headers, API key, URL user info) that would reach that host`,
      fix: `if you trust that host, point the URL at it (${shown}) and pass its credentials`,
    }
  }
  if (status !== 307 && status !== 308) {
    return {
      retryable: false,
      status,
      message: `HTTP ${status} redirect to ${shown}, not followed: it would turn the POST into a GET`,
      fix: `point the URL at ${shown}`,
    }
  }
  if (redirects >= MAX_REDIRECTS) {
    return { retryable: false, status, message: `more than ${MAX_REDIRECTS} redirects (last to ${shown})`, fix: 'point the URL at the final address' }
  }
  return target.toString()
}

/** `retry-after-ms` (sent by Azure OpenAI and some gateways) or the standard `Retry-After`. */
function retryAfterOf(headers: Headers): number | undefined {
  const ms = headers.get('retry-after-ms')
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms))
  return parseRetryAfter(headers.get('retry-after'))
}

function networkErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = (error as { cause?: unknown }).cause
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code
    return `${error.message} (${typeof code === 'string' ? `${code}: ` : ''}${cause.message})`
  }
  return error.message
}
