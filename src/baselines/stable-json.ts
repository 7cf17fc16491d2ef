/**
 * JSON with sorted object keys and one value per line, so that two versions of a file differ
 * only on the lines whose values changed. Written by hand because it is a ten-line recursion
 * over `JSON.stringify`'s own formatting; libraries such as `json-stable-stringify` produce a
 * single line unless given a custom spacer, and add a dependency for no gain.
 */
import { keyedRecord } from '../run/own-keys.js'

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    // Keys may be column names or slice values (__proto__): own keys of a record without a prototype.
    const sorted = keyedRecord<unknown>()
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key]
      if (item !== undefined) sorted[key] = sortKeys(item)
    }
    return sorted
  }
  return value
}

/**
 * Serialises `value` with sorted keys, two-space indentation and a final newline.
 * @example stableStringify({ b: 1, a: [1, 2] }) // '{\n  "a": [\n    1,\n    2\n  ],\n  "b": 1\n}\n'
 */
export function stableStringify(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`
}
