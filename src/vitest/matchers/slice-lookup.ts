/**
 * Finds a slice of a run from `'category=technical_support'`, `'category=billing&region=eu'` or
 * a bare value held by exactly one declared slice column. Keys are read with the slice-key codec
 * (`src/run/slice-key.ts`), which also accepts a value typed without escapes (`'dept=R&D'`). A
 * column the run did not declare is computed on demand from the run's table (`runTableOf(run)`,
 * linked by `evaluate()` or by whoever read the run and its table back from disk) with the
 * engine's `slicesOf`.
 */
import { ConfigError, listNames } from '../../errors.js'
import { slicesOf as computeSlices } from '../../evaluate/run-table-engine.js'
import { runTableOf } from '../../run/run-table.js'
import { buildSliceKey, sliceKeyReadings, splitUnescaped, unescapeSliceKeyPart, type SliceKeyParts } from '../../run/slice-key.js'
import type { EvalRun, SliceResult } from '../../run/types.js'
import { closestNames, suggestionText } from '../../run/closest-names.js'
import { ownValue } from '../../run/own-keys.js'
import { numericLabel } from '../../run/labels.js'

const computed = new WeakMap<EvalRun, Map<string, Record<string, SliceResult>>>()

/**
 * Slices of `spec` (a column or a cross of columns): declared ones from the run, others
 * computed on demand (cached per run). Undefined when not declared and the run has no table.
 */
export function slicesOf(run: EvalRun, spec: string | string[]): Record<string, SliceResult> | undefined {
  const columns = Array.isArray(spec) ? spec : [spec]
  const declared = Object.values(run.slices).filter(
    (slice) => slice.columns.length === columns.length && slice.columns.every((column, i) => column === columns[i]),
  )
  const isDeclared = run.sliceColumns.some((declaredSpec) => {
    const declaredColumns = Array.isArray(declaredSpec) ? declaredSpec : [declaredSpec]
    return declaredColumns.length === columns.length && declaredColumns.every((column, i) => column === columns[i])
  })
  if (isDeclared) return Object.fromEntries(declared.map((slice) => [slice.key, slice]))
  const table = runTableOf(run)
  if (!table) return undefined
  const cacheKey = JSON.stringify(columns)
  let byRun = computed.get(run)
  if (!byRun) {
    byRun = new Map()
    computed.set(run, byRun)
  }
  let slices = byRun.get(cacheKey)
  if (!slices) {
    slices = computeSlices(run, table, columns.length === 1 ? columns[0] : columns)
    byRun.set(cacheKey, slices)
  }
  return slices
}

/** Whether the run has (or can compute) the slices of `columns`. */
function canSlice(run: EvalRun, columns: string[]): boolean {
  if (run.sliceColumns.some((spec) => JSON.stringify(Array.isArray(spec) ? spec : [spec]) === JSON.stringify(columns))) return true
  const table = runTableOf(run)
  return table !== undefined && columns.every((column) => table.columnNames.includes(column))
}

/**
 * The slice named by `slice`, or a `ConfigError` that lists what exists.
 * @example findSlice(run, 'technical_support').key // 'category=technical_support'
 * @example findSlice(run, 'dept=R&D').key // 'dept=R\\&D'
 */
export function findSlice(run: EvalRun, slice: string): SliceResult {
  // Own keys only: a bare value such as `constructor` is not Object.prototype's.
  const exact = ownValue(run.slices, slice)
  if (exact !== undefined) return exact
  const readings = sliceKeyReadings(slice)
  if (readings.length > 0) return findByReadings(run, slice, readings)
  const value = unescapeSliceKeyPart(slice)
  const candidates = Object.values(run.slices).filter((candidate) => candidate.columns.length === 1 && candidate.values[0] === value)
  if (candidates.length === 1) return candidates[0]
  if (candidates.length === 0) {
    // Suggest only slices that exist: declared single-column slices whose value is close, by key.
    const single = Object.values(run.slices).filter((candidate) => candidate.columns.length === 1)
    const close = new Set(closestNames(slice, single.map((candidate) => candidate.values[0])))
    const named = suggestionText(single.filter((candidate) => close.has(candidate.values[0])).map((candidate) => candidate.key))
    throw new ConfigError(
      'slice-not-found',
      `slice "${slice}" not found in any declared slice column;${named} slices are: ${listNames(Object.keys(run.slices))}; to compute a column not declared in evaluate({ slices }), name the slice as column=value`,
    )
  }
  throw new ConfigError('slice-ambiguous', `slice "${slice}" is a value of several slice columns (${candidates.map((c) => c.key).join(', ')}); write it as column=value`)
}

/** The slice of the first reading of `slice` the run has; else an error about the first reading. */
function findByReadings(run: EvalRun, slice: string, readings: SliceKeyParts[]): SliceResult {
  for (const { columns, values } of readings) {
    let slices: Record<string, SliceResult> | undefined
    try {
      slices = slicesOf(run, columns)
    } catch {
      continue // a reading naming a column the data lacks; the error below names it if no reading fits
    }
    const found = ownValue(slices, buildSliceKey(columns, values))
    if (found !== undefined) return found
    // `g=2.0` where a CSV column's 2 and 2.0 are one slice, `g=2` (adversarial pass 69: "not found")
    const asNumbers = ownValue(slices, buildSliceKey(columns, values.map((value) => numericLabel(value) ?? value)))
    if (asNumbers !== undefined) return asNumbers
  }
  const { columns } = readings.find((reading) => canSlice(run, reading.columns)) ?? readings[0]
  const slices = slicesOf(run, columns)
  if (!slices) {
    throw new ConfigError(
      'slice-not-available',
      `slice "${slice}": column ${columns.join(' x ')} was not declared in evaluate({ slices }) and this run has no run table (read from JSON without its table); declared slices: ${listNames(Object.keys(run.slices))}; add slices: [${columns.length === 1 ? `'${columns[0]}'` : `[${columns.map((c) => `'${c}'`).join(', ')}]`}] to evaluate()`,
    )
  }
  const hint = splitUnescaped(slice, '&').length > 1 ? ' (a value holding &, = or , is written with a \\ before it, e.g. dept=R\\&D)' : ''
  // Close values of the same columns, named by their keys (the shared `column=` would make every key look close).
  const typed = (readings.find((reading) => reading.columns.join('\u0000') === columns.join('\u0000')) ?? readings[0]).values.join('&')
  const close = new Set(closestNames(typed, Object.values(slices).map((s) => s.values.join('&'))))
  const suggestion = suggestionText(Object.values(slices).filter((s) => close.has(s.values.join('&'))).map((s) => s.key))
  throw new ConfigError('slice-not-found', `slice "${slice}" not found;${suggestion} slices of ${columns.join(' x ')} are: ${listNames(Object.keys(slices))}${hint}`)
}
