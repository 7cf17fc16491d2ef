/**
 * Row values as JSON: what is sent to a served model and hashed into a cache key. Dates become
 * ISO strings, bigints decimal strings, non-finite numbers and undefined become null.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** Convert a cell (or any value) to a JSON value the same way every time. */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (Array.isArray(value)) return value.map(toJsonValue)
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, toJsonValue)
  }
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {}
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toJsonValue(item)
    return out
  }
  return String(value)
}

/**
 * JSON with object keys sorted at every level, so equal values always give equal text (and
 * equal cache keys) whatever order their keys were written in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(toJsonValue(value)))
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  const out: { [key: string]: JsonValue } = {}
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key])
  return out
}
