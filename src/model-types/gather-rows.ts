/**
 * Gathering the rows of one scope (a slice, a bootstrap resample) out of the run's arrays.
 * `rows === null` means every row and returns the array itself (no copy): the built-in metrics
 * only read. What a user's function receives (a custom metric's or artifact's table) comes from
 * the `owned*` variants, which always return a new array, so the function may sort or write it
 * without changing the run's data.
 */

/** `values[rows[i]]` for each i. */
export function gatherInt32(values: Int32Array, rows: Int32Array | null): Int32Array {
  if (rows === null) return values
  const out = new Int32Array(rows.length)
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]]
  return out
}

/** `values[rows[i]]` for each i. */
export function gatherFloat64(values: Float64Array, rows: Int32Array | null): Float64Array {
  if (rows === null) return values
  const out = new Float64Array(rows.length)
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]]
  return out
}

/** `values[rows[i]]` for each i; a Float64Array stays a Float64Array. */
export function gatherValues(values: ArrayLike<unknown>, rows: Int32Array | null): ArrayLike<unknown> {
  if (rows === null) return values
  if (values instanceof Float64Array) return gatherFloat64(values, rows)
  const out = new Array<unknown>(rows.length)
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]]
  return out
}

/**
 * `values[rows[i]]` for each i, always a new array (rows null: a copy of `values`).
 *
 * @example
 * const run = new Int32Array([2, 0, 1])
 * ownedInt32(run, null).sort() // the run's array stays [2, 0, 1]
 */
export function ownedInt32(values: Int32Array, rows: Int32Array | null): Int32Array {
  return rows === null ? values.slice() : gatherInt32(values, rows)
}

/**
 * `values[rows[i]]` for each i, always a new array (rows null: a copy of `values`).
 *
 * @example
 * const run = new Float64Array([3, 1, 2])
 * ownedFloat64(run, null).sort() // the run's array stays [3, 1, 2]
 */
export function ownedFloat64(values: Float64Array, rows: Int32Array | null): Float64Array {
  return rows === null ? values.slice() : gatherFloat64(values, rows)
}

/**
 * `values[rows[i]]` for each i, always a new array (rows null: a copy of `values`); a
 * Float64Array stays a Float64Array.
 *
 * @example
 * const run = ['b', 'a']
 * ownedValues(run, null) // => ['b', 'a'], a new array
 */
export function ownedValues<T>(values: ArrayLike<T>, rows: Int32Array | null): ArrayLike<T> {
  if (rows !== null) return gatherValues(values, rows) as ArrayLike<T>
  if (values instanceof Float64Array) return values.slice() as unknown as ArrayLike<T>
  return Array.from(values)
}

/** `0, 1, ..., n - 1`. */
export function allRowIndices(n: number): Int32Array {
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) out[i] = i
  return out
}

/**
 * Expands integer row weights (a Poisson bootstrap draw) into a list of row indices, each row
 * repeated `weights[i]` times. `rows` maps the scope's positions to run rows (null = identity).
 */
export function expandWeights(weights: Float64Array, rows: Int32Array | null): Int32Array {
  const n = weights.length
  let total = 0
  for (let i = 0; i < n; i++) total += weights[i]
  // Each row is written 3 times, unconditionally, then the position moves on by its weight (a
  // Poisson(1) weight is above 3 once in 50 rows): no loop of unpredictable length per row,
  // half the time of one (bench/evaluate/slices-custom-metric.mjs's profile, branch cliff45).
  // The last rows, where 3 writes would run past the end, are written one by one.
  const out = new Int32Array(total)
  let j = 0
  for (let i = 0; i < n; i++) {
    const w = weights[i]
    const row = rows === null ? i : rows[i]
    if (j + 3 <= total) {
      out[j] = row
      out[j + 1] = row
      out[j + 2] = row
      for (let m = 3; m < w; m++) out[j + m] = row
    } else {
      for (let m = 0; m < w; m++) out[j + m] = row
    }
    j += w
  }
  return out
}
