/**
 * Options every served-model adapter accepts (MLflow, KServe, OpenAI-compatible), their
 * defaults, and their validation.
 */
import { ConfigError } from '../errors.js'
import { checkHeaders } from './transport/header-check.js'
import type { FetchFunction } from './transport/post-json.js'
import type { EveryKeyListed } from '../run/option-keys.js'

/** What to do with rows whose request still fails after the retries. */
export type OnErrorPolicy = 'fail' | 'skip'

export interface ServedModelOptions {
  /** Rows per request (default 50; the chat adapter always sends one row per request). */
  batchSize?: number | undefined
  /** Requests in flight at once (default 4). */
  concurrency?: number | undefined
  /** Each attempt is aborted after this many milliseconds (default 60 000). */
  timeoutMs?: number | undefined
  /** Retries after the first attempt on network errors, timeouts, 429 and 5xx (default 3). */
  retries?: number | undefined
  /** Cap of the first backoff wait (default 500 ms); doubles per retry, with full jitter. */
  retryBaseDelayMs?: number | undefined
  /** No wait between attempts exceeds this, `Retry-After` included (default 30 000 ms). */
  retryMaxDelayMs?: number | undefined
  /** `'fail'` (default) throws naming the failed rows; `'skip'` evaluates the rest and counts them. */
  onError?: OnErrorPolicy | undefined
  /** Extra request headers (e.g. an API key). Never printed, stored or cached. */
  headers?: Record<string, string> | undefined
  /**
   * Model id/version for the cache key and reports, e.g. an MLflow run id or registry version.
   * Change it when the model behind the URL changes, so cached predictions are not reused.
   */
  modelVersion?: string | undefined
  /** Use the prediction cache: default on locally, off when `CI` is set. `EVALGATE_CACHE=off` always wins. */
  cache?: boolean | undefined
  /** Cache folder (default `node_modules/.cache/evalgate/predictions` under the working directory). */
  cacheDir?: string | undefined
  /** Injectable for tests: the fetch implementation (default the global fetch). */
  fetch?: FetchFunction | undefined
  /** Injectable for tests: how to wait between retries (default a real timer). */
  sleep?: (ms: number) => Promise<void>
  /** Injectable for tests: jitter source in [0, 1) (default Math.random). */
  random?: () => number
}

/** Every option of `ServedModelOptions`, for the unknown-option check of each adapter. */
export const SERVED_MODEL_OPTION_NAMES = [
  'batchSize', 'concurrency', 'timeoutMs', 'retries', 'retryBaseDelayMs', 'retryMaxDelayMs', 'onError', 'headers', 'modelVersion', 'cache', 'cacheDir', 'fetch', 'sleep', 'random',
] as const satisfies ReadonlyArray<keyof ServedModelOptions>
const everyServedOptionListed: EveryKeyListed<ServedModelOptions, typeof SERVED_MODEL_OPTION_NAMES> = true
void everyServedOptionListed

export interface ResolvedTransportOptions {
  batchSize: number
  concurrency: number
  timeoutMs: number
  retries: number
  retryBaseDelayMs: number
  retryMaxDelayMs: number
  onError: OnErrorPolicy
}

/** Fill defaults and check ranges and headers; `adapter` names the adapter in errors. */
export function resolveTransportOptions(options: ServedModelOptions, adapter: string, fixedBatchSize?: number): ResolvedTransportOptions {
  const resolved: ResolvedTransportOptions = {
    batchSize: fixedBatchSize ?? options.batchSize ?? 50,
    concurrency: options.concurrency ?? 4,
    timeoutMs: options.timeoutMs ?? 60_000,
    retries: options.retries ?? 3,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 30_000,
    onError: options.onError ?? 'fail',
  }
  const positive = (name: keyof ResolvedTransportOptions, min: number): void => {
    const value = resolved[name] as number
    if (!Number.isInteger(value) || value < min) {
      throw new ConfigError('MODEL_BAD_OPTION', `${adapter}: option ${name} must be an integer >= ${min}, got ${String(value)}`)
    }
  }
  positive('batchSize', 1)
  positive('concurrency', 1)
  positive('timeoutMs', 1)
  positive('retries', 0)
  positive('retryBaseDelayMs', 0)
  positive('retryMaxDelayMs', 0)
  checkHeaders(options.headers, adapter)
  if (resolved.onError !== 'fail' && resolved.onError !== 'skip') {
    throw new ConfigError('MODEL_BAD_OPTION', `${adapter}: onError must be 'fail' or 'skip', got ${JSON.stringify(resolved.onError)}`)
  }
  return resolved
}
