/**
 * Finds a slice of a run from `'category=technical_support'`, `'category=billing&region=eu'` or
 * a bare value held by exactly one declared slice column. A column the run did not declare is
 * computed on demand while the run is in memory (`RunInternals.computeSlices`).
 */
import { ConfigError, listNames } from '../../errors.js'
import { getRunInternals } from '../../run/internals.js'
import type { EvalRun, SliceResult } from '../../run/types.js'
import { closestNames, suggestionText } from './closest-names.js'

const computed = new WeakMap<EvalRun, Map<string, Record<string, SliceResult>>>()

/**
 * Slices of `spec` (a column or a cross of columns): declared ones from the run, others
 * computed on demand (cached per run). Undefined when not declared and the run is not in memory.
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
  const internals = getRunInternals(run)
  if (!internals) return undefined
  const cacheKey = columns.join('&')
  let byRun = computed.get(run)
  if (!byRun) {
    byRun = new Map()
    computed.set(run, byRun)
  }
  let slices = byRun.get(cacheKey)
  if (!slices) {
    slices = internals.computeSlices(columns.length === 1 ? columns[0] : columns)
    byRun.set(cacheKey, slices)
  }
  return slices
}

/**
 * The slice named by `slice`, or a `ConfigError` that lists what exists.
 * @example findSlice(run, 'technical_support').key // 'category=technical_support'
 */
export function findSlice(run: EvalRun, slice: string): SliceResult {
  if (slice.includes('=')) {
    const parts = slice.split('&').map((part) => {
      const at = part.indexOf('=')
      return { column: part.slice(0, at), value: part.slice(at + 1) }
    })
    const columns = parts.map((part) => part.column)
    const slices = slicesOf(run, columns)
    if (!slices) {
      throw new ConfigError(
        'slice-not-available',
        `slice "${slice}": column ${columns.join(' x ')} was not declared in evaluate({ slices }) and this run is no longer in memory (read from JSON); declared slices: ${listNames(Object.keys(run.slices))}; add slices: [${columns.length === 1 ? `'${columns[0]}'` : `[${columns.map((c) => `'${c}'`).join(', ')}]`}] to evaluate()`,
      )
    }
    const key = parts.map((part) => `${part.column}=${part.value}`).join('&')
    const found = slices[key]
    if (!found) {
      // Close values of the same columns, named by their keys (the shared `column=` would make every key look close).
      const close = new Set(closestNames(parts.map((part) => part.value).join('&'), Object.values(slices).map((s) => s.values.join('&'))))
      const suggestion = suggestionText(Object.values(slices).filter((s) => close.has(s.values.join('&'))).map((s) => s.key))
      throw new ConfigError('slice-not-found', `slice "${slice}" not found;${suggestion} slices of ${columns.join(' x ')} are: ${listNames(Object.keys(slices))}`)
    }
    return found
  }
  const candidates = Object.values(run.slices).filter((candidate) => candidate.columns.length === 1 && candidate.values[0] === slice)
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
