/**
 * What a run read from the local prediction cache, said where a user looks: in the run's notes
 * and in every failure message of the matchers. A model redeployed behind the same URL without a
 * new `modelVersion` is not asked again, so a fixed model could keep failing locally (the cache
 * is off in CI) with no hint why.
 */
import type { EvalRun } from './types.js'

/**
 * The note of a run whose served model needed attempts again (`retries`: after a rate limit,
 * HTTP 429, a server error or a timeout), else undefined: the run passed or failed on the answers
 * that came, but a server that throttles the run is worth knowing of, and its fix is a lower
 * `concurrency` (adversarial pass 60: 20 requests for 10 batches, nothing in any report).
 * @example retriedRequestsNote(run.model, { sent: 20, retried: 10 }) // '10 of 20 requests to mlflow … were attempts again …'
 */
export function retriedRequestsNote(model: EvalRun['model'], requests: { sent: number; retried: number } | undefined): string | undefined {
  if (requests === undefined || requests.retried === 0) return undefined
  return `${requests.retried} of ${requests.sent} requests${model?.name !== undefined ? ` to ${model.name}` : ''} were attempts again after one failed (HTTP 429 rate limit, a server error or a timeout; \`retries\`): a server that limits the request rate takes fewer of them at a lower \`concurrency\``
}

/**
 * The cache note of a run whose served model answered some rows from the cache, else undefined.
 * @example predictionCacheNote(run) // '40 of 40 predictions of mlflow … came from the local prediction cache …'
 */
export function predictionCacheNote(run: Pick<EvalRun, 'model'>): string | undefined {
  const cache = run.model?.kind === 'adapter' ? run.model.cache : undefined
  if (cache === undefined || cache.hits === 0) return undefined
  const total = cache.hits + cache.misses
  return `${cache.hits} of ${total} predictions${run.model.name !== undefined ? ` of ${run.model.name}` : ''} came from the local prediction cache (off in CI): a model redeployed behind the same URL is not asked again unless its modelVersion changes; EVALGATE_CACHE=off bypasses the cache`
}
