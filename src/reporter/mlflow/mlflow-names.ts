/**
 * Metric, param and tag names MLflow accepts: letters, digits, `_`, `-`, `.`, space and `/`
 * (MLflow's `_VALID_PARAM_AND_METRIC_NAMES`). Any other character is escaped as `%` is in URLs
 * but with `_` (`=` becomes `_3D`), so distinct slice keys stay distinct names.
 */

import { createHash } from 'node:crypto'

const DISALLOWED = /[^A-Za-z0-9_\-. /]/gu

/**
 * Escapes `name` into a name MLflow accepts; `..` and leading `/` (refused as path traversal)
 * are escaped too.
 *
 * @example mlflowName('category=billing&region=EU') // 'category_3Dbilling_26region_3DEU'
 */
export function mlflowName(name: string): string {
  const escaped = name.replace(DISALLOWED, (char) => [...Buffer.from(char, 'utf8')].map((byte) => `_${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''))
  return escaped.replace(/\.\./g, '._2E').replace(/^\//, '_2F') || '_'
}

/** The metric key of `metric` on a slice: `slice/<slice key>/<metric>`. */
export function sliceMetricName(sliceKey: string, metric: string): string {
  return `slice/${mlflowName(sliceKey)}/${mlflowName(metric)}`
}

/** `value` cut to `max` characters (MLflow's limits: params 6000, tags 5000), marked with `…`. */
export function truncateValue(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`
}

/** Longest metric / param / tag key MLflow stores (`MAX_ENTITY_KEY_LENGTH`). */
export const MAX_KEY_LENGTH = 250

/**
 * `key` when it fits in 250 characters, else its first 237 characters, `-` and 12 hex digits
 * of its sha256, so two long keys that share a prefix stay distinct.
 */
export function capKey(key: string): string {
  if (key.length <= MAX_KEY_LENGTH) return key
  return `${key.slice(0, MAX_KEY_LENGTH - 13)}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`
}
