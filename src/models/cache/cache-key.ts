/**
 * Content addresses of cached predictions. The namespace hashes everything that decides the
 * answer except the row (adapter kind, endpoint, model id/version, request options that change
 * the answer); the entry key hashes the namespace and the row's input. Credentials and
 * throughput settings (concurrency, batch size, timeouts) are never part of either.
 */
import { createHash } from 'node:crypto'
import { canonicalJson } from '../json-value.js'

/** Bump when the meaning of a cached entry changes; old entries then simply stop matching. */
export const CACHE_FORMAT_VERSION = 2 // 2: answers stored as sent (1 stored them redacted)

export interface CacheIdentity {
  adapter: string
  endpoint: string
  model?: string
  modelVersion?: string
  /** Request options that change the answer (e.g. temperature, seed, params). */
  request: Record<string, unknown>
}

/** sha256 (hex) of the identity. */
export function cacheNamespace(identity: CacheIdentity): string {
  return sha256(canonicalJson({ format: CACHE_FORMAT_VERSION, ...identity }))
}

/** sha256 (hex) of the namespace and one row's input as sent to the model. */
export function cacheEntryKey(namespace: string, input: unknown): string {
  return sha256(`${namespace}\n${canonicalJson(input)}`)
}

/** Checksum stored with an entry: any change to the key or the answer changes it. */
export function cacheEntryChecksum(key: string, answer: unknown): string {
  return sha256(`${key}\n${canonicalJson(answer)}`)
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
