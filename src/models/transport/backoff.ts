/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): attempt n waits a uniform random time in [0, min(max, base * 2^n)], so clients that
 * failed together do not retry together.
 */

export interface BackoffPolicy {
  /** Cap of the first wait (ms). */
  baseDelayMs: number
  /** No wait is longer than this (ms), `Retry-After` included. */
  maxDelayMs: number
  /** Uniform random number in [0, 1); injectable for tests. */
  random: () => number
}

/**
 * Delay before retry number `retry` (0 for the first retry). A server's `Retry-After` wins over
 * the computed delay (capped at `maxDelayMs`).
 */
export function backoffDelay(retry: number, policy: BackoffPolicy, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs)
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry)
  return Math.floor(policy.random() * cap)
}

/** Wait `ms` milliseconds (the default `sleep` of every adapter; tests inject their own). */
export function sleepFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
