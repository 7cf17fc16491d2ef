/**
 * Names taken from data (column names, slice values, labels, metric names) used as keys of
 * objects. A plain object answers `constructor`, `toString` or `__proto__` from
 * `Object.prototype` when it lacks them, `name in record` is true for them, and
 * `record.__proto__ = value` sets the prototype instead of a property. These read and write own
 * properties only, so every name is an ordinary key.
 */

/**
 * An empty record without a prototype: every string, `__proto__` included, is an ordinary key,
 * and a key it lacks reads as undefined. JSON.stringify writes it as any object.
 * @example const counts = keyedRecord<number>(); counts['__proto__'] = 1 // an own property
 */
export function keyedRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

/**
 * The value `record` holds under `key` itself (undefined when the key is only inherited, as
 * `constructor` is on every plain object).
 * @example ownValue({}, 'constructor') // undefined
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined
}

/**
 * Whether a plain object answers `name` without holding it (`constructor`, `toString`,
 * `__proto__`, ...): a loop reading many records checks only such names with `Object.hasOwn`.
 * @example inheritedName('toString') // true
 */
export function inheritedName(name: string): boolean {
  return name in Object.prototype
}

/**
 * Sets `record[key] = value` as an own, enumerable data property, also for `__proto__` (which an
 * assignment would take as the prototype).
 * @example const row = {}; setOwn(row, '__proto__', 'a'); Object.keys(row) // ['__proto__']
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
  else record[key] = value
}
