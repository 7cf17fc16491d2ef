/**
 * One JSON POST with a per-attempt timeout and retries: network errors, timeouts, 429 and 5xx are
 * retried with exponential backoff and jitter (honouring `Retry-After`); other 4xx fail at once
 * with the body's message. Every message passes through the redactor before it leaves.
 */
import { ModelError } from '../../errors.js'
import { redactSecrets } from '../redaction.js'
import { backoffDelay, type BackoffPolicy } from './backoff.js'
import { parseRetryAfter } from './retry-after.js'
import { responseBodyMessage } from './response-message.js'

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
  cause?: unknown
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
  const fix = final.retryable
    ? 'check that the server is up, or raise `retries` / `timeoutMs`'
    : final.status !== undefined
      ? 'fix the request the server rejected (input columns, model name, credentials)'
      : 'check that the URL points at the right protocol'
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
  let response: Response
  let text: string
  try {
    response = await request.fetch(request.url, { method: 'POST', headers, body: payload, signal })
    text = await response.text()
  } catch (error) {
    if (signal.aborted) {
      return { ok: false, failure: { retryable: true, message: `no response within ${request.timeoutMs} ms (timeoutMs)` } }
    }
    return { ok: false, failure: { retryable: true, message: `network error: ${networkErrorText(error)}` } }
  }
  if (response.ok) {
    try {
      return { ok: true, value: JSON.parse(text) }
    } catch {
      const start = text.slice(0, 80).replace(/\s+/g, ' ')
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
      message: `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}: ${responseBodyMessage(text)}`,
      retryAfterMs: retryable ? retryAfterOf(response.headers) : undefined,
    },
  }
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
