/**
 * Custom artifacts (MLflow's custom artifacts): a function of the evaluation table and the
 * run's metrics returning text, bytes, rows (written as CSV) or an object (written as JSON).
 * Kept on the run; the reporter writes them to disk.
 */
import { ConfigError } from '../errors.js'
import type { Artifact, ArtifactContent } from '../run/types.js'
import type { EvalTable } from './eval-table.js'

/** What an artifact function may return. */
export type ArtifactValue = string | Uint8Array | ReadonlyArray<Record<string, unknown>> | Record<string, unknown>

export type ArtifactFunction = (
  table: EvalTable,
  metrics: Readonly<Record<string, number>>,
) => ArtifactValue | Promise<ArtifactValue>

export interface ArtifactDefinition {
  readonly kind: 'evalgate.artifact'
  readonly name: string
  readonly fn: ArtifactFunction
}

const ARTIFACT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/

/**
 * Defines a custom artifact. `name` becomes the file name (an extension matching the content
 * is added when missing: `.txt`, `.bin`, `.csv`, `.json`).
 *
 * @example
 * const confusedPairs = defineArtifact({
 *   name: 'confused_pairs',
 *   fn: (table) => [{ actual: 'negative', predicted: 'neutral', count: 12 }],   // -> confused_pairs.csv
 * })
 */
export function defineArtifact(definition: { name: string; fn: ArtifactFunction }): ArtifactDefinition {
  const { name, fn } = definition
  if (typeof name !== 'string' || !ARTIFACT_NAME.test(name) || name.includes('..')) {
    throw new ConfigError(
      'INVALID_ARTIFACT_NAME',
      `defineArtifact: name ${JSON.stringify(name)} is not a safe file name; use letters, digits, "_", "." or "-" (e.g. "confused_pairs" or "notes.md"), no folders`,
    )
  }
  if (typeof fn !== 'function') {
    throw new ConfigError('INVALID_ARTIFACT_FN', `defineArtifact("${name}"): fn must be a function (table, metrics) => text | bytes | rows | object`)
  }
  return Object.freeze({ kind: 'evalgate.artifact' as const, name, fn })
}

/** Whether a value was made by `defineArtifact`. */
export function isArtifactDefinition(value: unknown): value is ArtifactDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'evalgate.artifact'
}

const EXTENSIONS: Record<ArtifactContent['type'], string> = { text: '.txt', bytes: '.bin', rows: '.csv', json: '.json' }

/** Turns what an artifact function returned into an `Artifact` on the run. */
export function artifactFromValue(name: string, value: unknown, builtin: boolean): Artifact {
  let content: ArtifactContent
  if (typeof value === 'string') {
    content = { type: 'text', text: value }
  } else if (value instanceof Uint8Array) {
    content = { type: 'bytes', base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') }
  } else if (Array.isArray(value)) {
    const columns: string[] = []
    const seen = new Set<string>()
    const rows: Array<Record<string, unknown>> = []
    value.forEach((row: unknown, index) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        throw new ConfigError(
          'INVALID_ARTIFACT_VALUE',
          `artifact "${name}": row ${index} is ${describe(row)}; a rows artifact is an array of records like { column: value }`,
        )
      }
      for (const key of Object.keys(row)) {
        if (!seen.has(key)) {
          seen.add(key)
          columns.push(key)
        }
      }
      rows.push(toPlainJson(name, row) as Record<string, unknown>)
    })
    content = { type: 'rows', columns, rows }
  } else if (typeof value === 'object' && value !== null) {
    content = { type: 'json', value: toPlainJson(name, value) }
  } else {
    throw new ConfigError(
      'INVALID_ARTIFACT_VALUE',
      `artifact "${name}" returned ${describe(value)}; return a string (text), a Uint8Array (bytes), an array of records (CSV) or an object (JSON)`,
    )
  }
  const fileName = /\.[A-Za-z0-9]+$/.test(name) ? name : name + EXTENSIONS[content.type]
  return { name, fileName, builtin, content }
}

function toPlainJson(name: string, value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
  } catch (cause) {
    throw new ConfigError(
      'INVALID_ARTIFACT_VALUE',
      `artifact "${name}" returned a value that is not JSON-serialisable (${(cause as Error).message}); return plain data`,
      { cause },
    )
  }
}

/** What a value is, for messages: `undefined (no return value)`, `a function`, `the number 3`. */
function describe(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined (does fn return its value?)'
  if (Array.isArray(value)) return 'an array'
  switch (typeof value) {
    case 'object':
      return 'an object'
    case 'function':
      return 'a function (return its result, not the function)'
    case 'symbol':
      return `a symbol (${String(value)})`
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`
    default:
      return `the ${typeof value} ${String(value)}`
  }
}
