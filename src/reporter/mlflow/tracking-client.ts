/**
 * A small client of the MLflow tracking server's REST API 2.0 (`/api/2.0/mlflow/...`) and of
 * its proxied artifact store (`/api/2.0/mlflow-artifacts/artifacts/...`). Retries 429 / 5xx and
 * unanswered requests with the served-model adapters' backoff (full jitter, `Retry-After`
 * honoured); every message passes through `redactSecrets`, so no credential reaches a log.
 */
import { backoffDelay, sleepFor } from '../../models/transport/backoff.js'
import { parseRetryAfter } from '../../models/transport/retry-after.js'
import { redactSecrets, secretsFromCredentials } from '../../models/redaction.js'
import { splitUserInfo, type MlflowSettings } from './mlflow-options.js'
import { basicAuthorization } from '../../models/endpoint.js'
import { fileHref } from '../html-escape.js'

/** A request the server refused, or that never got an answer after every retry. */
export class MlflowRequestError extends Error {
  constructor(
    message: string,
    /** HTTP status, or undefined when the server did not answer. */
    readonly status: number | undefined,
    /** MLflow's `error_code` (`RESOURCE_DOES_NOT_EXIST`, ...), when the body had one. */
    readonly errorCode: string | undefined,
  ) {
    super(message)
    this.name = 'MlflowRequestError'
  }
}

/** What the client needs besides the settings; tests inject `fetch`, `sleep` and `random`. */
export interface TrackingClientDeps {
  fetch?: typeof fetch
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

/** The tracking API calls the exporter makes. */
export class TrackingClient {
  private readonly secrets: string[]
  private readonly authorization: string | undefined
  private readonly fetchImpl: typeof fetch
  private readonly sleep: (ms: number) => Promise<void>
  private readonly random: () => number

  constructor(
    private readonly settings: MlflowSettings,
    deps: TrackingClientDeps = {},
  ) {
    // User info in the tracking URI becomes a Basic header (the environment's credentials win).
    const { userInfo } = splitUserInfo(settings.trackingUri)
    this.authorization = settings.authorization ?? (userInfo ? basicAuthorization(userInfo) : undefined)
    this.secrets = secretsFromCredentials(this.authorization ? { authorization: this.authorization } : undefined, userInfo)
    this.fetchImpl = deps.fetch ?? fetch
    this.sleep = deps.sleep ?? sleepFor
    this.random = deps.random ?? Math.random
  }

  /** `text` with every credential of these settings (and any token-looking string) redacted. */
  redact(text: string): string {
    return redactSecrets(text, this.secrets)
  }

  /** Calls `/api/2.0/mlflow/<endpoint>` with a JSON body (POST) or query (GET); resolves to the JSON answer. */
  async call<T>(method: 'GET' | 'POST', endpoint: string, payload: Record<string, unknown>): Promise<T> {
    let url = `${this.base()}/api/2.0/mlflow/${endpoint}`
    let body: string | undefined
    if (method === 'GET') url += `?${new URLSearchParams(payload as Record<string, string>).toString()}`
    else body = JSON.stringify(payload)
    const response = await this.send(method, url, body, 'application/json', `${method} ${endpoint}`)
    const text = await response.text()
    return (text.trim() === '' ? {} : JSON.parse(text)) as T
  }

  /** Uploads one artifact through the proxied artifact store: PUT `/api/2.0/mlflow-artifacts/artifacts/<path>`. */
  async putArtifact(artifactPath: string, content: string | Uint8Array, contentType: string): Promise<void> {
    const encoded = fileHref(artifactPath)
    const response = await this.send('PUT', `${this.base()}/api/2.0/mlflow-artifacts/artifacts/${encoded}`, content, contentType, `PUT artifact ${artifactPath}`)
    await response.arrayBuffer()
  }

  /** The tracking URI without user info (that goes into the `Authorization` header). */
  private base(): string {
    return splitUserInfo(this.settings.trackingUri).withoutUserInfo
  }

  private headers(contentType: string): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': contentType, accept: 'application/json' }
    if (this.authorization) headers.authorization = this.authorization
    return headers
  }

  private async send(method: string, url: string, body: string | Uint8Array | undefined, contentType: string, what: string): Promise<Response> {
    const policy = { baseDelayMs: this.settings.retryBaseDelayMs, maxDelayMs: this.settings.retryMaxDelayMs, random: this.random }
    for (let attempt = 0; ; attempt++) {
      let response: Response
      try {
        response = await this.fetchImpl(url, { method, headers: this.headers(contentType), body: body as RequestInit['body'], redirect: 'manual' })
      } catch (error) {
        if (attempt < this.settings.maxRetries) {
          await this.sleep(backoffDelay(attempt, policy))
          continue
        }
        const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)
        throw new MlflowRequestError(this.redact(`${what}: the tracking server at ${this.base()} did not answer after ${attempt + 1} attempt(s) (${reason}); start it (mlflow server) or set MLFLOW_TRACKING_URI`), undefined, undefined)
      }
      if (response.ok) return response
      const retryable = response.status === 429 || response.status >= 500
      if (retryable && attempt < this.settings.maxRetries) {
        await response.arrayBuffer().catch(() => undefined)
        await this.sleep(backoffDelay(attempt, policy, parseRetryAfter(response.headers.get('retry-after'))))
        continue
      }
      const text = await response.text().catch(() => '')
      let errorCode: string | undefined
      let message = text.slice(0, 300)
      try {
        const parsed = JSON.parse(text) as { error_code?: string; message?: string }
        errorCode = parsed.error_code
        if (parsed.message) message = parsed.message
      } catch {
        // not JSON: keep the start of the body
      }
      const hint = response.status === 401 || response.status === 403 ? '; check MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD' : ''
      throw new MlflowRequestError(
        this.redact(`${what}: HTTP ${response.status}${errorCode ? ` ${errorCode}` : ''}${retryable ? ` after ${attempt + 1} attempt(s)` : ''}: ${message}${hint}`),
        response.status,
        errorCode,
      )
    }
  }
}
