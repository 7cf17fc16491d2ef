/**
 * The MLflow export's options and how they are resolved from the reporter option and MLflow's
 * own environment variables (`MLFLOW_TRACKING_URI`, `MLFLOW_TRACKING_TOKEN`,
 * `MLFLOW_TRACKING_USERNAME` / `MLFLOW_TRACKING_PASSWORD`, `MLFLOW_EXPERIMENT_NAME`), plus
 * `EVALGATE_MLFLOW=1` to switch the export on without touching the config.
 */
import { takeUrlCredentials } from '../../models/endpoint.js'

/** The reporter option `mlflow: true | { ... }`. */
export interface MlflowExportOptions {
  /** Tracking server, default `MLFLOW_TRACKING_URI`, else `http://127.0.0.1:5000`. */
  trackingUri?: string | undefined
  /** Experiment (created when missing), default `MLFLOW_EXPERIMENT_NAME`, else `evalgate`. */
  experimentName?: string | undefined
  /** Fail the Vitest run when the export fails (default false: warn and leave the outcome alone). */
  failOnError?: boolean | undefined
  /** Retries of a request answered 429 / 5xx or not answered at all (default 3). */
  maxRetries?: number | undefined
  /** Upload the results folder's files of each run as artifacts (default true). */
  artifacts?: boolean | undefined
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
 * The user info of a tracking URI (`user:pass` in `https://user:pass@host/`, as served models
 * read it: `takeUrlCredentials`) and the URI without it, both as the URL parser reads the URI (what
 * `fetch` would call): a password holding `@`, a `\` read as `/`, `http:/user:pass@host`
 * (adversarial passes 58 and 59: a hand-written split read other user info than the parser,
 * sending credentials to another host, showing them, or failing on a stray `%`). A URI that does
 * not parse is returned as it is, with no user info (the export refuses it first).
 *
 * @example splitUserInfo('http://u:p@s@host:5000/x') // { userInfo: 'u:p@s', withoutUserInfo: 'http://host:5000/x' }
 */
export function splitUserInfo(uri: string): { userInfo?: string; withoutUserInfo: string } {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return { withoutUserInfo: uri }
  }
  const userInfo = takeUrlCredentials(url)
  // the href ends in "/" where the path is empty; the API paths are appended after one
  return userInfo === undefined ? { withoutUserInfo: uri } : { userInfo, withoutUserInfo: url.href.replace(/\/+$/, '') }
}

/**
 * Why a tracking URI cannot be exported to, or undefined: evalgate speaks to a tracking server's
 * REST API over HTTP(S), so a file store (`file:./mlruns`, a bare path), `databricks` and other
 * schemes are named as unsupported at once, not retried as an unanswering server, and a query or
 * fragment, which the API paths would be appended after, is refused (adversarial pass 56: a run
 * "logged" to `/?x=1/api/2.0/...`; pass 58: an empty `?` too). A message shows at most the URI's
 * scheme, host and path as the URL parser reads them (the path only for a file store), never its
 * user info, query or fragment, which can hold credentials, and nothing of a URI that does not
 * parse or has no `//` (`user:pass@host` parses with the scheme "user").
 *
 * @example trackingUriProblem('file:./mlruns') // 'the tracking URI "file:///…/mlruns" is a file store ...'
 */
export function trackingUriProblem(uri: string): string | undefined {
  const fix = 'set MLFLOW_TRACKING_URI (or the mlflow option\'s trackingUri) to the http(s) address of an MLflow tracking server (mlflow server), e.g. http://127.0.0.1:5000'
  const cannot = "which evalgate cannot log to (it speaks to a tracking server's REST API over HTTP(S) only)"
  if (/^databricks(:|$)/i.test(uri)) return `the tracking URI is Databricks' tracking, ${cannot}; ${fix}`
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return `the tracking URI (not shown) does not parse as a URL (a local path is a file store, ${cannot}; a character such as / or @ in a password must be percent-encoded); ${fix}`
  }
  // a file store as written (`file:./mlruns`, which the parser makes absolute), unless it could hold user info
  if (url.protocol === 'file:') return `the tracking URI "${/@/.test(uri) ? `file://${url.pathname}` : uri.replace(/[?#].*$/s, '')}" is a file store, ${cannot}; ${fix}`
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // `localhost:5000` (or `user:pass@host`) parses with the scheme "localhost" ("user"): nothing of it is shown
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) return `the tracking URI (not shown) has no http:// or https:// before the server's address; ${fix}`
    return `the tracking URI "${url.protocol}//${url.host}" has the scheme ${url.protocol.slice(0, -1)}, which evalgate cannot log to (HTTP(S) only); ${fix}`
  }
  if (/[?#]/.test(uri)) return `the tracking URI "${url.protocol}//${url.host}${url.pathname}" has a query or fragment, after which the API paths would be appended; remove it (credentials go in MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)`
  return undefined
}
