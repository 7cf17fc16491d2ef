/**
 * Whether `value` is a Promise or another thenable: a forgotten `await` (on evaluate() before a
 * matcher, on loadDataset() for `data`), which the messages name as such.
 *
 * @example isThenable(evaluate(options)) // true
 */
export function isThenable(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function'
}
