/**
 * The MLflow export's options and how they are resolved from the reporter option and MLflow's
 * own environment variables (`MLFLOW_TRACKING_URI`, `MLFLOW_TRACKING_TOKEN`,
 * `MLFLOW_TRACKING_USERNAME` / `MLFLOW_TRACKING_PASSWORD`, `MLFLOW_EXPERIMENT_NAME`), plus
 * `EVALGATE_MLFLOW=1` to switch the export on without touching the config.
 */

/** The reporter option `mlflow: true | { ... }`. */
export interface MlflowExportOptions {
  /** Tracking server, default `MLFLOW_TRACKING_URI`, else `http://127.0.0.1:5000`. */
  trackingUri?: string
  /** Experiment (created when missing), default `MLFLOW_EXPERIMENT_NAME`, else `evalgate`. */
  experimentName?: string
  /** Fail the Vitest run when the export fails (default false: warn and leave the outcome alone). */
  failOnError?: boolean
  /** Retries of a request answered 429 / 5xx or not answered at all (default 3). */
  maxRetries?: number
  /** Upload the results folder's files of each run as artifacts (default true). */
  artifacts?: boolean
}

/** Everything the exporter needs, resolved. Credentials stay here and in request headers only. */
export interface MlflowSettings {
  trackingUri: string
  experimentName: string
  failOnError: boolean
  maxRetries: number
  artifacts: boolean
  /** `Authorization` header value, when credentials are configured. */
  authorization: string | undefined
  /** Backoff of retries: first wait cap and longest wait (ms). */
  retryBaseDelayMs: number
  retryMaxDelayMs: number
}

/** The default tracking server of `mlflow server`. */
export const DEFAULT_TRACKING_URI = 'http://127.0.0.1:5000'

/**
 * Resolves the export settings; `undefined` when the export is off (option absent or false and
 * `EVALGATE_MLFLOW` not `1`/`true`). Credentials come only from the environment: a token as
 * `Bearer`, else a user name and password as `Basic`.
 *
 * @example resolveMlflowSettings(true, { MLFLOW_TRACKING_URI: 'http://mlflow:5000' })?.trackingUri // 'http://mlflow:5000'
 */
export function resolveMlflowSettings(option: boolean | MlflowExportOptions | undefined, env: NodeJS.ProcessEnv = process.env): MlflowSettings | undefined {
  const fromEnv = /^(1|true|yes)$/i.test(env.EVALGATE_MLFLOW ?? '')
  if (option === false || (option === undefined && !fromEnv)) return undefined
  const options: MlflowExportOptions = typeof option === 'object' ? option : {}
  let authorization: string | undefined
  if (env.MLFLOW_TRACKING_TOKEN) authorization = `Bearer ${env.MLFLOW_TRACKING_TOKEN}`
  else if (env.MLFLOW_TRACKING_USERNAME && env.MLFLOW_TRACKING_PASSWORD !== undefined) {
    authorization = `Basic ${Buffer.from(`${env.MLFLOW_TRACKING_USERNAME}:${env.MLFLOW_TRACKING_PASSWORD}`, 'utf8').toString('base64')}`
  }
  return {
    trackingUri: (options.trackingUri ?? env.MLFLOW_TRACKING_URI ?? DEFAULT_TRACKING_URI).replace(/\/+$/, ''),
    experimentName: options.experimentName ?? env.MLFLOW_EXPERIMENT_NAME ?? 'evalgate',
    failOnError: options.failOnError ?? false,
    maxRetries: options.maxRetries ?? 3,
    artifacts: options.artifacts ?? true,
    authorization,
    retryBaseDelayMs: 500,
    retryMaxDelayMs: 10_000,
  }
}

/**
 * Why a tracking URI cannot be exported to, or undefined: evalgate speaks to a tracking server's
 * REST API over HTTP(S), so a file store (`file:./mlruns`, a bare path), `databricks` and other
 * schemes are named as unsupported at once, not retried as an unanswering server, and a query or
 * fragment, which the API paths would be appended after, is refused (adversarial pass 56: a run
 * "logged" to `/?x=1/api/2.0/...`). The URI is shown without its user, password and query, which
 * can hold credentials.
 *
 * @example trackingUriProblem('file:./mlruns') // 'the tracking URI "file:./mlruns" is a file store ...'
 */
export function trackingUriProblem(uri: string): string | undefined {
  const shown = uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1').replace(/[?#].*$/s, '')
  const fix = 'set MLFLOW_TRACKING_URI (or the mlflow option\'s trackingUri) to the http(s) address of an MLflow tracking server (mlflow server), e.g. http://127.0.0.1:5000'
  if (/^databricks(:|$)/i.test(uri)) return `the tracking URI "${shown}" is Databricks' tracking, which evalgate cannot log to (it speaks to a tracking server's REST API over HTTP(S) only); ${fix}`
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return `the tracking URI "${shown}" is not a URL (a local path is a file store, which evalgate cannot log to); ${fix}`
  }
  if (url.protocol === 'file:') return `the tracking URI "${shown}" is a file store, which evalgate cannot log to (it speaks to a tracking server's REST API over HTTP(S) only); ${fix}`
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `the tracking URI "${shown}" has the scheme ${url.protocol.slice(0, -1)}, which evalgate cannot log to (HTTP(S) only); ${fix}`
  if (url.search !== '' || url.hash !== '') return `the tracking URI "${shown}" has a query or fragment, after which the API paths would be appended; remove it (credentials go in MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)`
  return undefined
}

