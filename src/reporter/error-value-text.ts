/**
 * The text of an error for the reports, whatever value Vitest hands over. An error of a normal
 * run is serialized with its `message`; one read back from a `--shard` blob by `--merge-reports`
 * is a plain object that may hold none (`{ type: 'Unhandled Error', stacks: [] }`), and a test may
 * throw any value. `String(value)` made `[object Object]` of such an object (adversarial pass 38).
 */

/** Fields that are no text of an error's: stacks, and Vitest's own bookkeeping. */
const NOT_TEXT = /^(stack|stacks|VITEST_.*|__.*)$/

/**
 * The error's message; for a value without one: a string as is, an `Error`'s own text (`Error`
 * for one without a message), else the text its fields hold (`type` and `name` bare, others as
 * `key: value`, stacks and Vitest's `VITEST_*` fields left out); `''` when it holds none. The
 * fields in `without` are left out (the caller shows them itself). Never `[object Object]`.
 * @example errorValueText({ message: 'boom', name: 'TypeError' }) // 'boom'
 * @example errorValueText({ type: 'Unhandled Error', stacks: [] }) // 'Unhandled Error'
 * @example errorValueText({ type: 'Unhandled Error', stacks: [] }, ['type']) // ''
 * @example errorValueText({ code: 'E_MODEL', status: 503 }) // 'code: E_MODEL, status: 503'
 */
export function errorValueText(value: unknown, without: readonly string[] = []): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return ''
  if (typeof value !== 'object') return String(value)
  const fields = value as Record<string, unknown>
  const message = fields.message
  if (typeof message === 'string' && message.trim() !== '') return message
  if (message !== null && typeof message === 'object') {
    const inner = errorValueText(message)
    if (inner !== '') return inner
  }
  if (value instanceof Error) return String(value)
  const parts: string[] = []
  for (const [key, field] of Object.entries(fields)) {
    if (key === 'message' || without.includes(key) || NOT_TEXT.test(key)) continue
    if (typeof field !== 'string' && typeof field !== 'number' && typeof field !== 'boolean' && typeof field !== 'bigint') continue
    const text = String(field)
    if (text.trim() === '') continue
    parts.push(key === 'type' || key === 'name' ? text : `${key}: ${text}`)
  }
  return parts.join(', ')
}
