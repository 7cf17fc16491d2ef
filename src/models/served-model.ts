/**
 * The one engine behind every served-model adapter: per-row cache lookup, batching of the rows
 * the cache does not hold, a concurrency limit, retries (via postJson), the `onError` policy,
 * progress and counters. An adapter supplies only its protocol: how a row is encoded, how a
 * batch is requested, and how one row's answer becomes a prediction.
 */
import { EvalgateError, ModelError } from '../errors.js'
import { cacheEntryKey, cacheNamespace, type CacheIdentity } from './cache/cache-key.js'
import { resolveCacheSettings, type CacheSettings } from './cache/cache-settings.js'
import { PredictionCache } from './cache/prediction-cache.js'
import type { ResolvedTransportOptions, ServedModelOptions } from './options.js'
import { containsSecret, redactSecrets } from './redaction.js'
import { formatRowRanges } from './row-ranges.js'
import { sleepFor } from './transport/backoff.js'
import { postJson } from './transport/post-json.js'
import { runWithConcurrency } from './transport/run-with-concurrency.js'
import {
  RowFailure,
  type AdapterProgress,
  type AdapterStats,
  type ModelAdapter,
  type PredictContext,
  type Prediction,
  type Row,
} from './types.js'

/** Sends one request; given to `requestBatch`, bound to the adapter's transport settings. */
export type PostFunction = (url: string, body: unknown) => Promise<unknown>

export interface BatchRequest<I> {
  /** Encoded inputs of this batch's rows. */
  inputs: I[]
  /** Indexes of these rows in the evaluation set. */
  rows: number[]
  post: PostFunction
}

export interface ServedModelSpec<I> {
  /** `mlflow`, `kserve`, `openai-chat`. */
  kind: string
  /** Display name, e.g. `mlflow http://127.0.0.1:5000/invocations`. */
  name: string
  /** Adapter-specific description (endpoint, model, options); redacted again before use. */
  description: Record<string, unknown>
  /** What decides the answer besides the row. */
  cacheIdentity: CacheIdentity
  transport: ResolvedTransportOptions
  options: ServedModelOptions
  /** Header values and keys to scrub from every output. */
  secrets: string[]
  /** Request headers (credentials included); only ever passed to fetch. */
  headers: Record<string, string>
  /**
   * The rows as sent to the model (JSON-able, one per row); also what the cache keys hash.
   * `description` says what was sent (e.g. the input columns); it joins `describe()`.
   */
  encodeRows(rows: Row[], context: PredictContext): { inputs: I[]; description?: Record<string, unknown> }
  /** Request one batch; returns one raw answer (JSON) per input, in order. */
  requestBatch(batch: BatchRequest<I>): Promise<unknown[]>
  /** Turn one raw answer into a prediction (`context.answers`: what a row's answer is); throw an Error with a clear message if it cannot. */
  decode(answer: unknown, row: number, context: PredictContext): Prediction
}

export interface ServedModelStats extends AdapterStats {
  /** Corrupt cache entries found (and refetched) during the last predict. */
  cacheCorrupt: number
}

/** Build a `ModelAdapter` from a protocol description. */
export function createServedModel<I>(spec: ServedModelSpec<I>): ModelAdapter & { stats(): ServedModelStats } {
  // Read at each call, so EVALGATE_CACHE / CI set after the adapter was built still apply.
  const cacheSettings = (): CacheSettings => resolveCacheSettings(spec.options)
  const fetchFunction = spec.options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init))
  const sleep = spec.options.sleep ?? sleepFor
  const random = spec.options.random ?? Math.random
  const redact = <T>(value: T): T => redactSecrets(value, spec.secrets)
  let stats = emptyStats()
  /** What the last `predict` sent, e.g. its input columns. */
  let inputDescription: Record<string, unknown> = {}

  const describe = (settings: CacheSettings): Record<string, unknown> => redact({
    adapter: spec.kind,
    ...spec.description,
    ...inputDescription,
    ...(spec.options.modelVersion !== undefined ? { modelVersion: spec.options.modelVersion } : {}),
    batchSize: spec.transport.batchSize,
    concurrency: spec.transport.concurrency,
    timeoutMs: spec.transport.timeoutMs,
    retries: spec.transport.retries,
    onError: spec.transport.onError,
    cache: settings.enabled ? 'on' : `off (${settings.reason})`,
  })

  const post: (rows: number[]) => PostFunction = (rows) => (url, body) =>
    postJson({
      url,
      body,
      headers: spec.headers,
      timeoutMs: spec.transport.timeoutMs,
      retries: spec.transport.retries,
      backoff: { baseDelayMs: spec.transport.retryBaseDelayMs, maxDelayMs: spec.transport.retryMaxDelayMs, random },
      sleep,
      fetch: fetchFunction,
      secrets: spec.secrets,
      target: `${spec.name} (${formatRowRanges(rows)})`,
      onAttempt: (attempt) => {
        stats.requests++
        if (attempt > 0) stats.retries++
      },
    })

  return {
    kind: 'evalgate.model-adapter',
    name: redact(spec.name),
    describe: () => describe(cacheSettings()),
    stats: () => ({ ...stats }),
    async predict(rows: Row[], onProgress: AdapterProgress, context: PredictContext = {}): Promise<Array<Prediction | RowFailure>> {
      stats = emptyStats()
      const encoded = spec.encodeRows(rows, context)
      inputDescription = encoded.description ?? {}
      return predictRows({ spec, stats, redact, post, describe, cacheSettings, predictContext: context }, encoded.inputs, onProgress)
    },
  }
}

/** What one `predict` call works with: the adapter's spec and helpers, and this call's counters. */
interface PredictCall<I> {
  spec: ServedModelSpec<I>
  stats: ServedModelStats
  redact: <T>(value: T) => T
  post: (rows: number[]) => PostFunction
  describe: (settings: CacheSettings) => Record<string, unknown>
  cacheSettings: () => CacheSettings
  /** What evaluate() said of this call (`answers`: what a row's answer is). */
  predictContext: PredictContext
}

/** One `predict` call's progress: the rows settled so far, their results and failures. */
interface PredictState<I> {
  inputs: I[]
  results: Array<Prediction | RowFailure | undefined>
  failures: Map<number, string>
  done: number
  report(): void
  /**
   * Decodes one row's answer into its result (or its failure) and counts the row done; returns
   * whether the answer decoded (only such answers are cached).
   */
  settle(row: number, answer: unknown): boolean
  cache: { store: PredictionCache; namespace: string } | undefined
  keys: string[] | undefined
}

/** Predicts every (encoded) row: cached answers first, then the rest in batches, under the `onError` policy. */
async function predictRows<I>(context: PredictCall<I>, inputs: I[], onProgress: AdapterProgress): Promise<Array<Prediction | RowFailure>> {
  const { spec, stats, redact } = context
  const settings = context.cacheSettings()
  const cache = await openCache(spec, settings, context.describe(settings))
  const state: PredictState<I> = {
    inputs,
    results: new Array(inputs.length),
    failures: new Map<number, string>(),
    done: 0,
    report: () => onProgress(state.done, state.failures.size),
    settle: (row, answer) => {
      state.done++
      try {
        state.results[row] = spec.decode(answer, row, context.predictContext)
        return true
      } catch (error) {
        state.failures.set(row, redact(errorText(error)))
        return false
      }
    },
    cache,
    keys: cache === undefined ? undefined : inputs.map((input) => cacheEntryKey(cache.namespace, input)),
  }
  const missing = settleCachedRows(context, state, inputs.length)
  if (state.done > 0) state.report()

  const batches: number[][] = []
  for (let start = 0; start < missing.length; start += spec.transport.batchSize) {
    batches.push(missing.slice(start, start + spec.transport.batchSize))
  }
  const failFast = spec.transport.onError === 'fail'
  const { failures } = state

  try {
    await runWithConcurrency(
      batches,
      spec.transport.concurrency,
      (batchRows) => requestRows(context, state, batchRows),
      () => !(failFast && failures.size > 0),
    )
  } finally {
    await cache?.store.flush()
    if (cache?.store.problem !== undefined) {
      process.stderr.write(redact(`[evalgate] ${spec.name}: prediction cache not used: ${cache.store.problem}\n`))
    }
  }

  stats.failedRows = failures.size
  if (failures.size > 0 && failFast) throw rowsFailedError(context, failures, state.done < inputs.length)
  // Array.from, not results.map: map would skip the holes of rows that failed before being settled.
  return Array.from({ length: inputs.length }, (_, row) =>
    failures.has(row) ? new RowFailure(row, failures.get(row) as string) : (state.results[row] as Prediction),
  )
}

/**
 * Settles the rows the cache holds and returns the others (the rows to request), counting hits
 * and misses. A cached answer that does not decode (written by an older evalgate, which cached
 * failed answers, or no longer read by a changed `parse`) is a miss: the row is requested again,
 * so no failure ever comes from the cache.
 */
function settleCachedRows<I>(context: PredictCall<I>, state: PredictState<I>, rowCount: number): number[] {
  const { spec, stats } = context
  const { cache, keys } = state
  const missing: number[] = []
  for (let row = 0; row < rowCount; row++) {
    const hit = keys === undefined ? undefined : cache?.store.get(keys[row])
    const prediction = hit === undefined ? undefined : decodeCached(spec, hit.answer, row, context.predictContext)
    if (prediction === undefined) {
      missing.push(row)
      continue
    }
    stats.cacheHits++
    state.results[row] = prediction.value
    state.done++
  }
  if (cache !== undefined) {
    stats.cacheMisses = missing.length
    stats.cacheCorrupt = cache.store.corruptEntries
  }
  return missing
}

/** Requests one batch of rows and settles them: a failed request fails every row of the batch. */
async function requestRows<I>(context: PredictCall<I>, state: PredictState<I>, batchRows: number[]): Promise<void> {
  const { spec, redact } = context
  const { failures, cache, keys } = state
  let answers: unknown[]
  try {
    answers = await spec.requestBatch({ inputs: batchRows.map((row) => state.inputs[row]), rows: batchRows, post: context.post(batchRows) })
    if (!Array.isArray(answers) || answers.length !== batchRows.length) {
      throw new ModelError(
        'MODEL_BAD_RESPONSE',
        `${spec.name} (${formatRowRanges(batchRows)}): the server returned ${Array.isArray(answers) ? answers.length : 'no list of'} predictions for ${batchRows.length} rows`,
      )
    }
  } catch (error) {
    const text = errorText(error)
    const message = redact(error instanceof EvalgateError ? text : `${spec.name} (${formatRowRanges(batchRows)}): ${text}`)
    for (const row of batchRows) {
      failures.set(row, message)
      state.done++
    }
    state.report()
    return
  }
  for (let i = 0; i < batchRows.length; i++) {
    const row = batchRows[i]
    // Answers are data: used and cached exactly as the server sent them, never redacted
    // (redaction would turn the label "Basic plan" into "Basic [redacted]"). An answer
    // holding a credential sent with the request is refused instead, so no report shows it.
    const answer = answers[i]
    if (containsCredential(answer, spec.secrets)) {
      failures.set(row, `${spec.name} (${formatRowRanges([row])}): the answer contains a credential sent with the request (an echoing server?); it is not used, shown or cached`)
      state.done++
      continue
    }
    // Only answers that decode are cached: a failed row (null, NaN, a wrong type, a parse that
    // threw) is requested again by the next run, once the server is fixed.
    if (state.settle(row, answer) && cache !== undefined && keys !== undefined) await cache.store.put(keys[row], answer)
  }
  state.report()
}

/** The `onError: 'fail'` error: which rows failed, the first failure, and how to go on. */
function rowsFailedError<I>(context: PredictCall<I>, failures: Map<number, string>, stoppedEarly: boolean): ModelError {
  const { spec, redact } = context
  const failedRows = [...failures.keys()]
  const firstRow = failedRows.reduce((a, b) => Math.min(a, b))
  const first = withoutTarget(failures.get(firstRow) as string, spec.name)
  return new ModelError(
    'MODEL_ROWS_FAILED',
    redact(
      `${spec.name}: ${formatRowRanges(failedRows)} failed${stoppedEarly ? ' (requests for the remaining rows were not sent)' : ''}: ${first}\n` +
        "Pass onError: 'skip' to evaluate the other rows and report error_count / error_rate.",
    ),
  )
}

async function openCache<I>(
  spec: ServedModelSpec<I>,
  settings: CacheSettings,
  description: Record<string, unknown>,
): Promise<{ store: PredictionCache; namespace: string } | undefined> {
  if (!settings.enabled) return undefined
  const namespace = cacheNamespace(redactSecrets(spec.cacheIdentity, spec.secrets))
  const store = new PredictionCache({ dir: settings.dir, adapter: spec.kind, namespace, description })
  await store.load()
  return { store, namespace }
}

/** Secrets shorter than this are too likely to be ordinary words in an answer to refuse it for them. */
const MIN_CREDENTIAL_IN_ANSWER = 8

/** Whether a raw answer holds one of the request's credentials (in any string inside it, in any form a server echoes it in). */
function containsCredential(answer: unknown, secrets: readonly string[]): boolean {
  return containsSecret(JSON.stringify(answer) ?? '', secrets, MIN_CREDENTIAL_IN_ANSWER)
}

/** A cached answer's prediction, or undefined when it does not decode. */
function decodeCached<I>(spec: ServedModelSpec<I>, answer: unknown, row: number, predictContext: PredictContext): { value: Prediction } | undefined {
  try {
    return { value: spec.decode(answer, row, predictContext) }
  } catch {
    return undefined
  }
}

function emptyStats(): ServedModelStats {
  return { cacheHits: 0, cacheMisses: 0, requests: 0, retries: 0, failedRows: 0, cacheCorrupt: 0 }
}

/** `mlflow http://x (rows 0-4): HTTP 400 ...` -> `HTTP 400 ...`, so the final error names the target once. */
function withoutTarget(message: string, name: string): string {
  if (!message.startsWith(`${name} (`)) return message
  const end = message.indexOf('): ', name.length)
  return end < 0 ? message : message.slice(end + 3)
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
